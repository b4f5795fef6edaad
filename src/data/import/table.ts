/**
 * Import text to a table of strings: a header of column names and one row per record,
 * for delimited text (Papa Parse: any delimiter, quoted fields with line breaks, CRLF),
 * a JSON list of objects, or JSON Lines. Rows that cannot be read are skipped with a
 * reason and their row and line; a problem with the whole file is an ImportError.
 * Pure (no DOM): the parse worker runs it, and so do the unit tests.
 */
import Papa from 'papaparse';
import { ImportError, where, type SkippedRow } from './issues';

export type ImportFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'parquet';

export interface Table {
  format: ImportFormat;
  /** The delimiter used (delimited text only). */
  delimiter: string | null;
  columns: string[];
  /** One array of `columns.length` cells per kept record. */
  rows: string[][];
  /** Record number (1-based, as in SkippedRow.row) of each kept row. */
  rowNumbers: number[];
  /** Line each kept row starts on (1-based), when known. */
  lines: (number | null)[];
  skipped: SkippedRow[];
  /** Things the user should know that skipped no row: renamed columns, the row limit reached. */
  notices: string[];
  /**
   * Cells holding vectors (lists of numbers, typed arrays, bytes) as read, by column, at the
   * kept row's index; the row itself holds a short stand-in such as "[384 numbers]".
   * Kept apart so 200,000 vectors never become text.
   */
  vectorCells?: Map<string, unknown[]>;
  /** The file's key-value metadata (Parquet), values shortened. */
  metadata?: Record<string, string>;
}

export interface ParseOptions {
  maxRows: number;
  /** Characters parsed so far of the whole text; called every few thousand rows. */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 5000;

/** The format from the file name, else from the first character of the text. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'json') return 'json';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'csv') return 'csv';
  const start = text.trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    // one object over the whole text is JSON; one per line is JSON Lines
    const firstLine = start.slice(0, start.indexOf('\n') >>> 0);
    try {
      JSON.parse(firstLine);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return 'csv';
}

export function parseTable(text: string, format: ImportFormat, options: ParseOptions): Table {
  switch (format) {
    case 'csv':
    case 'tsv':
      return parseDelimited(text, format, options);
    case 'json':
      return objectsToTable(jsonRecords(text), 'json', options);
    case 'jsonl':
      return objectsToTable(jsonlRecords(text), 'jsonl', options);
    case 'parquet':
      throw new ImportError('A Parquet file is read from its bytes, not as text.');
  }
}

/** Header cells that read like data rather than names: long, multi-line, or mostly numbers. */
function headerProblem(header: string[]): string | null {
  const cells = header.map((h) => h.trim());
  if (cells.every((c) => c === '')) return 'The first row is empty, so the file has no column names: add a header row such as id,name,headline,summary.';
  const long = cells.find((c) => c.length > 80 || c.includes('\n'));
  const numeric = cells.filter((c) => c !== '' && !Number.isNaN(Number(c))).length;
  if (long !== undefined || numeric > cells.length / 2) {
    const sample = (long ?? cells.join(', ')).slice(0, 60);
    return `The first row does not look like column names ("${sample}…"): add a header row such as id,name,headline,summary as the first line and import again.`;
  }
  return null;
}

/** Names for the header: blanks become "column N", repeats get " (2)", " (3)". */
function nameColumns(header: string[], notices: string[]): string[] {
  const seen = new Map<string, number>();
  const renamed: string[] = [];
  const names = header.map((raw, i) => {
    const base = raw.trim() || `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n === 1) return base;
    renamed.push(base);
    return `${base} (${n})`;
  });
  if (renamed.length) notices.push(`The header repeats ${[...new Set(renamed)].map((r) => `"${r}"`).join(', ')}; the repeats are numbered, e.g. "${renamed[0]} (2)".`);
  return names;
}

function emptyTable(format: ImportFormat, delimiter: string | null): Table {
  return { format, delimiter, columns: [], rows: [], rowNumbers: [], lines: [], skipped: [], notices: [] };
}

function limitNotice(max: number): string {
  return `The file has more than ${max.toLocaleString('en-US')} rows, the most one import takes; the first ${max.toLocaleString('en-US')} were read. Split the file to import the rest.`;
}

function parseDelimited(text: string, format: 'csv' | 'tsv', { maxRows, onProgress }: ParseOptions): Table {
  const table = emptyTable(format, null);
  let header: string[] | null = null;
  let record = 0;
  // line bookkeeping: newlines counted up to `counted`, so each row costs only its own length
  let counted = 0;
  let line = 1;
  let prevEnd = 0;
  let fatal: ImportError | null = null;
  Papa.parse<string[]>(text, {
    delimiter: format === 'tsv' ? '\t' : '',
    delimitersToGuess: [',', '\t', ';', '|'],
    skipEmptyLines: 'greedy',
    step: (results, parser) => {
      let start = prevEnd;
      while (start < text.length && (text[start] === '\n' || text[start] === '\r' || text[start] === ' ')) start++;
      for (; counted < start; counted++) if (text.charCodeAt(counted) === 10) line++;
      prevEnd = results.meta.cursor;
      table.delimiter = results.meta.delimiter;
      const cells = results.data;
      if (!header) {
        const problem = headerProblem(cells);
        if (problem) {
          fatal = new ImportError(problem);
          parser.abort();
          return;
        }
        header = cells;
        table.columns = nameColumns(cells, table.notices);
        return;
      }
      record++;
      const skip = (reason: string) => table.skipped.push({ row: record, line, reason, values: cells });
      const quote = results.errors.find((e) => e.type === 'Quotes');
      if (quote) {
        skip(`a quoted field opened on this row is never closed, so the rest of the file was read as one field: add the missing " and import again`);
        return;
      }
      let row = cells;
      if (row.length > header.length && row.slice(header.length).every((c) => c.trim() === '')) row = row.slice(0, header.length);
      if (row.length !== header.length) {
        skip(
          row.length > header.length
            ? `has ${row.length} fields but the header has ${header.length}: a field probably contains an unquoted "${printable(table.delimiter)}"; put that field in double quotes`
            : `has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${header.length}: add the missing fields (empty is fine, keep the separators)`,
        );
        return;
      }
      if (table.rows.length >= maxRows) {
        table.notices.push(limitNotice(maxRows));
        parser.abort();
        return;
      }
      table.rows.push(row);
      table.rowNumbers.push(record);
      table.lines.push(line);
      if (record % PROGRESS_EVERY === 0) onProgress?.(prevEnd, text.length);
    },
  });
  if (fatal) throw fatal;
  if (!header) throw new ImportError('The file has no rows: choose a file with a header row and at least one profile.');
  if (record === 0) throw new ImportError('The file has a header row but no profiles under it.');
  onProgress?.(text.length, text.length);
  return table;
}

