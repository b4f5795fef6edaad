/**
 * Compressed vector indexes for top-k search: a cheap scan over every row picks a shortlist,
 * then the shortlist is rescored exactly against the float rows, so every score returned is
 * the exact cosine (`scoreAll`'s value) and only membership of the top k can differ.
 *
 * - `int8`: each value stored in one signed byte, with a scale per dimension (the default)
 *   or per vector; the query is folded with the scales so the scan is one multiply-add per
 *   value over a quarter of the bytes.
 * - `binary`: one bit per dimension (the sign of the value minus the column mean), compared
 *   by Hamming distance with a popcount over 32-bit words: 32 dimensions per operation.
 *
 * Shortlist sizes are measured, not guessed: see `DEFAULT_SHORTLIST` and BENCHMARKS.md.
 */
import type { RankedHit } from './search';
import { topK } from './topK';
import { rowCount, rowDot, scoreAll, type EmbeddingMatrix } from './vectors';

export type IndexKind = 'exact' | 'int8' | 'binary';
export type Int8Scale = 'dimension' | 'vector';

export interface VectorIndex {
  readonly kind: IndexKind;
  readonly rows: number;
  readonly dim: number;
  /** Bytes the index adds on top of the float rows it rescores from. */
  readonly bytes: number;
  /** Rows rescored exactly per search (at least k); 0 for exact search, which scores all. */
  readonly shortlist: number;
  /** The k best rows for a unit query, best first, with exact cosine scores. */
  search(query: ArrayLike<number>, k: number): RankedHit[];
}

export interface IndexOptions {
  /** Rows rescored exactly: max(k, shortlist(rows)). */
  shortlist?: (rows: number) => number;
  int8Scale?: Int8Scale;
  /**
   * int8 codes that exist already (an embeddings file's, one scale per row): the index scans
   * them as they are instead of quantizing the float rows again. Their rows must be the
   * matrix's rows, in order.
   */
  int8Codes?: Int8Codes;
}

/**
 * Shortlist sizes, measured on the bundled model's embeddings of the bundled profiles with
 * the 80 job descriptions as queries (100-d, a 384-d random projection, and 100,000 rows
 * derived from them; BENCHMARKS.md, "Search at 100k"). int8 reached recall@10 = 1.0 from a
 * shortlist of 20 at every size, so 50 leaves a margin. Binary codes rank coarsely: recall
 * reached 0.99 at about 500 of 2,400 rows (100-d) and 5 % of 100,000 rows (384-d), so the
 * shortlist grows with the collection.
 */
export const DEFAULT_SHORTLIST: Record<Exclude<IndexKind, 'exact'>, (rows: number) => number> = {
  int8: () => 50,
  binary: (rows) => Math.max(500, Math.ceil(rows * 0.05)),
};

/**
 * Above this many stored values (rows x dim) the app ranks with an index instead of scoring
 * every row exactly. 100k x 384 exact takes about 1.3x the time to stream the matrix in
 * Chromium (tens of ms), well inside an interactive search, so the index only pays beyond.
 */
export const EXACT_MAX_VALUES = 100_000 * 384;

/**
 * The index the app uses for `rows` profiles of `dim` dimensions: exact while scoring every
 * row is cheap; beyond that binary codes when there are enough bits to rank by (>= 256
 * dimensions), else int8.
 */
export function chooseIndex(rows: number, dim: number): IndexKind {
  if (rows * dim <= EXACT_MAX_VALUES) return 'exact';
  return dim >= 256 ? 'binary' : 'int8';
}

export function buildIndex(kind: IndexKind, m: EmbeddingMatrix, options: IndexOptions = {}): VectorIndex {
  switch (kind) {
    case 'exact':
      return exactIndex(m);
    case 'int8':
      return int8Index(options.int8Codes ?? quantizeInt8(m, options.int8Scale ?? 'dimension'), m, options.shortlist ?? DEFAULT_SHORTLIST.int8);
    case 'binary':
      return binaryIndex(m, options.shortlist ?? DEFAULT_SHORTLIST.binary);
  }
}

function checkQuery(m: EmbeddingMatrix, query: ArrayLike<number>): void {
  if (query.length !== m.dim) throw new Error(`query has ${query.length} dimensions but the index has ${m.dim}`);
}

