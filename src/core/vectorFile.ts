/**
 * A file of embeddings computed ahead of time (at build time, for the bundled profiles): each
 * row carries the hash of the exact text it belongs to and the file names the vectors'
 * source (the embedding cache's model key), so a reader can use a row only for exactly that
 * text and that model, and ignores everything else.
 *
 * Layout, little-endian:
 *   4 bytes   "CSV1"
 *   4 bytes   uint32 n: byte length of the header
 *   n bytes   UTF-8 JSON header { modelKey, dim, hashes: string[] } (one hash per row)
 *   0-3 bytes zero padding, so the rows start at a multiple of 4
 *   rows      hashes.length * dim float32 values, row after row
 */

const MAGIC = 'CSV1';

export interface VectorFile {
  /** The embedding cache's key for the vectors' source: model, weights, dtype, device, dims. */
  modelKey: string;
  dim: number;
  /** hashText of each row's text, exactly as the model saw it (prefix included). */
  hashes: string[];
  /** hashes.length * dim values. */
  vectors: Float32Array;
}

export function encodeVectorFile(file: VectorFile): Uint8Array {
  const { modelKey, dim, hashes, vectors } = file;
  if (!(dim > 0) || vectors.length !== hashes.length * dim) throw new Error(`${vectors.length} values for ${hashes.length} rows of ${dim}`);
  const header = new TextEncoder().encode(JSON.stringify({ modelKey, dim, hashes }));
  const start = Math.ceil((8 + header.length) / 4) * 4;
  const out = new Uint8Array(start + vectors.length * 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  for (let i = 0; i < vectors.length; i++) view.setFloat32(start + i * 4, vectors[i], true);
  return out;
}

/** Reads a vector file; throws with the reason when the bytes are not one (an HTML page, a truncated download). */
export function decodeVectorFile(buffer: ArrayBuffer): VectorFile {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('not a vector file');
  const view = new DataView(buffer);
  const length = view.getUint32(4, true);
  if (8 + length > bytes.length) throw new Error('the header is cut short');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Partial<VectorFile>;
  const { modelKey, dim, hashes } = header;
  if (typeof modelKey !== 'string' || typeof dim !== 'number' || !(dim > 0) || !Number.isInteger(dim) || !Array.isArray(hashes) || !hashes.every((h) => typeof h === 'string')) {
    throw new Error('the header has no model key, dimensions or hashes');
  }
  const start = Math.ceil((8 + length) / 4) * 4;
  const count = hashes.length * dim;
  if (bytes.length !== start + count * 4) throw new Error(`expected ${hashes.length} rows of ${dim} values`);
  const vectors = new Float32Array(count);
  for (let i = 0; i < count; i++) vectors[i] = view.getFloat32(start + i * 4, true);
  return { modelKey, dim, hashes, vectors };
}
