/**
 * Parquet rows for an import (hyparquet: pure JavaScript, reads only the byte ranges it
 * needs). Columns of numeric vectors (precomputed embeddings) are left out with a notice:
 * this version embeds the text itself.
 */
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { ImportError } from './issues';
import { recordsToTable, type ParseOptions, type Table } from './table';

/** A list of at least this many numbers is a vector, not a value to read. */
const VECTOR_MIN = 8;

export const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];

export function looksLikeParquet(head: Uint8Array, fileName: string): boolean {
  return /\.parquet$/i.test(fileName) || PARQUET_MAGIC.every((b, i) => head[i] === b);
}

function isVector(v: unknown): boolean {
  if (ArrayBuffer.isView(v)) return true;
  return Array.isArray(v) && v.length >= VECTOR_MIN && v.every((x) => typeof x === 'number');
}

export async function parquetTable(file: AsyncBuffer, options: ParseOptions): Promise<Table> {
  let rows: Record<string, unknown>[];
  let total: number;
  let columns: string[];
  try {
    const metadata = await parquetMetadataAsync(file);
    total = Number(metadata.num_rows);
    columns = parquetSchema(metadata).children.map((c) => c.element.name);
    rows = await parquetReadObjects({ file, metadata, rowStart: 0, rowEnd: Math.min(total, options.maxRows) });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ImportError(`The Parquet file could not be read (${why}). It may be damaged or use a compression this app does not read (it reads uncompressed and Snappy); export it as CSV or JSONL instead.`, { cause: err });
  }
  return parquetRowsTable(rows, columns, total, options);
}

/** The table of Parquet rows (one file's, or several files' of a Hub dataset); `total` is the rows there were before the limit. */
export function parquetRowsTable(rows: Record<string, unknown>[], columns: string[], total: number, options: ParseOptions): Table {
  if (total === 0) throw new ImportError('The Parquet file has no rows.');
  const vectors = columns.filter((c) => rows.some((r) => isVector(r[c])));
  for (const r of rows) for (const c of vectors) delete r[c];
  const table = recordsToTable(rows, 'parquet', options);
  if (vectors.length) {
    table.notices.push(`Left out ${vectors.map((c) => `"${c}"`).join(', ')}: ${vectors.length === 1 ? 'it holds' : 'they hold'} vectors (precomputed embeddings), and this version embeds the text itself.`);
  }
  if (total > options.maxRows) {
    table.notices.push(`The file has ${total.toLocaleString('en-US')} rows, more than the ${options.maxRows.toLocaleString('en-US')} one import takes; the first ${options.maxRows.toLocaleString('en-US')} were read.`);
  }
  return table;
}
