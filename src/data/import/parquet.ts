/**
 * Parquet rows for an import (hyparquet: pure JavaScript, reads only the byte ranges it
 * needs). Columns of vectors (precomputed embeddings) are kept as read, apart from the
 * text cells (Table.vectorCells), and the file's key-value metadata goes with the table,
 * since it may name the model that made them.
 */
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from 'hyparquet';
import { ImportError } from './issues';
import { recordsToTable, type ParseOptions, type Table } from './table';

/** Metadata values are kept to this many characters (some files hold a whole JSON schema there). */
const METADATA_CHARS = 500;

export const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];

export function looksLikeParquet(head: Uint8Array, fileName: string): boolean {
  return /\.parquet$/i.test(fileName) || PARQUET_MAGIC.every((b, i) => head[i] === b);
}

export async function parquetTable(file: AsyncBuffer, options: ParseOptions): Promise<Table> {
  let rows: Record<string, unknown>[];
  let total: number;
  let metadata: Record<string, string>;
  try {
    const meta = await parquetMetadataAsync(file);
    total = Number(meta.num_rows);
    metadata = Object.fromEntries((meta.key_value_metadata ?? []).map((kv) => [kv.key, (kv.value ?? '').slice(0, METADATA_CHARS)]));
    rows = await parquetReadObjects({ file, metadata: meta, rowStart: 0, rowEnd: Math.min(total, options.maxRows) });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ImportError(`The Parquet file could not be read (${why}). It may be damaged or use a compression this app does not read (it reads uncompressed and Snappy); export it as CSV or JSONL instead.`, { cause: err });
  }
  return parquetRowsTable(rows, total, options, metadata);
}

/**
 * The table of Parquet rows (one file's, or several files' of a Hub dataset); `total` is the
 * rows there were before the limit, `metadata` the file's key-value metadata.
 */
export function parquetRowsTable(rows: Record<string, unknown>[], total: number, options: ParseOptions, metadata: Record<string, string> = {}): Table {
  if (total === 0) throw new ImportError('The Parquet file has no rows.');
  const table = recordsToTable(rows, 'parquet', options);
  table.metadata = metadata;
  if (total > options.maxRows) {
    table.notices.push(`The file has ${total.toLocaleString('en-US')} rows, more than the ${options.maxRows.toLocaleString('en-US')} one import takes; the first ${options.maxRows.toLocaleString('en-US')} were read.`);
  }
  return table;
}
