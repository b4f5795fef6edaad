/**
 * The app's "dataset with embeddings" Parquet layout (docs/embeddings-parquet.md): the
 * column names and metadata keys, the sign-bit packing, and the writer. The import reads
 * it back through src/data/import (parquet.ts, vectors.ts) with no embedding work.
 * Pure (no DOM): a Node command can write the same file with `writeEmbeddingsParquet`.
 */
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement, type Writer } from 'hyparquet-writer';
import { quantizeInt8 } from '../core/vectorIndex';
import type { ColumnMapping } from './import/mapping';

export const SCHEMA_VERSION = '1';

/** Column names. `embedding` and the int8/binary columns are each optional, but at least one is present. */
export const COLUMNS = {
  id: 'id',
  name: 'name',
  headline: 'headline',
  /** The composed text that was embedded (the document prefix is not part of it; see META.prefix). */
  text: 'text',
  /** Optional: the role, for evaluation. */
  label: 'label',
  /** list<float32>, unit length. */
  embedding: 'embedding',
  /** FIXED_LEN_BYTE_ARRAY(dims): signed int8 codes, value ≈ code × scale. */
  int8: 'embedding_int8',
  /** float32: one scale per row. */
  int8Scale: 'embedding_int8_scale',
  /** FIXED_LEN_BYTE_ARRAY(ceil(dims / 8)): bit j set when value j > 0, most significant bit first (numpy.packbits). */
  binary: 'embedding_binary',
} as const;

/** File key-value metadata keys. */
export const META = {
  schema: 'candidate-search.schema',
  /** The catalogue id of the model that made the vectors. */
  model: 'candidate-search.model',
  /** The model's quantization when it made them (fp32, fp16, q8, q4): the app's dtype, not the column type. */
  dtype: 'candidate-search.dtype',
  dims: 'candidate-search.dims',
  /** The document prefix the model saw before each text ('' when none). */
  prefix: 'candidate-search.prefix',
  /** 'true' when every `embedding` row is unit length. */
  normalized: 'candidate-search.normalized',
} as const;

export type StoredVectors = 'float32' | 'int8' | 'binary';

export interface EmbeddingsRow {
  id: string;
  name: string;
  headline: string;
  text: string;
  /** '' when the profile has no label. */
  label: string;
}

export interface EmbeddingsFile {
  rows: readonly EmbeddingsRow[];
  /** rows.length × dims values, row-major, unit rows. */
  vectors: Float32Array;
  dims: number;
  modelId: string;
  dtype: string;
  prefix: string;
  /** Which vector columns to write; float32 alone by default. */
  store?: readonly StoredVectors[];
}

/**
 * The mapping for a file in this layout (its metadata has META.schema): the `text` column
 * alone is what was embedded, so it is the text again; the vectors column is chosen by the
 * store, which knows the models.
 */
export function embeddingsFileMapping(columns: readonly string[]): ColumnMapping {
  const has = (c: string) => (columns.includes(c) ? c : null);
  return { id: has(COLUMNS.id), name: has(COLUMNS.name), headline: has(COLUMNS.headline), label: has(COLUMNS.label), text: columns.includes(COLUMNS.text) ? [COLUMNS.text] : [] };
}

/** Rows per write: a row group each, and a progress report (and a pause for the page) between them. */
const CHUNK_ROWS = 5000;

/** Sign bits of one vector, packed most significant bit first into ceil(dims / 8) bytes. */
export function packSignBits(v: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(Math.ceil(v.length / 8));
  for (let j = 0; j < v.length; j++) if (v[j] > 0) out[j >> 3] |= 0x80 >> (j & 7);
  return out;
}

/** Inverse of packSignBits: ±1 per dimension (not unit length). */
export function unpackSignBits(bytes: Uint8Array, dims: number): Float32Array {
  const out = new Float32Array(dims);
  for (let j = 0; j < dims; j++) out[j] = bytes[j >> 3] & (0x80 >> (j & 7)) ? 1 : -1;
  return out;
}