function printable(delimiter: string | null): string {
  return delimiter === '\t' ? 'tab' : (delimiter ?? ',');
}

type JsonRecord = { value: unknown; row: number; line: number | null } | { error: string; row: number; line: number | null; raw: string };

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function jsonRecords(text: string): JsonRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    const at = pos ? ` at line ${lineAt(text, Number(pos[1]))}` : '';
    throw new ImportError(`The file is not valid JSON${at} (${message}). Fix it there, or if it holds one profile per line, name it .jsonl.`);
  }
  // {"profiles": [...]} (the bundled file's shape) or any object holding one list
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const lists = Object.values(value).filter(Array.isArray);
    if (lists.length === 1) value = lists[0];
  }
  if (!Array.isArray(value)) throw new ImportError('The JSON file must hold a list of profile objects, like [{"id": "1", "summary": "..."}].');
  return value.map((v, i) => ({ value: v, row: i + 1, line: null }));
}

function jsonlRecords(text: string): JsonRecord[] {
  const out: JsonRecord[] = [];
  const lines = text.split('\n');
  let row = 0;
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    row++;
    try {
      out.push({ value: JSON.parse(line), row, line: i + 1 });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      out.push({ error: `is not valid JSON (${message}): fix or remove this line`, row, line: i + 1, raw: line });
    }
  });
  return out;
}

/** One cell from a JSON value: texts as they are, lists of texts joined, other objects as JSON. */
export function cellOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(', ');
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
}

/** A table from already-parsed records (Parquet rows): objects are rows, anything else is skipped. */
export function recordsToTable(values: unknown[], format: ImportFormat, options: ParseOptions): Table {
  return objectsToTable(
    values.map((value, i) => ({ value, row: i + 1, line: null })),
    format,
    options,
  );
}

/** A list of at least this many numbers (or a typed array, or bytes) is a vector: kept as is, not as text. */
export const VECTOR_MIN = 8;

function vectorLength(v: unknown): number | null {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return (v as unknown as ArrayLike<number>).length;
  if (Array.isArray(v) && v.length >= VECTOR_MIN && v.every((x) => typeof x === 'number')) return v.length;
  return null;
}

/** The cell for row `r`: a vector goes to `table.vectorCells` and the row gets a stand-in. */
function cellOrVector(table: Table, column: string, v: unknown, r: number): string {
  const n = vectorLength(v);
  if (n === null) return cellOf(v);
  table.vectorCells ??= new Map();
  let held = table.vectorCells.get(column);
  if (!held) table.vectorCells.set(column, (held = []));
  held[r] = v;
  return `[${n} ${v instanceof Uint8Array ? 'bytes' : 'numbers'}]`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function objectsToTable(records: JsonRecord[], format: ImportFormat, { maxRows, onProgress }: ParseOptions): Table {
  const table = emptyTable(format, null);
  if (records.length === 0) throw new ImportError('The file holds no profiles (an empty list).');
  const kept: { obj: Record<string, unknown>; row: number; line: number | null }[] = [];
  const columns = new Set<string>();
  for (const r of records) {
    if ('error' in r) {
      table.skipped.push({ row: r.row, line: r.line, reason: r.error, values: [r.raw] });
      continue;
    }
    if (!isRecord(r.value)) {
      table.skipped.push({ row: r.row, line: r.line, reason: 'is not an object with named fields: each profile must look like {"id": ..., "summary": ...}', values: [cellOf(r.value)] });
      continue;
    }
    if (kept.length >= maxRows) {
      table.notices.push(limitNotice(maxRows));
      break;
    }
    for (const key of Object.keys(r.value)) columns.add(key);
    kept.push({ obj: r.value, row: r.row, line: r.line });
  }
  if (kept.length === 0) {
    const first = table.skipped[0];
    throw new ImportError(`No record in the file could be read${first ? `: ${where(first.row, first.line)} ${first.reason}` : ''}.`);
  }
  table.columns = [...columns];
  for (const k of kept) {
    const r = table.rows.length;
    table.rows.push(table.columns.map((c) => cellOrVector(table, c, k.obj[c], r)));
    table.rowNumbers.push(k.row);
    table.lines.push(k.line);
  }
  onProgress?.(1, 1);
  return table;
}
