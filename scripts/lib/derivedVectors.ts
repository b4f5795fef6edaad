/**
 * Vectors derived from real embeddings, for the search benchmark and the index tests: a
 * random projection to another dimension and larger collections built from real rows.
 * Pure (no Node APIs), so the browser benchmark bundles it too.
 */
import { normalizeRows, rowCount, type EmbeddingMatrix } from '../../src/core/vectors';
import { seededRandom } from './timing';

/** Standard normal numbers from a seeded uniform source (Box-Muller). */
export function seededGaussian(seed: number): () => number {
  const next = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/**
 * Unit rows of x·Rᵀ for a seeded Gaussian R (`dim` x input dim): a Johnson-Lindenstrauss
 * projection, which keeps angles approximately, so neighbours stay neighbours.
 */
export function randomProjection(m: EmbeddingMatrix, dim: number, seed: number): EmbeddingMatrix {
  const gauss = seededGaussian(seed);
  const proj = Float64Array.from({ length: dim * m.dim }, gauss);
  const n = rowCount(m);
  const out = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    for (let d = 0; d < dim; d++) {
      let s = 0;
      for (let j = 0; j < m.dim; j++) s += proj[d * m.dim + j] * m.vectors[r * m.dim + j];
      out[r * dim + d] = s;
    }
  }
  return normalizeRows({ vectors: out, dim });
}

/**
 * `rows` unit vectors derived from real ones, for sizes beyond the bundled data: each is a
 * real row plus a random share (0 to 0.5) of another real row plus a little Gaussian noise,
 * so the collection keeps the real vectors' directions and spread without exact duplicates.
 */
export function derivedRows(real: EmbeddingMatrix, rows: number, seed: number, noise = 0.02): EmbeddingMatrix {
  const next = seededRandom(seed);
  const gauss = seededGaussian(seed + 1);
  const n = rowCount(real);
  const { dim } = real;
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const a = Math.floor(next() * n) * dim;
    const b = Math.floor(next() * n) * dim;
    const t = next() * 0.5;
    for (let j = 0; j < dim; j++) out[r * dim + j] = real.vectors[a + j] + t * real.vectors[b + j] + noise * gauss();
  }
  return normalizeRows({ vectors: out, dim });
}
