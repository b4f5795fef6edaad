/** The import worker's work, callable in-process by tests. */
import { buildJobs, buildProfiles } from '../data/import/build';
import { decodeImportBytes } from '../data/import/decode';
import { ImportError } from '../data/import/issues';
import { MAX_EMBEDDINGS_FILE_BYTES, MAX_EMBEDDINGS_FILE_ROWS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, PREVIEW_ROWS } from '../data/import/limits';
import { isEmbeddingsLayout, readEmbeddingsFile } from '../data/import/embeddingsFile';
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { guessMapping, mappingProblem, type ColumnMapping, type ImportKind } from '../data/import/mapping';
import { detectFormat, parseTable, type Table } from '../data/import/table';
import { looksLikeParquet, parquetRowsTable, parquetTable } from '../data/import/parquet';
import { COLUMNS, META, embeddingsFileMapping } from '../data/embeddingsParquet';
import { findVectorColumns, readVectorColumn, unitMatrix, type VectorChoice } from '../data/import/vectors';
import { HubDatasetError } from '../data/import/hubDataset';
import { assertUnreachable } from '../core/assert';
import { HUB_CANCELLED, inspectHubDataset, loadHubRows, type HubInspection, type OpenedFile } from './hubSource';
import type { BuildProgress, BuildResult, HubConnection, ImportRequest, ImportResponse, ParseProgress, ParseResult } from './protocol';

/** Rows the mapping guess looks at. */
const GUESS_ROWS = 50;
const SKIPPED_SAMPLE = 20;

export interface ImportState {
  table: Table | null;
  /**
   * A file in the app's embeddings layout: `table` then holds only its first rows (for the
   * mapping step) and `build` reads the file again a row group at a time.
   */
  embeddingsFile: { file: AsyncBuffer; metadata: FileMetaData } | null;
  /** The last inspected Hub dataset: its files' footers, so loading does not read them again. */
  hub: { dataset: string; host: string; opened: OpenedFile[] } | null;
  /** Aborts the Hub request under way (Cancel). */
  hubAbort: AbortController | null;
}

export const createImportState = (): ImportState => ({ table: null, embeddingsFile: null, hub: null, hubAbort: null });

export function sizeProblem(bytes: number, max = MAX_IMPORT_BYTES): string | null {
  if (bytes <= max) return null;
  return `The file is ${(bytes / 1e6).toFixed(0)} MB; one import takes at most ${max / 1e6} MB. Split it into smaller files, or keep only the columns you need.`;
}

/** Rows of an embeddings-layout file read at parse time: enough to find the vector columns and show the preview. */
const EMBEDDINGS_SNIFF_ROWS = 50;

/**
 * The footer of a Parquet file in the app's embeddings layout, or null for any other file.
 * Such a file has its own limits (MAX_EMBEDDINGS_FILE_*): it is never held whole.
 */
async function embeddingsLayoutOf(file: AsyncBuffer): Promise<FileMetaData | null> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch {
    return null; // the generic reader reports what is wrong with it
  }
  if (!isEmbeddingsLayout(metadata)) return null;
  const problem = sizeProblem(file.byteLength, MAX_EMBEDDINGS_FILE_BYTES);
  if (problem) throw new ImportError(problem);
  const rows = Number(metadata.num_rows);
  if (rows > MAX_EMBEDDINGS_FILE_ROWS) {
    throw new ImportError(`The file has ${rows.toLocaleString('en-US')} profiles; a file with embeddings takes at most ${MAX_EMBEDDINGS_FILE_ROWS.toLocaleString('en-US')}. Split it with npm run embed -- --shard, or import the parts one by one.`);
  }
  return metadata;
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
  state.embeddingsFile = null;
  const options = { maxRows: MAX_IMPORT_ROWS, onProgress: (done: number, total: number) => onProgress({ phase: 'parsing', done, total }) };
  // over the generic limit, only a file named .parquet may be an embeddings file: others are refused unread
  if (typeof source !== 'string' && !/\.parquet$/i.test(name)) {
    const tooBig = sizeProblem(source.size);
    if (tooBig) throw new ImportError(tooBig);
  }
  const parquet = typeof source !== 'string' && looksLikeParquet(new Uint8Array(await source.slice(0, 4).arrayBuffer()), name);
  const file: AsyncBuffer | null = typeof source === 'string' ? null : { byteLength: source.size, slice: (start, end) => source.slice(start, end).arrayBuffer() };
  const layout = parquet && file ? await embeddingsLayoutOf(file) : null;
  if (file && layout) {
    const rows = await parquetReadObjects({ file, metadata: layout, rowStart: 0, rowEnd: Math.min(Number(layout.num_rows), EMBEDDINGS_SNIFF_ROWS) });
    const metadata = Object.fromEntries((layout.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? '']));
    const table = parquetRowsTable(rows, rows.length, options, metadata);
    state.table = table;
    state.embeddingsFile = { file, metadata: layout };
    return { ...parseResultOf(table, started), rowCount: Number(layout.num_rows) };
  }
  if (typeof source === 'string') {
    const tooBig = sizeProblem(source.length);
    if (tooBig) throw new ImportError(tooBig);
    if (source.trim() === '') throw new ImportError('Nothing was pasted: paste the rows, header first, and try again.');
  } else {
    const tooBig = sizeProblem(source.size);
    if (tooBig) throw new ImportError(tooBig);
  }
  let table: Table;
  if (parquet && file) {
    // columnar: hyparquet reads the footer, then only the column chunks it needs
    table = await parquetTable(file, options);
  } else {
    const text = typeof source === 'string' ? source : decodeImportBytes(await readBytes(source, onProgress));
    table = parseTable(text, detectFormat(name, text), options);
  }
  state.table = table;
  return parseResultOf(table, started);
}

