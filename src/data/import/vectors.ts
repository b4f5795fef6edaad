/**
 * Precomputed embeddings in an imported file: which columns hold vectors, each cell read as a
 * vector (a list of numbers, a JSON array in text, base64 or raw bytes of little-endian
 * float32, or the app's int8 and sign-bit columns, see ../embeddingsParquet), and the checks
 * before they are used: one length in every row, equal to the model's, finite numbers only.
 * Pure: the import worker runs it, and so do the unit tests.
 */
import { COLUMNS, unpackSignBits } from '../embeddingsParquet';
import { ImportError, where } from './issues';
import { VECTOR_MIN, type Table } from './table';
/** Rows looked at to tell whether a column holds vectors. */
const SNIFF_ROWS = 50;
/** A vector is unit length when its norm is within this of 1; others are scaled to unit length. */
const UNIT_TOLERANCE = 1e-3;

/** How a column's cells encode vectors: numbers (in any of the forms above), int8 codes, or sign bits. */
export type VectorEncoding = 'float' | 'int8' | 'binary';

export interface VectorColumn {
  column: string;
  encoding: VectorEncoding;
  /** The length seen most often in the first rows: numbers per vector (for sign bits, bytes × 8). */
  dims: number;
}

/** The cell of kept row `r` as read: a typed array or list from JSON/Parquet, else the text cell. */
export function rawCell(table: Table, column: string, r: number): unknown {
  const held = table.vectorCells?.get(column);
  if (held && held[r] !== undefined) return held[r];
  return table.rows[r]?.[table.columns.indexOf(column)];
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const NUMBER_LIST = /^[-+0-9.eE,\s]+$/;

function bytesToFloat32(bytes: Uint8Array): Float32Array | string {
  if (bytes.length % 4 !== 0) return `holds ${bytes.length} bytes, not a whole number of float32 values (4 bytes each)`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  // little-endian, whatever the machine: the byte order NumPy and PyTorch write on every common CPU
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function base64Bytes(text: string): Uint8Array | null {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function fromText(text: string): Float32Array | string {
  const t = text.trim();
  if (t === '') return 'has no vector';
  if (/NaN|Infinity/.test(t) && !BASE64.test(t)) return 'holds NaN or Infinity in its vector';
  if (t.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      return 'holds text that is not a JSON list of numbers where a vector should be';
    }
    return fromValue(value);
  }
  if (NUMBER_LIST.test(t) && t.includes(',')) return fromValue(t.split(',').map((x) => (x.trim() === '' ? NaN : Number(x))));
  if (BASE64.test(t)) {
    const bytes = base64Bytes(t);
    if (bytes) return bytesToFloat32(bytes);
  }
  return 'holds text that is not a vector (neither a list of numbers nor base64 float32)';
}

function fromValue(value: unknown): Float32Array | string {
  if (typeof value === 'string') return fromText(value);
  if (value instanceof Uint8Array) return bytesToFloat32(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) return 'holds whole numbers too large to be a vector';
    return Float32Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    const bad = value.findIndex((x) => typeof x !== 'number');
    if (bad >= 0 && value[bad] === null) return `holds an empty value (null or NaN) at position ${bad + 1} of its vector`;
    if (bad >= 0) return `holds ${JSON.stringify(value[bad])?.slice(0, 20) ?? 'a non-number'} at position ${bad + 1} of its vector, not a number`;
    return Float32Array.from(value as number[]);
  }
  if (value === null || value === undefined) return 'has no vector';
  return 'holds something that is not a vector';
}

/**
 * One cell as a vector of numbers, or what is wrong with it. NaN and Infinity are refused:
 * one of them makes every score with that profile NaN.
 */
export function parseVector(raw: unknown): Float32Array | string {
  const v = fromValue(raw);
  if (typeof v === 'string') return v;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) return `holds ${Number.isNaN(v[i]) ? 'NaN' : 'Infinity'} at position ${i + 1} of its vector`;
  }
  return v;
}

function asBytes(raw: unknown): Uint8Array | null {
  if (raw instanceof Uint8Array) return raw;
  if (typeof raw === 'string' && BASE64.test(raw.trim())) return base64Bytes(raw.trim());
  return null;
}

/** A cell of the app's int8 column (codes × the row's scale), or what is wrong with it. */
export function parseInt8Vector(raw: unknown, scale: unknown): Float32Array | string {
  const bytes = asBytes(raw);
  if (!bytes) return 'has no int8 codes';
  const s = typeof scale === 'number' ? scale : Number(scale ?? 1);
  if (!Number.isFinite(s) || s <= 0) return `has the int8 scale ${String(scale)}, not a positive number`;
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = ((bytes[i] << 24) >> 24) * s;
  return out;
}

/** The length of a cell in its column's own units: numbers, or for sign bits, bytes × 8. */
function cellLength(raw: unknown, encoding: VectorEncoding): number | null {
  if (encoding !== 'float') {
    const bytes = asBytes(raw);
    return bytes ? bytes.length * (encoding === 'binary' ? 8 : 1) : null;
  }
  if (typeof raw === 'string') {
    const t = raw.trim();
    // text only counts when it is plainly a list or a long base64 run, so ids and names never do
    if (!t.startsWith('[') && !(BASE64.test(t) && t.length >= 44)) return null;
  }
  const v = parseVector(raw);
  return typeof v === 'string' ? null : v.length;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) [best, bestCount] = [v, c];
  }
  return best;
}

