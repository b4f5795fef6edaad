/**
 * Rows of a large input file, read as a stream (never the whole file in memory): JSONL line
 * by line, CSV/TSV through Papa Parse's stream mode, Parquet a range of rows at a time (only
 * the ranges a shard needs are read at all). Rows are numbered from 0 in file order; blank
 * JSONL lines and empty CSV lines are not rows.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';

export type InputFormat = 'jsonl' | 'csv' | 'tsv' | 'parquet';
export type InputRecord = Record<string, unknown>;

export interface InputRow {
  row: number;
  record: InputRecord;
}

export interface InputFile {
  format: InputFormat;
  bytes: number;
  /** Known before reading for Parquet; else null until the end. */
  totalRows: number | null;
  /** Bytes consumed so far (for progress on text files). */
  bytesRead(): number;
  /** Rows seen so far, wanted or not (all of them once `rows` has finished). */
  rowsSeen(): number;
  /** The wanted rows in order; unwanted rows are counted but not parsed where the format allows. */
  rows(wanted: (row: number) => boolean, chunkRows: number): AsyncGenerator<InputRow>;
}

export function formatOf(path: string): InputFormat {
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.tsv$/i.test(path)) return 'tsv';
  if (/\.parquet$/i.test(path)) return 'parquet';
  throw new Error(`${path}: the input must end in .jsonl, .ndjson, .csv, .tsv or .parquet.`);
}

export async function openInput(path: string): Promise<InputFile> {
  const format = formatOf(path);
  const bytes = statSync(path).size;
  let seen = 0;
  if (format === 'parquet') {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    const total = Number(metadata.num_rows);
    let read = 0;
    return {
      format,
      bytes,
      totalRows: total,
      bytesRead: () => read,
      rowsSeen: () => seen,
      async *rows(wanted, chunkRows) {
        for (let start = 0; start < total; start += chunkRows) {
          const end = Math.min(total, start + chunkRows);
          seen = end;
          read = Math.round((bytes * end) / total);
          let any = false;
          for (let r = start; r < end && !any; r++) any = wanted(r);
          if (!any) continue;
          const records = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end });
          for (let i = 0; i < records.length; i++) if (wanted(start + i)) yield { row: start + i, record: records[i] };
        }
      },
    };
  }
  const stream = createReadStream(path);
  return {
    format,
    bytes,
    totalRows: null,
    bytesRead: () => stream.bytesRead,
    rowsSeen: () => seen,
    async *rows(wanted) {
      if (format === 'jsonl') {
        let line = 0;
        for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
          line++;
          if (text.trim() === '') continue;
          const row = seen++;
          if (!wanted(row)) continue;
          let record: unknown;
          try {
            record = JSON.parse(text);
          } catch (err) {
            throw new Error(`${path} line ${line}: not JSON (${err instanceof Error ? err.message : String(err)}).`, { cause: err });
          }
          if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error(`${path} line ${line}: each line must be one JSON object.`);
          yield { row, record: record as InputRecord };
        }
        return;
      }
      const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: 'greedy', delimiter: format === 'tsv' ? '\t' : '' });
      stream.pipe(parser);
      for await (const record of parser as AsyncIterable<InputRecord>) {
        const row = seen++;
        if (wanted(row)) yield { row, record };
      }
    },
  };
}
