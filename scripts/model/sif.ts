/**
 * SIF ("smooth inverse frequency", Arora, Liang & Ma, ICLR 2017) maths as pure functions.
 *
 * A SIF sentence vector is  v_s = (1/|s|) Σ_w a/(a+p(w)) · v_w  followed by removing the
 * projection onto the first principal component u of the corpus' sentence vectors:
 * v_s ← v_s − (u·v_s) u. Both steps are linear in the word vectors, so they can be baked
 * into the word table once: store  v'_w = a/(a+p(w)) · (v_w − (u·v_w) u)  and a plain mean
 * of the stored rows (what transformers.js' `pooling: 'mean'` does) equals the SIF vector.
 * (Removing u from every row, then averaging, is the same as averaging, then removing u.)
 * We estimate u from the weighted word table itself rather than from a sentence corpus:
 * there is no corpus at build time, and the dominant "common discourse" direction of GloVe
 * shows up in the word vectors as well. The full pipeline is in table.ts.
 *
 * All functions are deterministic (fixed iteration order, fixed start vector).
 */

/**
 * Unigram probabilities estimated from frequency rank with a Zipf–Mandelbrot law.
 * GloVe's vocabulary is sorted by corpus frequency but ships no counts, so
 * p(rank r) = (1 / (r + k)) / Σ_{i=1..n} 1 / (i + k), with r 1-based. k ≈ 2.7 is the
 * Mandelbrot offset that flattens the head of the curve (the top few words of English are
 * less dominant than a pure 1/r law predicts); the normalising sum runs over the *whole*
 * source vocabulary (n words), not just the words we keep, so the estimates are true
 * corpus-wide probabilities.
 */
export function zipfProbabilities(n: number, k = 2.7): Float64Array {
  const p = new Float64Array(n);
  let total = 0;
  for (let r = 1; r <= n; r++) {
    p[r - 1] = 1 / (r + k);
    total += p[r - 1];
  }
  for (let i = 0; i < n; i++) p[i] /= total;
  return p;
}

/** SIF weight a / (a + p(w)); a ≈ 1e-3 as in the paper. Frequent words → ~0, rare → ~1. */
export function sifWeight(p: number, a = 1e-3): number {
  return a / (a + p);
}

/** In place: x_r ← x_r − (u·x_r) u for every row (u must be unit length). */
export function removeComponent(x: Float64Array, n: number, dim: number, u: Float64Array): void {
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += x[o + i] * u[i];
    for (let i = 0; i < dim; i++) x[o + i] -= dot * u[i];
  }
}

/**
 * Symmetric per-row int8 quantisation: scale_r = max|x_r| / 127 (as float32),
 * q = round(x / scale) ∈ [−127, 127]. All-zero rows get scale 0 and q = 0.
 */
export function quantizeRowsInt8(x: Float64Array, n: number, dim: number): { table: Int8Array; scales: Float32Array } {
  const table = new Int8Array(n * dim);
  const scales = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    let maxAbs = 0;
    for (let i = 0; i < dim; i++) maxAbs = Math.max(maxAbs, Math.abs(x[o + i]));
    if (maxAbs === 0) continue;
    const scale = Math.fround(maxAbs / 127);
    scales[r] = scale;
    for (let i = 0; i < dim; i++) {
      table[o + i] = Math.max(-127, Math.min(127, Math.round(x[o + i] / scale)));
    }
  }
  return { table, scales };
}