function parseResultOf(table: Table, started: number): ParseResult {
  const { format } = table;
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

/** Profiles (and vectors) of an embeddings-layout file, read again a row group at a time; the profiles go out as `onProgress` chunks. */
async function handleEmbeddingsBuild(state: ImportState, mapping: ColumnMapping, vectors: VectorChoice | null, onProgress: (p: BuildProgress) => void): Promise<BuildResult> {
  const { table, embeddingsFile } = state;
  if (!table || !embeddingsFile) throw new ImportError('There is no parsed file to import: choose the file again.');
  const problem = mappingProblem(table.columns, mapping, 'profiles');
  if (problem) throw new ImportError(problem);
  const built = await readEmbeddingsFile(embeddingsFile.file, embeddingsFile.metadata, mapping, vectors, (done, total, profiles) => onProgress({ done, total, profiles }));
  return { jobs: [], profiles: built.profiles, skipped: built.skipped, vectors: built.vectors };
}

/** A fresh AbortController for a Hub request; a new request aborts the one before. */
function hubController(state: ImportState): AbortController {
  state.hubAbort?.abort();
  const controller = new AbortController();
  state.hubAbort = controller;
  return controller;
}

export async function handleHubInspect(state: ImportState, dataset: string, hub: HubConnection): Promise<HubInspection> {
  const { signal } = hubController(state);
  state.hub = null;
  const { inspection, opened } = await inspectHubDataset(dataset, { ...hub, signal });
  state.hub = { dataset, host: hub.host, opened };
  return inspection;
}

/** Reads the chosen columns into the table `build` uses; the table of an earlier import stays until this succeeds. */
export async function handleHubLoad(
  state: ImportState,
  dataset: string,
  hub: HubConnection,
  files: readonly string[],
  columns: readonly string[],
  onProgress: (p: ParseProgress) => void,
): Promise<ParseResult> {
  const started = performance.now();
  const { signal } = hubController(state);
  const known = state.hub;
  if (!known || known.dataset !== dataset || known.host !== hub.host) throw new ImportError(`Look up "${dataset}" again: its files were not read from this host yet.`);
  const chosen = known.opened.filter((o) => files.includes(o.info.path));
  if (chosen.length === 0) throw new ImportError('Choose at least one file to load.');
  if (columns.length === 0) throw new ImportError('Choose at least one column to load.');
  const { rows, total } = await loadHubRows(dataset, chosen, columns, MAX_IMPORT_ROWS, { ...hub, signal }, (p) =>
    onProgress({ phase: 'downloading', done: p.bytes, total: p.plannedBytes, rows: { done: p.rows, total: p.totalRows } }),
  );
  const table = parquetRowsTable(rows, total, { maxRows: MAX_IMPORT_ROWS });
  state.table = table;
  state.embeddingsFile = null;
  return parseResultOf(table, started);
}

export function handleHubAbort(state: ImportState): null {
  state.hubAbort?.abort();
  state.hubAbort = null;
  return null;
}

/** The buffers of a build's vectors, moved to the page rather than copied (hundreds of MB at a million). */
function transferOf(result: unknown): Transferable[] {
  const v = (result as BuildResult | null)?.vectors;
  return v ? [v.matrix.buffer, ...(v.int8 ? [v.int8.codes.buffer, v.int8.scales.buffer] : [])] : [];
}

/** One request, answered through `send` (the worker's postMessage; the tests' in-process worker). */
export async function handleRequest(state: ImportState, req: ImportRequest, send: (msg: ImportResponse, transfer?: Transferable[]) => void): Promise<void> {
  const progress = (p: ParseProgress | BuildProgress) => send({ id: req.id, type: 'progress', progress: p } as ImportResponse);
  try {
    let result: unknown;
    switch (req.type) {
      case 'parse':
        result = await handleParse(state, req.source, req.name, progress);
        break;
      case 'build':
        result = state.embeddingsFile && req.kind === 'profiles' ? await handleEmbeddingsBuild(state, req.mapping, req.vectors ?? null, progress) : handleBuild(state, req.mapping, req.kind, req.vectors);
        // built: the dialog moves on and a new import parses again, so the table's copy of every row goes now
        state.table = null;
        state.embeddingsFile = null;
        break;
      case 'hubInspect':
        result = await handleHubInspect(state, req.dataset, req.hub);
        break;
      case 'hubLoad':
        result = await handleHubLoad(state, req.dataset, req.hub, req.files, req.columns, progress);
        break;
      case 'hubAbort':
        result = handleHubAbort(state);
        break;
      default:
        assertUnreachable(req);
    }
    send({ id: req.id, type: 'result', result } as ImportResponse, req.type === 'build' ? transferOf(result) : []);
  } catch (err) {
    const message = err instanceof HubDatasetError && err.message === HUB_CANCELLED ? HUB_CANCELLED : err instanceof Error ? err.message : String(err);
    send({ id: req.id, type: 'error', message });
  }
}