/** The columns whose first rows mostly hold vectors of at least VECTOR_MIN numbers. */
export function findVectorColumns(table: Table): VectorColumn[] {
  const out: VectorColumn[] = [];
  const sample = Math.min(SNIFF_ROWS, table.rows.length);
  for (const column of table.columns) {
    if (column === COLUMNS.int8Scale) continue;
    const encoding: VectorEncoding = column === COLUMNS.int8 ? 'int8' : column === COLUMNS.binary ? 'binary' : 'float';
    const lengths: number[] = [];
    let filled = 0;
    for (let r = 0; r < sample; r++) {
      const raw = rawCell(table, column, r);
      if (raw === undefined || raw === null || raw === '') continue;
      filled++;
      const n = cellLength(raw, encoding);
      if (n !== null && n >= VECTOR_MIN) lengths.push(n);
    }
    if (filled > 0 && lengths.length * 2 >= filled) out.push({ column, encoding, dims: mostCommon(lengths) });
  }
  return out;
}

/** What the import is told about the vectors to use: a column, and the model that made them. */
export interface VectorChoice {
  column: string;
  encoding: VectorEncoding;
  /** The model's dimensions: every vector must have this many numbers. */
  dims: number;
  /** The model as named to the user, for messages. */
  model: string;
}

/** Sign bits come in whole bytes: a 100-d model's take 13 bytes (104 bits, the last 4 unused). */
function lengthFits(length: number, c: VectorChoice): boolean {
  return c.encoding === 'binary' ? length === Math.ceil(c.dims / 8) * 8 : length === c.dims;
}

/**
 * Every kept row's vector, or the reason its row is skipped. Throws an ImportError (nothing
 * imported) when the vectors' usual length is not the model's: the model named is then not
 * the one that made them.
 */
export function readVectorColumn(table: Table, c: VectorChoice): (Float32Array | string)[] {
  if (!table.columns.includes(c.column)) throw new ImportError(`There is no column "${c.column}" in this file.`);
  const unit = c.encoding === 'binary' ? 'bits' : 'numbers';
  const raw = table.rows.map((_, r) => rawCell(table, c.column, r));
  const parsed = raw.map((cell, r): Float32Array | string => {
    if (c.encoding === 'int8') return parseInt8Vector(cell, rawCell(table, COLUMNS.int8Scale, r));
    if (c.encoding === 'binary') {
      const bytes = asBytes(cell);
      return bytes ? unpackSignBits(bytes, bytes.length * 8) : 'has no sign bits';
    }
    return parseVector(cell);
  });
  const lengths = parsed.filter((v): v is Float32Array => typeof v !== 'string').map((v) => v.length);
  if (lengths.length === 0) {
    const first = parsed.findIndex((v) => typeof v === 'string');
    throw new ImportError(`No row has a usable vector in "${c.column}" (${where(table.rowNumbers[first], table.lines[first])} ${parsed[first] as string}). Choose "None" under Embeddings to embed the text instead.`);
  }
  const usual = mostCommon(lengths);
  if (!lengthFits(usual, c)) {
    const r = parsed.findIndex((v) => typeof v !== 'string' && v.length === usual);
    throw new ImportError(
      `The vectors in "${c.column}" have ${usual} ${unit} (${where(table.rowNumbers[r], table.lines[r])} and most others), but ${c.model} makes ${c.dims}: ` +
        `they come from another model. Choose the model that made them, or "None" under Embeddings to embed the text with ${c.model}.`,
    );
  }
  return parsed.map((v) => {
    if (typeof v === 'string') return `${v} in "${c.column}": fix or remove this row, or choose "None" under Embeddings`;
    if (v.length !== usual) {
      return `has a vector of ${v.length} ${unit} in "${c.column}", but the others have ${usual}, as ${c.model} makes: fix or remove this row`;
    }
    // the padding bits of the last byte are not dimensions
    if (c.encoding === 'binary') return v.slice(0, c.dims);
    if (v.every((x) => x === 0)) return `has a vector of zeros in "${c.column}", which matches nothing: fix or remove this row`;
    return v;
  });
}

/**
 * The kept rows' vectors as one row-major matrix, each scaled to unit length (cosine is a
 * dot product only then); `rescaled` counts the rows that were not unit length already.
 */
export function unitMatrix(vectors: readonly Float32Array[], dims: number): { matrix: Float32Array; rescaled: number } {
  const matrix = new Float32Array(vectors.length * dims);
  let rescaled = 0;
  vectors.forEach((v, i) => {
    let s = 0;
    for (let j = 0; j < dims; j++) s += v[j] * v[j];
    const norm = Math.sqrt(s);
    if (Math.abs(norm - 1) > UNIT_TOLERANCE) rescaled++;
    for (let j = 0; j < dims; j++) matrix[i * dims + j] = v[j] / norm;
  });
  return { matrix, rescaled };
}
