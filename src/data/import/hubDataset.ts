/**
 * A Hugging Face dataset as an import source, the pure parts: the Hub's URLs for a dataset,
 * its two listings (the tree API, and the Parquet API of the auto-converted files), the
 * columns a Parquet footer describes, and what an HTTP status means in words. The network
 * side runs in the import worker (src/import/hubSource.ts).
 *
 * The Hub's documented endpoints (huggingface.co/docs/hub/api; @huggingface/hub listFiles):
 *   GET {host}api/datasets/{id}/tree/{revision}?recursive=true  →  [{ type, path, size, lfs? }],
 *       paged by a `Link: <…>; rel="next"` header
 *   GET {host}api/datasets/{id}/parquet  →  { [config]: { [split]: [shard URLs] } }, each URL
 *       ({host}api/datasets/{id}/parquet/{config}/{split}/{n}.parquet) redirecting to the file
 *   GET {host}datasets/{id}/resolve/{revision}/{path}  →  the file, or a redirect to the Hub's
 *       storage host, where Range requests are answered with 206 and Content-Range
 */
import type { FileMetaData, SchemaTree } from 'hyparquet';
import { parquetSchema } from 'hyparquet';

export const HUB_REVISION = 'main';

export interface HubParquetFile {
  /** Path in the repo ("data/train-00000-of-00002.parquet"), or config/split/n for converted shards. */
  path: string;
  url: string;
  /** Bytes, when the listing says (the tree API does; the Parquet API does not). */
  size: number | null;
}

export interface HubColumn {
  name: string;
  /** As a person reads it: "string", "int64", "list<float32>", "struct". */
  type: string;
  /** A list of numbers: precomputed embeddings, not text to embed. */
  vector: boolean;
  /** Numbers per row of a vector column (its values over its rows in the footer), when known. */
  dims: number | null;
}

/** One inspected file: its rows and columns from its footer. */
export interface HubFileInfo extends HubParquetFile {
  rows: number;
  columns: HubColumn[];
  /** Compressed bytes per column over all row groups (what reading that column downloads). */
  columnBytes: Record<string, number>;
}

/** Why a dataset could not be listed or read, in words a user can act on. */
export class HubDatasetError extends Error {
  override name = 'HubDatasetError';
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

export function hubDatasetUrls(host: string, id: string) {
  const base = host.endsWith('/') ? host : `${host}/`;
  return {
    tree: `${base}api/datasets/${id}/tree/${HUB_REVISION}?recursive=true`,
    parquet: `${base}api/datasets/${id}/parquet`,
    page: `${base}datasets/${id}`,
    resolve: (path: string) => `${base}datasets/${id}/resolve/${HUB_REVISION}/${encodePath(path)}`,
  };
}

/** The next page of a paged Hub listing, from its Link header. */
export function nextPageUrl(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (m) return m[1];
  }
  return null;
}

function notAListing(what: string): HubDatasetError {
  return new HubDatasetError(`The host's ${what} is not in the Hub's format, so it is probably not a Hugging Face Hub (or mirror). Check the model mirror address under Storage.`);
}

