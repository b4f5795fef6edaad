/**
 * The bundled model (scripts/build-bundled-model.ts) is a lookup table: its ONNX graph maps
 * each token id to an int8 row times a float32 scale, and mean pooling plus normalisation
 * make the sentence vector. This module reads that table from the ONNX file's initializers
 * and embeds token ids in plain JavaScript with the very same float32 arithmetic as ONNX
 * Runtime's graph followed by transformers.js' `mean_pooling` and `normalize(2, -1)`, so a
 * query can be embedded before ONNX Runtime has loaded (test/unit/lookupTable.test.ts holds
 * it equal to the ONNX path).
 */

export interface LookupTable {
  /** rows × dim int8 values, row-major. */
  table: Int8Array;
  /** One float32 scale per row. */
  scales: Float32Array;
  rows: number;
  dim: number;
}

/** Initializer names written by scripts/model/onnx.ts (buildStaticEmbeddingOnnx). */
export const TABLE_INITIALIZER = 'embeddings.word_embeddings.int8';
export const SCALE_INITIALIZER = 'embeddings.word_embeddings.scale';
const INT8 = 3;
const FLOAT = 1;

interface Field {
  no: number;
  wire: number;
  /** Varint value (wire 0) or the bytes (wire 2). */
  value: number | Uint8Array;
}

/** The fields of one protobuf message, in order (only the wire types an ONNX file uses). */
function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('The ONNX file ends inside a number.');
      const b = buf[pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) yield { no, wire, value: varint() };
    else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new Error('The ONNX file is cut short.');
      yield { no, wire, value: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`Unexpected protobuf wire type ${wire} in the ONNX file.`);
  }
}

interface Initializer {
  name: string;
  dataType: number;
  dims: number[];
  raw: Uint8Array;
}

function readTensor(buf: Uint8Array): Initializer {
  const t: Initializer = { name: '', dataType: 0, dims: [], raw: new Uint8Array(0) };
  for (const f of fields(buf)) {
    if (f.no === 1 && f.wire === 0) t.dims.push(f.value as number);
    else if (f.no === 1 && f.wire === 2) for (const d of fields(packedAsFields(f.value as Uint8Array))) t.dims.push(d.value as number);
    else if (f.no === 2) t.dataType = f.value as number;
    else if (f.no === 8) t.name = new TextDecoder().decode(f.value as Uint8Array);
    else if (f.no === 9) t.raw = f.value as Uint8Array;
  }
  return t;
}

/** A packed run of varints, re-read as fields numbered 1 (each varint gets a key byte 0x08). */
function packedAsFields(packed: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < packed.length; i++) {
    if (i === 0 || packed[i - 1] < 0x80) out.push(0x08);
    out.push(packed[i]);
  }
  return Uint8Array.from(out);
}

/** The int8 table and its scales from the bundled model's ONNX file; throws if the file is not such a table. */
export function readLookupTable(onnx: Uint8Array): LookupTable {
  const found = new Map<string, Initializer>();
  for (const m of fields(onnx)) {
    if (m.no !== 7 || m.wire !== 2) continue; // ModelProto.graph
    for (const g of fields(m.value as Uint8Array)) {
      if (g.no !== 5 || g.wire !== 2) continue; // GraphProto.initializer
      const t = readTensor(g.value as Uint8Array);
      if (t.name === TABLE_INITIALIZER || t.name === SCALE_INITIALIZER) found.set(t.name, t);
    }
  }
  const table = found.get(TABLE_INITIALIZER);
  const scale = found.get(SCALE_INITIALIZER);
  if (!table || !scale || table.dataType !== INT8 || scale.dataType !== FLOAT || table.dims.length !== 2) {
    throw new Error('This ONNX file is not a lookup-table model (no int8 word table with scales).');
  }
  const [rows, dim] = table.dims;
  if (table.raw.length !== rows * dim || scale.raw.length !== rows * 4) throw new Error('The lookup table and its scales do not match in size.');
  // copies, so the arrays are aligned and independent of the file's buffer
  const scales = new Float32Array(rows);
  const view = new DataView(scale.raw.buffer, scale.raw.byteOffset, scale.raw.byteLength);
  for (let i = 0; i < rows; i++) scales[i] = view.getFloat32(i * 4, true);
  const tab = new Int8Array(rows * dim);
  tab.set(new Int8Array(table.raw.buffer, table.raw.byteOffset, table.raw.length));
  return { table: tab, scales, rows, dim };
}

/**
 * One text's unit vector from its token ids (special tokens included, already cut to the
 * model's limit), written into `out` (length dim). The arithmetic follows the ONNX path step
 * by step: each token's row is int8 × float32 scale rounded to float32 (the graph's Mul);
 * mean pooling sums in float64 and rounds the mean to float32 (transformers.js'
 * `mean_pooling`); the norm accumulates squares in float32 and divides in float32
 * (`Tensor.normalize`). Ids outside the table give zero rows, as unknown words do. A text with
 * no known word gives a zero vector (the ONNX path gives NaN, which the worker zeroes too).
 */
export function embedTokenIds(t: LookupTable, ids: ArrayLike<number>, out: Float32Array): void {
  const { table, scales, dim, rows } = t;
  const n = ids.length;
  const f = Math.fround;
  let sumSquares = 0;
  for (let k = 0; k < dim; k++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const id = ids[j];
      if (id >= 0 && id < rows) sum += f(table[id * dim + k] * scales[id]);
    }
    const mean = f(sum / n);
    out[k] = mean;
    sumSquares = f(sumSquares + mean ** 2);
  }
  const norm = f(sumSquares ** (1 / 2));
  let finite = true;
  for (let k = 0; k < dim; k++) {
    out[k] = f(out[k] / norm);
    if (!Number.isFinite(out[k])) finite = false;
  }
  if (!finite) out.fill(0);
}
