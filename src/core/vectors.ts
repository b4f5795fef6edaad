/**
 * Flat row-major matrices of embeddings. Rows are unit length after `normalizeRows`,
 * so cosine similarity is a plain dot product.
 */
export interface EmbeddingMatrix {
  /** rows * dim values; row i occupies [i * dim, (i + 1) * dim). */
  vectors: Float32Array;
  dim: number;
}

export function rowCount(m: EmbeddingMatrix): number {
  return m.dim === 0 ? 0 : m.vectors.length / m.dim;
}

export function row(m: EmbeddingMatrix, i: number): Float32Array {
  return m.vectors.subarray(i * m.dim, (i + 1) * m.dim);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`dot: length mismatch (${a.length} vs ${b.length})`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Scales a vector to unit length in place; a zero vector stays zero. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

export function normalizeRows(m: EmbeddingMatrix): EmbeddingMatrix {
  const n = rowCount(m);
  for (let i = 0; i < n; i++) normalizeInPlace(row(m, i));
  return m;
}

/**
 * Dot product of `query` with every row: one score per row.
 *
 * Four rows at a time: each row keeps its own running sum, added in the same order as a
 * plain loop (so every score is bit for bit the plain loop's), but the four sums are
 * independent, so the CPU overlaps their additions instead of waiting on one chain. A
 * single chain was about 2x the time of streaming the same bytes in Chromium; this is
 * about 1.3x (BENCHMARKS.md, "Search at 100k"). The query is copied to a Float64Array so
 * the loop reads one array type whatever the caller passed.
 */
export function scoreAll(m: EmbeddingMatrix, query: ArrayLike<number>): Float32Array {
  if (query.length !== m.dim) {
    throw new Error(`query has ${query.length} dimensions but the profiles have ${m.dim}`);
  }
  const n = rowCount(m);
  const out = new Float32Array(n);
  const { vectors: v, dim } = m;
  const q = Float64Array.from(query);
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
      s0 += v[o0 + j] * qj;
      s1 += v[o1 + j] * qj;
      s2 += v[o2 + j] * qj;
      s3 += v[o3 + j] * qj;
    }
    out[r] = s0;
    out[r + 1] = s1;
    out[r + 2] = s2;
    out[r + 3] = s3;
  }
  for (; r < n; r++) out[r] = rowDot(v, r * dim, q);
  return out;
}

/** Dot product of one row (starting at `offset`) with `q`, summed like `scoreAll` sums it. */
export function rowDot(vectors: Float32Array, offset: number, q: Float64Array): number {
  let s = 0;
  for (let j = 0; j < q.length; j++) s += vectors[offset + j] * q[j];
  return s;
}

/** The plain one-row-at-a-time loop `scoreAll` replaced: the reference its tests compare to. */
export function scoreAllPlain(m: EmbeddingMatrix, query: ArrayLike<number>): Float32Array {
  const n = rowCount(m);
  const out = new Float32Array(n);
  const { vectors, dim } = m;
  for (let r = 0; r < n; r++) {
    let s = 0;
    const off = r * dim;
    for (let j = 0; j < dim; j++) s += vectors[off + j] * query[j];
    out[r] = s;
  }
  return out;
}

/** Concatenates row blocks (e.g. worker batches) into one matrix, checking dimensions. */
export function concatRows(blocks: readonly EmbeddingMatrix[]): EmbeddingMatrix {
  if (blocks.length === 0) return { vectors: new Float32Array(0), dim: 0 };
  const dim = blocks[0].dim;
  let total = 0;
  for (const b of blocks) {
    if (b.dim !== dim) throw new Error(`dimension mismatch: ${b.dim} vs ${dim}`);
    total += b.vectors.length;
  }
  const vectors = new Float32Array(total);
  let off = 0;
  for (const b of blocks) {
    vectors.set(b.vectors, off);
    off += b.vectors.length;
  }
  return { vectors, dim };
}

/**
 * Replaces rows containing NaN with zeros, in place, and returns how many there were. A
 * model normalising an all-zero mean (a text with no word it knows) yields NaN; a zero
 * row instead scores 0 against everything, which reads as "no signal".
 */
export function zeroNonFiniteRows(m: EmbeddingMatrix): number {
  let bad = 0;
  const n = rowCount(m);
  for (let i = 0; i < n; i++) {
    const r = row(m, i);
    if (r.some((x) => !Number.isFinite(x))) {
      r.fill(0);
      bad++;
    }
  }
  return bad;
}

export function isZero(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cosine: length mismatch (${a.length} vs ${b.length})`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}
