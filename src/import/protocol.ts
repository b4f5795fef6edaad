/**
 * Messages between the main thread and the import worker, which reads, decodes and parses
 * an imported file (src/data/import) so a 100 MB file never blocks the page. The worker
 * holds the table of the last `parse`; `build` turns it into profiles under a mapping.
 */
import type { ResponseOf } from '../core/rpc';
import type { SkippedRow } from '../data/import/issues';
import type { ColumnMapping, ImportKind } from '../data/import/mapping';
import type { ImportFormat } from '../data/import/table';
import type { VectorChoice, VectorColumn, VectorEncoding } from '../data/import/vectors';
import type { FileInt8Codes } from '../data/import/embeddingsFile';
import type { HubInspection, HubLoadProgress } from './hubSource';
import type { JobDescription, Profile } from '../data/schema';

export type ImportRequest =
  /** `source` is the file (a Blob) or pasted text; `name` gives the format by its extension. */
  | { id: number; type: 'parse'; source: Blob | string; name: string }
  /** `vectors`: the precomputed embeddings to use as is (profiles only), checked against the model's dimensions. */
  | { id: number; type: 'build'; mapping: ColumnMapping; kind: ImportKind; vectors?: VectorChoice | null }
  /** Lists a Hub dataset's Parquet files and reads their footers (the id is checked before it is sent). */
  | { id: number; type: 'hubInspect'; dataset: string; hub: HubConnection }
  /** Reads the chosen columns of the chosen files of the last inspected dataset into the table `build` uses. */
  | { id: number; type: 'hubLoad'; dataset: string; hub: HubConnection; files: string[]; columns: string[] }
  /** Stops the Hub request under way (its fetches are aborted); answers at once. */
  | { id: number; type: 'hubAbort' };

/** Where and how the worker reaches the Hub: the host the models use (the Hub or a confirmed mirror). */
export interface HubConnection {
  host: string;
  hostLabel: string;
  stallMs: number;
}

export interface ParseProgress {
  phase: 'reading' | 'parsing' | 'downloading';
  /** Bytes read (reading, downloading) or characters parsed (parsing), of `total`. */
  done: number;
  /** For downloading: the bytes the chosen columns take in the files' footers (an estimate). */
  total: number;
  /** Downloading: rows read so far, of all the chosen files' rows. */
  rows?: { done: number; total: number };
}

export type { HubInspection, HubLoadProgress };

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
  /** Columns that hold vectors (precomputed embeddings). */
  vectorColumns: VectorColumn[];
  /** The file's key-value metadata (Parquet), which may name the model of the vectors. */
  metadata: Record<string, string>;
  ms: number;
}

/** The precomputed embeddings of the built profiles, one unit row each, in the profiles' order. */
export interface BuiltVectors {
  matrix: Float32Array;
  dims: number;
  encoding: VectorEncoding;
  /** Rows that were not unit length and were scaled to it. */
  rescaled: number;
  /** An embeddings-layout file's own int8 codes, one row per profile, for the int8 index. */
  int8?: FileInt8Codes;
}

export interface BuildResult {
  /** Empty when building job descriptions. */
  profiles: Profile[];
  /** Empty when building profiles. */
  jobs: JobDescription[];
  skipped: SkippedRow[];
  vectors?: BuiltVectors | null;
}

/**
 * Building an embeddings-layout file: rows read so far and the profiles of the rows just
 * read. The worker keeps none of them, and the result then carries no profiles: the client
 * joins the chunks in order (ImportClient.build).
 */
export interface BuildProgress {
  done: number;
  total: number;
  profiles: Profile[];
}

export interface ImportResults {
  parse: ParseResult;
  build: BuildResult;
  hubInspect: HubInspection;
  hubLoad: ParseResult;
  hubAbort: null;
}

export interface ImportProgressMap {
  parse: ParseProgress;
  build: BuildProgress;
  hubInspect: never;
  hubLoad: ParseProgress;
  hubAbort: never;
}

export type ImportResponse = ResponseOf<ImportRequest, ImportResults, ImportProgressMap>;