function exactIndex(m: EmbeddingMatrix): VectorIndex {
  return {
    kind: 'exact',
    rows: rowCount(m),
    dim: m.dim,
    bytes: 0,
    shortlist: 0,
    search(query, k) {
      const scores = scoreAll(m, query);
      return topK(scores, k).map((index) => ({ index, score: scores[index] }));
    },
  };
}

/**
 * Exact scores of the candidate rows, best k first (ties to the lower index), each rounded
 * to float32 exactly as `scoreAll` stores it.
 */
export function rescore(m: EmbeddingMatrix, query: ArrayLike<number>, candidates: readonly number[], k: number): RankedHit[] {
  const q = Float64Array.from(query);
  const hits = candidates.map((index) => ({ index, score: Math.fround(rowDot(m.vectors, index * m.dim, q)) }));
  hits.sort((a, b) => b.score - a.score || a.index - b.index);
  return hits.slice(0, k);
}

// ---- int8 ----

export interface Int8Codes {
  codes: Int8Array;
  /** One scale per dimension, or per row, by `scale`. */
  scales: Float32Array;
  scale: Int8Scale;
  dim: number;
}

/** Symmetric int8 quantization: value ≈ code * scale, codes in [-127, 127]. */
export function quantizeInt8(m: EmbeddingMatrix, scale: Int8Scale): Int8Codes {
  const n = rowCount(m);
  const { vectors, dim } = m;
  const scales = new Float32Array(scale === 'dimension' ? dim : n);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < dim; j++) {
      const a = Math.abs(vectors[r * dim + j]);
      const s = scale === 'dimension' ? j : r;
      if (a > scales[s]) scales[s] = a;
    }
  }
  for (let s = 0; s < scales.length; s++) scales[s] = scales[s] > 0 ? scales[s] / 127 : 1;
  const codes = new Int8Array(n * dim);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < dim; j++) {
      codes[r * dim + j] = Math.round(vectors[r * dim + j] / scales[scale === 'dimension' ? j : r]);
    }
  }
  return { codes, scales, scale, dim };
}

/**
 * Approximate dot products of the query with every row of the codes. The loop is a copy of
 * `scoreAll`'s on purpose: one function reading both Float32Array and Int8Array made both
 * about 1.8x slower in Chromium (the element loads turn polymorphic).
 */
export function scoreInt8(q8: Int8Codes, query: ArrayLike<number>): Float32Array {
  const { codes: c, scales, dim } = q8;
  const n = dim === 0 ? 0 : c.length / dim;
  const q = Float64Array.from(query);
  if (q8.scale === 'dimension') for (let j = 0; j < dim; j++) q[j] *= scales[j];
  const out = new Float32Array(n);
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const o0 = r * dim;
    const o1 = o0 + dim;
    const o2 = o1 + dim;
    const o3 = o2 + dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < dim; j++) {
      const qj = q[j];
      s0 += c[o0 + j] * qj;
      s1 += c[o1 + j] * qj;
      s2 += c[o2 + j] * qj;
      s3 += c[o3 + j] * qj;
    }
    out[r] = s0;
    out[r + 1] = s1;
    out[r + 2] = s2;
    out[r + 3] = s3;
  }
  for (; r < n; r++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += c[r * dim + j] * q[j];
    out[r] = s;
  }
  if (q8.scale === 'vector') for (let i = 0; i < n; i++) out[i] *= scales[i];
  return out;
}

function int8Index(q8: Int8Codes, m: EmbeddingMatrix, shortlist: (rows: number) => number): VectorIndex {
  if (q8.dim !== m.dim || q8.codes.length !== rowCount(m) * m.dim) throw new Error(`the int8 codes hold ${q8.codes.length} values, not ${rowCount(m)} rows of ${m.dim}`);
  return shortlistIndex('int8', m, q8.codes.byteLength + q8.scales.byteLength, shortlist, (query, count) => topK(scoreInt8(q8, query), count));
}

/** An index that picks `count` candidate rows cheaply, then rescores them exactly. */
function shortlistIndex(
  kind: IndexKind,
  m: EmbeddingMatrix,
  bytes: number,
  shortlist: (rows: number) => number,
  candidates: (query: ArrayLike<number>, count: number) => number[],
): VectorIndex {
  const rows = rowCount(m);
  const list = shortlist(rows);
  return {
    kind,
    rows,
    dim: m.dim,
    bytes,
    shortlist: list,
    search(query, k) {
      checkQuery(m, query);
      return rescore(m, query, candidates(query, Math.max(k, list)), k);
    },
  };
}

