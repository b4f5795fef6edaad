/**
 * Messages between the main thread and the import worker, which reads, decodes and parses
 * an imported file (src/data/import) so a 100 MB file never blocks the page. The worker
 * holds the table of the last `parse`; `build` turns it into profiles under a mapping.
 */
import type { ResponseOf } from '../core/rpc';
import type { SkippedRow } from '../data/import/issues';
import type { ColumnMapping, ImportKind } from '../data/import/mapping';
import type { ImportFormat } from '../data/import/table';
import type { JobDescription, Profile } from '../data/schema';

export type ImportRequest =
  /** `source` is the file (a Blob) or pasted text; `name` gives the format by its extension. */
  | { id: number; type: 'parse'; source: Blob | string; name: string }
  | { id: number; type: 'build'; mapping: ColumnMapping; kind: ImportKind };

export interface ParseProgress {
  phase: 'reading' | 'parsing';
  /** Bytes read (reading) or characters parsed (parsing), of `total`. */
  done: number;
  total: number;
}

export interface ParseResult {
  format: ImportFormat;
  delimiter: string | null;
  columns: string[];
  /** The first rows, for the mapping step. */
  preview: string[][];
  /** Rows read (kept by the parser). */
  rowCount: number;
  /** Rows the parser could not read; the first few, and how many in all. */
  skippedSample: SkippedRow[];
  skippedCount: number;
  notices: string[];
  guess: ColumnMapping;
  ms: number;
}

export interface BuildResult {
  /** Empty when building job descriptions. */
  profiles: Profile[];
  /** Empty when building profiles. */
  jobs: JobDescription[];
  skipped: SkippedRow[];
}

export interface ImportResults {
  parse: ParseResult;
  build: BuildResult;
}

export interface ImportProgressMap {
  parse: ParseProgress;
  build: never;
}

export type ImportResponse = ResponseOf<ImportRequest, ImportResults, ImportProgressMap>;