function schemaFor(dims: number, store: readonly StoredVectors[], labelled: boolean): SchemaElement[] {
  const str = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
  const out: SchemaElement[] = [str(COLUMNS.id), str(COLUMNS.name), str(COLUMNS.headline), str(COLUMNS.text)];
  if (labelled) out.push(str(COLUMNS.label));
  if (store.includes('float32')) {
    out.push(
      { name: COLUMNS.embedding, repetition_type: 'REQUIRED', num_children: 1, converted_type: 'LIST' },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
    );
  }
  if (store.includes('int8')) {
    out.push({ name: COLUMNS.int8, type: 'FIXED_LEN_BYTE_ARRAY', type_length: dims, repetition_type: 'REQUIRED' }, { name: COLUMNS.int8Scale, type: 'FLOAT', repetition_type: 'REQUIRED' });
  }
  if (store.includes('binary')) out.push({ name: COLUMNS.binary, type: 'FIXED_LEN_BYTE_ARRAY', type_length: Math.ceil(dims / 8), repetition_type: 'REQUIRED' });
  const top = out.filter((e) => e.name !== 'list' && e.name !== 'element').length;
  return [{ name: 'root', num_children: top }, ...out];
}

function columnsFor(file: EmbeddingsFile, start: number, end: number, store: readonly StoredVectors[], labelled: boolean) {
  const { rows, vectors, dims } = file;
  const part = rows.slice(start, end);
  const vec = (i: number) => vectors.subarray((start + i) * dims, (start + i + 1) * dims);
  const data: ColumnSource[] = [
    { name: COLUMNS.id, data: part.map((r) => r.id) },
    { name: COLUMNS.name, data: part.map((r) => r.name) },
    { name: COLUMNS.headline, data: part.map((r) => r.headline) },
    { name: COLUMNS.text, data: part.map((r) => r.text) },
  ];
  if (labelled) data.push({ name: COLUMNS.label, data: part.map((r) => r.label) });
  // hyparquet-writer takes plain arrays for lists, not typed arrays. Byte-stream-split floats
  // compress about 11 % smaller at the same speed; min/max statistics of a vector say nothing.
  if (store.includes('float32')) data.push({ name: COLUMNS.embedding, data: part.map((_, i) => Array.from(vec(i))), encoding: 'BYTE_STREAM_SPLIT', statistics: false });
  if (store.includes('int8')) {
    // one scale per row ('vector'): a row can be decoded on its own
    const q = quantizeInt8({ vectors: vectors.subarray(start * dims, end * dims), dim: dims }, 'vector');
    data.push({ name: COLUMNS.int8, data: part.map((_, i) => new Uint8Array(q.codes.buffer, q.codes.byteOffset + i * dims, dims)) });
    data.push({ name: COLUMNS.int8Scale, data: Array.from(q.scales) });
  }
  if (store.includes('binary')) data.push({ name: COLUMNS.binary, data: part.map((_, i) => packSignBits(vec(i))) });
  return data;
}

/**
 * Writes the file to `writer` (a ByteWriter in memory by default) a chunk of rows at a time,
 * reporting rows written and yielding to the event loop between chunks so a page stays
 * responsive. Resolves with the bytes when the writer is a ByteWriter.
 */
export async function writeEmbeddingsParquet(file: EmbeddingsFile, onProgress?: (done: number, total: number) => void, writer: Writer = new ByteWriter()): Promise<ArrayBuffer | null> {
  const store = file.store ?? ['float32'];
  if (store.length === 0) throw new Error('Choose at least one kind of vector to store.');
  if (file.vectors.length !== file.rows.length * file.dims) throw new Error(`${file.rows.length} rows need ${file.rows.length * file.dims} vector values, not ${file.vectors.length}.`);
  const labelled = file.rows.some((r) => r.label !== '');
  const pw = new ParquetWriter({
    writer,
    schema: schemaFor(file.dims, store, labelled),
    kvMetadata: [
      { key: META.schema, value: SCHEMA_VERSION },
      { key: META.model, value: file.modelId },
      { key: META.dtype, value: file.dtype },
      { key: META.dims, value: String(file.dims) },
      { key: META.prefix, value: file.prefix },
      { key: META.normalized, value: 'true' },
    ],
    createdBy: 'candidate-search',
  });
  const total = file.rows.length;
  for (let start = 0; start < total; start += CHUNK_ROWS) {
    const end = Math.min(total, start + CHUNK_ROWS);
    await pw.write({ columnData: columnsFor(file, start, end, store, labelled), rowGroupSize: CHUNK_ROWS });
    onProgress?.(end, total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await pw.finish();
  return writer instanceof ByteWriter ? writer.getBuffer() : null;
}