// ---- binary ----

export interface BinaryCodes {
  /** ceil(dim / 32) words per row; bit j of a row is set when value j > mean[j]. */
  bits: Uint32Array;
  mean: Float32Array;
  words: number;
}

/**
 * Sign bits of every row after subtracting the column means. Embeddings of one model share
 * a common direction (all cosines positive), so raw signs would agree on most bits; centring
 * spreads the codes so Hamming distance separates rows.
 */
export function binarize(m: EmbeddingMatrix): BinaryCodes {
  const n = rowCount(m);
  const { vectors, dim } = m;
  const mean = new Float32Array(dim);
  const sums = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0; j < dim; j++) sums[j] += vectors[r * dim + j];
  for (let j = 0; j < dim; j++) mean[j] = n > 0 ? sums[j] / n : 0;
  const words = Math.ceil(dim / 32);
  const bits = new Uint32Array(n * words);
  // One word at a time in a local int32: or-ing into a Uint32Array element reads back
  // numbers above 2^31, which V8 holds as doubles (a build about 10x slower).
  for (let r = 0; r < n; r++) {
    for (let w = 0; w < words; w++) {
      let word = 0;
      const end = Math.min(dim, (w + 1) * 32);
      for (let j = w * 32; j < end; j++) if (vectors[r * dim + j] > mean[j]) word |= 1 << (j & 31);
      bits[r * words + w] = word;
    }
  }
  return { bits, mean, words };
}

/** Bit j set when v[j] > offset[j]. */
export function signBits(v: ArrayLike<number>, offset: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(Math.ceil(v.length / 32));
  for (let j = 0; j < v.length; j++) if (v[j] > offset[j]) out[j >>> 5] |= 1 << (j & 31);
  return out;
}

/** Hamming distance from the query's code to every row's code. */
export function hammingAll(codes: BinaryCodes, queryBits: Uint32Array): Uint16Array {
  const { bits, words } = codes;
  const n = words === 0 ? 0 : bits.length / words;
  const out = new Uint16Array(n);
  for (let r = 0; r < n; r++) {
    let d = 0;
    const off = r * words;
    for (let w = 0; w < words; w++) {
      // SWAR popcount of the differing bits
      let x = bits[off + w] ^ queryBits[w];
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      d += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    out[r] = d;
  }
  return out;
}

/**
 * The `count` rows with the smallest distances (ties to the lower index), in index order:
 * a counting pass over the small integer distances instead of a heap.
 */
export function smallestDistances(distances: Uint16Array, count: number): number[] {
  const n = distances.length;
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  let max = 0;
  for (let i = 0; i < n; i++) if (distances[i] > max) max = distances[i];
  const histogram = new Uint32Array(max + 1);
  for (let i = 0; i < n; i++) histogram[distances[i]]++;
  // the cut-off distance, and how many rows at exactly that distance still fit
  let cut = 0;
  let below = 0;
  while (below + histogram[cut] < count) below += histogram[cut++];
  let atCut = count - below;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = distances[i];
    if (d < cut) out.push(i);
    else if (d === cut && atCut > 0) {
      out.push(i);
      atCut--;
    }
  }
  return out;
}

function binaryIndex(m: EmbeddingMatrix, shortlist: (rows: number) => number): VectorIndex {
  const codes = binarize(m);
  const origin = new Float32Array(m.dim);
  // The query is not centred: ranking by q·x equals ranking by q·(x − mean), whose sign
  // pattern the row codes hold.
  return shortlistIndex('binary', m, codes.bits.byteLength + codes.mean.byteLength, shortlist, (query, count) =>
    smallestDistances(hammingAll(codes, signBits(query, origin)), count),
  );
}

/** Share of the exact top k that the approximate top k found, over all queries. */
export function recallAtK(exact: readonly RankedHit[][], approx: readonly RankedHit[][]): number {
  let found = 0;
  let total = 0;
  exact.forEach((hits, q) => {
    const got = new Set(approx[q].map((h) => h.index));
    found += hits.filter((h) => got.has(h.index)).length;
    total += hits.length;
  });
  return total === 0 ? 1 : found / total;
}
