/** The import worker's work, callable in-process by tests. */
import { buildJobs, buildProfiles } from '../data/import/build';
import { decodeImportBytes } from '../data/import/decode';
import { ImportError } from '../data/import/issues';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, PREVIEW_ROWS } from '../data/import/limits';
import { guessMapping, mappingProblem, type ColumnMapping, type ImportKind } from '../data/import/mapping';
import { detectFormat, parseTable, type Table } from '../data/import/table';
import { looksLikeParquet, parquetTable } from '../data/import/parquet';
import { COLUMNS, META, embeddingsFileMapping } from '../data/embeddingsParquet';
import { findVectorColumns, readVectorColumn, unitMatrix, type VectorChoice } from '../data/import/vectors';
import type { BuildResult, ParseProgress, ParseResult } from './protocol';

/** Rows the mapping guess looks at. */
const GUESS_ROWS = 50;
const SKIPPED_SAMPLE = 20;

export interface ImportState {
  table: Table | null;
}

export const createImportState = (): ImportState => ({ table: null });

export function sizeProblem(bytes: number): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  return `The file is ${(bytes / 1e6).toFixed(0)} MB; one import takes at most ${MAX_IMPORT_BYTES / 1e6} MB. Split it into smaller files, or keep only the columns you need.`;
}

/** The blob's bytes, read in chunks so progress can be reported. */
async function readBytes(blob: Blob, onProgress: (p: ParseProgress) => void): Promise<Uint8Array> {
  if (typeof blob.stream !== 'function') {
    // no streams (old browsers, jsdom): one read, one progress report
    const all = new Uint8Array(await blob.arrayBuffer());
    onProgress({ phase: 'reading', done: all.length, total: all.length });
    return all;
  }
  const out = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, offset);
    offset += value.length;
    onProgress({ phase: 'reading', done: offset, total: blob.size });
  }
  return out;
}

export async function handleParse(state: ImportState, source: Blob | string, name: string, onProgress: (p: ParseProgress) => void): Promise<ParseResult> {
  const started = performance.now();
  state.table = null;
  if (typeof source === 'string') {
    const tooBig = sizeProblem(source.length);
    if (tooBig) throw new ImportError(tooBig);
    if (source.trim() === '') throw new ImportError('Nothing was pasted: paste the rows, header first, and try again.');
  } else {
    const tooBig = sizeProblem(source.size);
    if (tooBig) throw new ImportError(tooBig);
  }
  const options = { maxRows: MAX_IMPORT_ROWS, onProgress: (done: number, total: number) => onProgress({ phase: 'parsing', done, total }) };
  let table: Table;
  if (typeof source !== 'string' && looksLikeParquet(new Uint8Array(await source.slice(0, 4).arrayBuffer()), name)) {
    // columnar: hyparquet reads the footer, then only the column chunks it needs
    table = await parquetTable({ byteLength: source.size, slice: (start, end) => source.slice(start, end).arrayBuffer() }, options);
  } else {
    const text = typeof source === 'string' ? source : decodeImportBytes(await readBytes(source, onProgress));
    table = parseTable(text, detectFormat(name, text), options);
  }
  const { format } = table;
  state.table = table;
  const vectorColumns = findVectorColumns(table);
  return {
    format,
    delimiter: table.delimiter,
    columns: table.columns,
    preview: table.rows.slice(0, PREVIEW_ROWS),
    rowCount: table.rows.length,
    skippedSample: table.skipped.slice(0, SKIPPED_SAMPLE),
    skippedCount: table.skipped.length,
    notices: table.notices,
    guess: table.metadata?.[META.schema]
      ? embeddingsFileMapping(table.columns)
      : guessMapping(
          table.columns,
          table.rows.slice(0, GUESS_ROWS),
          [...vectorColumns.map((v) => v.column), COLUMNS.int8Scale],
        ),
    vectorColumns,
    metadata: table.metadata ?? {},
    ms: performance.now() - started,
  };
}

export function handleBuild(state: ImportState, mapping: ColumnMapping, kind: ImportKind = 'profiles', vectors: VectorChoice | null = null): BuildResult {
  const { table } = state;
  if (!table) throw new ImportError('There is no parsed file to import: choose the file again.');
  const problem = mappingProblem(table.columns, mapping, kind);
  if (problem) throw new ImportError(problem);
  if (kind === 'jobs') return { profiles: [], ...buildJobs(table, mapping) };
  if (!vectors) {
    const { profiles, skipped } = buildProfiles(table, mapping);
    return { jobs: [], profiles, skipped };
  }
  const perRow = readVectorColumn(table, vectors);
  const built = buildProfiles(table, mapping, (r) => perRow[r]);
  const { matrix, rescaled } = unitMatrix(built.vectors, vectors.dims);
  return { jobs: [], profiles: built.profiles, skipped: built.skipped, vectors: { matrix, dims: vectors.dims, encoding: vectors.encoding, rescaled } };
}
