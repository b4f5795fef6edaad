/**
 * A Hugging Face dataset read over the network, in the import worker: list its Parquet files,
 * read each file's footer with one range request from its end, then only the chosen columns'
 * byte ranges (hyparquet plans them from the footer). Every request goes through one fetch
 * that carries the caller's AbortSignal (Cancel), gives up on a silent host (the models'
 * stall guard), counts the bytes that arrive, and turns HTTP failures into sentences.
 */
import { asyncBufferFromUrl, parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { STALL_MARK, stallGuardedFetch } from '../embedding/stallFetch';
import {
  HubDatasetError,
  describeColumns,
  hubDatasetUrls,
  hubHttpProblem,
  nextPageUrl,
  parseParquetListing,
  parseTreeListing,
  plannedBytes,
  unionColumns,
  type HubColumn,
  type HubFileInfo,
  type HubParquetFile,
} from '../data/import/hubDataset';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HubSourceOptions {
  /** Where the Hub is: huggingface.co or a mirror the user confirmed, ending in '/'. */
  host: string;
  /** The host as shown on screen, for messages. */
  hostLabel: string;
  stallMs: number;
  signal?: AbortSignal;
  /** The network (tests pass their own); the global fetch by default. */
  fetch?: Fetch;
  /** Called with the size of every body chunk that arrives. */
  onBytes?: (bytes: number) => void;
}

/** Files read per lookup: a dataset split into more shards than this shows its first ones. */
export const MAX_HUB_FILES = 32;
/** Bytes read from a file's end to find its footer: one request for the footer of a typical dataset. */
export const FOOTER_FETCH_BYTES = 64 * 1024;

export const HUB_CANCELLED = 'Import cancelled.';

function cancelled(): HubDatasetError {
  return new HubDatasetError(HUB_CANCELLED);
}

/** A body that reports its bytes as they arrive. */
function counted(res: Response, onBytes: (n: number) => void): Response {
  if (!res.body) return res;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      onBytes(chunk.byteLength);
      out.enqueue(chunk);
    },
  });
  return new Response(res.body.pipeThrough(counter), { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** The fetch every dataset request goes through; `path` names the file in messages (none for listings). */
export function hubFetch(id: string, options: HubSourceOptions, path?: string): Fetch {
  const base: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const guarded = stallGuardedFetch(base, options.stallMs);
  return async (input, init) => {
    if (options.signal?.aborted) throw cancelled();
    let res: Response;
    try {
      res = await guarded(input, { ...init, signal: options.signal });
    } catch (err) {
      if (options.signal?.aborted) throw cancelled();
      const message = err instanceof Error ? err.message : String(err);
      if (message.includes(STALL_MARK)) {
        const wait = options.stallMs >= 1000 ? `${Math.round(options.stallMs / 1000)} s` : `${options.stallMs} ms`;
        throw new HubDatasetError(`${options.hostLabel} sent nothing for ${wait}, so reading "${id}" was stopped. Try again, or check the model mirror under Storage.`, { cause: err });
      }
      throw new HubDatasetError(`${options.hostLabel} could not be reached (${message}): you may be offline, or the host is down. The profiles on screen are unchanged.`, { cause: err });
    }
    if (!res.ok) {
      res.body?.cancel().catch(() => undefined);
      throw new HubDatasetError(hubHttpProblem(res.status, { id, host: options.hostLabel, path, errorCode: res.headers.get('X-Error-Code') }));
    }
    return options.onBytes ? counted(res, options.onBytes) : res;
  };
}

/** A JSON answer, or a clear message when the host sent a web page or something else. */
async function readJson(res: Response, hostLabel: string): Promise<unknown> {
  const type = res.headers.get('Content-Type') ?? '';
  const text = await res.text();
  if (/text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text)) {
    throw new HubDatasetError(`${hostLabel} answered with a web page instead of the Hub's JSON, so it is not a Hugging Face Hub (or mirror). Check the model mirror address under Storage.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HubDatasetError(`${hostLabel} did not answer with JSON, so it is not a Hugging Face Hub (or mirror). Check the model mirror address under Storage.`);
  }
}

/** The dataset's Parquet files: those in its repo (tree API, all pages), else the Hub's converted shards. */
export async function listHubParquet(id: string, options: HubSourceOptions): Promise<HubParquetFile[]> {
  const urls = hubDatasetUrls(options.host, id);
  const get = hubFetch(id, options);
  const files: HubParquetFile[] = [];
  for (let url: string | null = urls.tree; url; ) {
    const res = await get(url, { headers: { Accept: 'application/json' } });
    files.push(...parseTreeListing(await readJson(res, options.hostLabel), urls.resolve));
    url = nextPageUrl(res.headers.get('Link'));
  }
  if (files.length) return files;
  // no Parquet in the repo (CSV or JSON files): the Hub's dataset viewer converts most datasets to Parquet
  const res = await get(urls.parquet, { headers: { Accept: 'application/json' } });
  const shards = parseParquetListing(await readJson(res, options.hostLabel));
  if (shards.length === 0) {
    throw new HubDatasetError(`The dataset "${id}" has no Parquet files, and the Hub has not converted it to Parquet. Download its files from its Hub page and import them as files.`);
  }
  return shards;
}

/** A file as hyparquet reads it: byte ranges over HTTP (a HEAD first only when the listing gave no size). */
async function openFile(id: string, file: HubParquetFile, options: HubSourceOptions): Promise<AsyncBuffer> {
  return asyncBufferFromUrl({ url: file.url, byteLength: file.size ?? undefined, fetch: hubFetch(id, options, file.path) as typeof fetch });
}

function notParquet(file: HubParquetFile, err: unknown): HubDatasetError {
  if (err instanceof HubDatasetError) return err;
  const why = err instanceof Error ? err.message : String(err);
  return new HubDatasetError(`"${file.path}" is not a Parquet file this app can read (${why}). Choose another file, or download it and check it.`, { cause: err });
}

export interface OpenedFile {
  info: HubFileInfo;
  buffer: AsyncBuffer;
  metadata: FileMetaData;
}

/** Reads one file's footer (one or two range requests from its end). */
export async function inspectHubFile(id: string, file: HubParquetFile, options: HubSourceOptions): Promise<OpenedFile> {
  const buffer = await openFile(id, file, options);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer, { initialFetchSize: Math.min(FOOTER_FETCH_BYTES, buffer.byteLength) });
  } catch (err) {
    throw notParquet(file, err);
  }
  const { columns, columnBytes } = describeColumns(metadata);
  return { info: { ...file, size: buffer.byteLength, rows: Number(metadata.num_rows), columns, columnBytes }, buffer, metadata };
}

export interface HubInspection {
  id: string;
  hostLabel: string;
  files: HubFileInfo[];
  /** Parquet files past MAX_HUB_FILES, not read. */
  filesLeftOut: number;
  columns: HubColumn[];
  rows: number;
}

/** Lists the dataset's Parquet files and reads their footers: columns with types, rows per file. */
export async function inspectHubDataset(id: string, options: HubSourceOptions): Promise<{ inspection: HubInspection; opened: OpenedFile[] }> {
  const all = await listHubParquet(id, options);
  const files = all.slice(0, MAX_HUB_FILES);
  const opened: OpenedFile[] = [];
  // one at a time: a footer is small, and a failure names its file
  for (const f of files) opened.push(await inspectHubFile(id, f, options));
  const infos = opened.map((o) => o.info);
  return {
    inspection: { id, hostLabel: options.hostLabel, files: infos, filesLeftOut: all.length - files.length, columns: unionColumns(infos), rows: infos.reduce((n, f) => n + f.rows, 0) },
    opened,
  };
}

export interface HubLoadProgress {
  bytes: number;
  /** What the chosen columns' chunks add up to in the footers: the download expected. */
  plannedBytes: number;
  rows: number;
  totalRows: number;
}

/**
 * Reads the chosen columns of the chosen files, row group by row group (so progress moves and
 * Cancel takes effect between groups as well as inside a request), at most `maxRows` rows.
 */
export async function loadHubRows(
  id: string,
  files: readonly OpenedFile[],
  columns: readonly string[],
  maxRows: number,
  options: HubSourceOptions,
  onProgress: (p: HubLoadProgress) => void,
): Promise<{ rows: Record<string, unknown>[]; total: number }> {
  const planned = plannedBytes(
    files.map((f) => f.info),
    columns,
  );
  const totalRows = files.reduce((n, f) => n + f.info.rows, 0);
  let bytes = 0;
  const rows: Record<string, unknown>[] = [];
  const report = () => onProgress({ bytes, plannedBytes: planned, rows: rows.length, totalRows });
  const counting: HubSourceOptions = {
    ...options,
    onBytes: (n) => {
      bytes += n;
      options.onBytes?.(n);
    },
  };
  report();
  for (const f of files) {
    // a fresh buffer whose fetch counts: the inspection's was not counting this load
    const file = await openFile(id, f.info, counting);
    const wanted = columns.filter((c) => f.info.columns.some((x) => x.name === c));
    let start = 0;
    for (const group of f.metadata.row_groups) {
      const end = start + Number(group.num_rows);
      if (rows.length >= maxRows) break;
      if (options.signal?.aborted) throw cancelled();
      const rowEnd = Math.min(end, start + (maxRows - rows.length));
      try {
        rows.push(...(await parquetReadObjects({ file, metadata: f.metadata, columns: wanted, rowStart: start, rowEnd })));
      } catch (err) {
        if (options.signal?.aborted) throw cancelled();
        throw notParquet(f.info, err);
      }
      start = end;
      report();
    }
  }
  return { rows, total: totalRows };
}