/** The Parquet files in one page of the tree API's answer, in path order. */
export function parseTreeListing(body: unknown, resolve: (path: string) => string): HubParquetFile[] {
  if (!Array.isArray(body)) throw notAListing('file list');
  const out: HubParquetFile[] = [];
  for (const e of body as unknown[]) {
    if (!e || typeof e !== 'object') throw notAListing('file list');
    const { type, path, size, lfs } = e as { type?: unknown; path?: unknown; size?: unknown; lfs?: { size?: unknown } };
    if (type !== 'file' || typeof path !== 'string' || !/\.parquet$/i.test(path)) continue;
    // an LFS file's `size` is its content's; lfs.size says the same where both are given
    const bytes = typeof lfs?.size === 'number' ? lfs.size : typeof size === 'number' ? size : null;
    out.push({ path, url: resolve(path), size: bytes });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The shards of the Parquet API's answer ({ config: { split: [urls] } }), config by config. */
export function parseParquetListing(body: unknown): HubParquetFile[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw notAListing('Parquet list');
  const out: HubParquetFile[] = [];
  for (const [config, splits] of Object.entries(body as Record<string, unknown>)) {
    if (!splits || typeof splits !== 'object' || Array.isArray(splits)) throw notAListing('Parquet list');
    for (const [split, urls] of Object.entries(splits as Record<string, unknown>)) {
      if (!Array.isArray(urls) || urls.some((u) => typeof u !== 'string')) throw notAListing('Parquet list');
      (urls as string[]).forEach((url, n) => out.push({ path: `${config}/${split}/${n}.parquet`, url, size: null }));
    }
  }
  return out;
}

const NUMERIC = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE', 'INT96']);

function leafType(node: SchemaTree): string {
  const e = node.element;
  const logical = e.logical_type?.type;
  if (e.converted_type === 'UTF8' || logical === 'STRING' || logical === 'JSON' || e.converted_type === 'JSON') return 'string';
  if (logical === 'FLOAT16') return 'float16';
  switch (e.type) {
    case 'FLOAT':
      return 'float32';
    case 'DOUBLE':
      return 'float64';
    case 'INT32':
      return e.converted_type === 'DATE' ? 'date' : 'int32';
    case 'INT64':
      return e.converted_type?.startsWith('TIMESTAMP') || logical === 'TIMESTAMP' ? 'timestamp' : 'int64';
    case 'BOOLEAN':
      return 'bool';
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return 'binary';
    default:
      return e.type?.toLowerCase() ?? 'unknown';
  }
}

/** The element node of a 3-level (or legacy 2-level) LIST, or null when the node is no list. */
function listElement(node: SchemaTree): SchemaTree | null {
  const e = node.element;
  const repeated = node.children.length === 1 && node.children[0].element.repetition_type === 'REPEATED';
  if (e.converted_type !== 'LIST' && e.logical_type?.type !== 'LIST' && !repeated) return null;
  const inner = node.children[0];
  if (!inner) return null;
  return inner.children.length === 1 ? inner.children[0] : inner;
}

function typeOf(node: SchemaTree): { type: string; numericList: boolean } {
  const element = listElement(node);
  if (element) {
    const inner = element.children.length ? typeOf(element).type : leafType(element);
    return { type: `list<${inner}>`, numericList: element.children.length === 0 && (NUMERIC.has(element.element.type ?? '') || element.element.logical_type?.type === 'FLOAT16') };
  }
  if (node.children.length) return { type: 'struct', numericList: false };
  return { type: leafType(node), numericList: false };
}

/** The top-level columns a file's footer describes, with what each column chunk costs to read. */
export function describeColumns(metadata: FileMetaData): { columns: HubColumn[]; columnBytes: Record<string, number> } {
  const rows = Number(metadata.num_rows);
  const columnBytes: Record<string, number> = {};
  const values: Record<string, number> = {};
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const top = chunk.meta_data?.path_in_schema[0];
      if (!top || !chunk.meta_data) continue;
      columnBytes[top] = (columnBytes[top] ?? 0) + Number(chunk.meta_data.total_compressed_size);
      values[top] = (values[top] ?? 0) + Number(chunk.meta_data.num_values);
    }
  }
  const columns = parquetSchema(metadata).children.map((node): HubColumn => {
    const name = node.element.name;
    const { type, numericList } = typeOf(node);
    // a list column's leaf holds one value per number (plus one per empty row): its mean length
    const dims = numericList && rows > 0 && values[name] ? Math.round(values[name] / rows) : null;
    return { name, type, vector: numericList, dims };
  });
  return { columns, columnBytes };
}

/** The columns of several files: the first file's order, then any the others add. */
export function unionColumns(files: readonly { columns: readonly HubColumn[] }[]): HubColumn[] {
  const seen = new Map<string, HubColumn>();
  for (const f of files) for (const c of f.columns) if (!seen.has(c.name)) seen.set(c.name, c);
  return [...seen.values()];
}

/** Bytes that reading these columns of these files downloads, from the footers (the ranges hyparquet asks for). */
export function plannedBytes(files: readonly HubFileInfo[], columns: readonly string[]): number {
  let n = 0;
  for (const f of files) for (const c of columns) n += f.columnBytes[c] ?? 0;
  return n;
}

export interface HttpProblemContext {
  id: string;
  /** The host as shown on screen ("huggingface.co", "127.0.0.1:5190"). */
  host: string;
  /** The file, when the request was for one; the dataset's listing otherwise. */
  path?: string;
  /** The Hub's X-Error-Code header (GatedRepo, RepoNotFound, EntryNotFound, …). */
  errorCode?: string | null;
}

/** What an HTTP error status from the Hub means for this dataset, and what to do. */
export function hubHttpProblem(status: number, { id, host, path, errorCode }: HttpProblemContext): string {
  const what = path ? `"${path}" of the dataset "${id}"` : `the dataset "${id}"`;
  if (errorCode === 'GatedRepo' || status === 403) {
    return `${host} refused ${what} (${status}): it is gated. Accept its terms on its Hub page (https://huggingface.co/datasets/${id}) while logged in. This app sends no Hub login, so if it is still refused, download its Parquet files there and import them as files.`;
  }
  if (status === 401) {
    // the Hub answers 401 both for private datasets and for ids that do not exist
    return `${host} has no public dataset "${id}" (401): check the id, or, if it is private or gated, open its Hub page (https://huggingface.co/datasets/${id}) while logged in and accept its terms. This app sends no Hub login, so a private dataset can only be imported from downloaded files.`;
  }
  if (status === 404) {
    if (errorCode === 'RevisionNotFound') return `The dataset "${id}" on ${host} has no "${HUB_REVISION}" branch (404).`;
    return path && errorCode !== 'RepoNotFound' ? `${host} has no file "${path}" in the dataset "${id}" (404): it may have been moved or deleted. Look the dataset up again.` : `There is no dataset "${id}" on ${host} (404): check the id (it looks like "organisation/dataset-name").`;
  }
  if (status === 416) return `${host} could not send the asked part of "${path ?? id}" (416): the file changed while it was being read. Look the dataset up again.`;
  if (status === 429) return `${host} is limiting requests (429): wait a minute and try again.`;
  if (status >= 500) return `${host} failed (${status}) while sending ${what}: try again later.`;
  return `${host} answered ${status} for ${what}.`;
}
