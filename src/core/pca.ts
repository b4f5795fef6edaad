/**
 * PCA for the 2-D scatter: fit once on the profiles, then project profiles and the job
 * description with the same model (never refit per query, or the map would move).
 *
 * The model is plain typed arrays and numbers so it survives postMessage; ml-pca
 * instances do not.
 *
 * Speed: ml-pca's default SVD took ~7.5 s on just 5,000 x 384 rows (and its
 * 'covarianceMatrix' method ~9 s) in Node, too slow for a worker round trip. So we compute
 * the centred covariance (dim x dim) ourselves in a tight column-major loop and hand it to
 * ml-pca with `isCovarianceMatrix: true`, which only runs the dim x dim eigendecomposition
 * (~0.7 s for 384). Above `maxRows` rows (default 5,000) the covariance is estimated from a
 * seeded sample of rows: the top two axes of 5,000 rows are visually indistinguishable
 * from those of 20,000, and the cost stays O(maxRows * dim^2) whatever n is. Scaling is
 * off (centre only): embedding dimensions share one unit, and scaling would inflate noise
 * dimensions.
 */
import { PCA } from 'ml-pca';
import { sampleRowIndices } from './random';
import { rowCount, type EmbeddingMatrix } from './vectors';

export interface PcaModel {
  /** Mean row subtracted before projecting; length dim. */
  mean: Float32Array;
  /** Unit-length principal axes, components x dim, row-major, largest variance first. */
  components: Float32Array;
  /** Share of the total variance along each axis, in [0, 1]; sums to at most 1. */
  explainedVariance: number[];
}

export const DEFAULT_PCA_MAX_ROWS = 5000;

export interface PcaOptions {
  /** Rows used to fit; above this a seeded sample of this many rows is used. */
  maxRows?: number;
  /** Seed for the sample (ignored when all rows fit). */
  seed?: number;
}

export function fitPca(m: EmbeddingMatrix, components = 2, options: PcaOptions = {}): PcaModel {
  const n = rowCount(m);
  const dim = m.dim;
  const { maxRows = DEFAULT_PCA_MAX_ROWS, seed = 0 } = options;
  if (n < 2) throw new Error(`PCA needs at least 2 rows, got ${n}`);
  if (!Number.isInteger(components) || components < 1 || components > dim) {
    throw new Error(`PCA components must be an integer between 1 and the dimension (${dim}), got ${components}`);
  }
  if (!Number.isInteger(maxRows) || maxRows < 2) throw new Error(`PCA maxRows must be an integer >= 2, got ${maxRows}`);

  const picked = sampleRowIndices(n, Math.min(n, maxRows), seed);
  const s = picked.length;

  const mean = new Float64Array(dim);
  for (const i of picked) for (let j = 0; j < dim; j++) mean[j] += m.vectors[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= s;

  // Centred data, column-major, so each covariance entry is one contiguous dot product.
  const xt = new Float64Array(dim * s);
  picked.forEach((i, r) => {
    for (let j = 0; j < dim; j++) xt[j * s + r] = m.vectors[i * dim + j] - mean[j];
  });
  const covariance: number[][] = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const c = columnDot(xt, a * s, b * s, s) / (s - 1);
      covariance[a][b] = c;
      covariance[b][a] = c;
    }
  }

  const pca = new PCA(covariance, { isCovarianceMatrix: true });
  const eigenvectors = pca.getEigenvectors(); // dim x dim, one axis per column
  // Rounding can leave eigenvalues of a rank-deficient covariance slightly negative.
  const eigenvalues = pca.getEigenvalues().map((x) => Math.max(0, x));
  const total = eigenvalues.reduce((acc, x) => acc + x, 0);
  // Sorted here rather than trusting the library's order; ties keep the lower index.
  const order = eigenvalues.map((_, i) => i).sort((a, b) => eigenvalues[b] - eigenvalues[a] || a - b);

  const axes = new Float32Array(components * dim);
  const explainedVariance: number[] = [];
  for (let c = 0; c < components; c++) {
    const col = order[c];
    const axis = eigenvectors.getColumn(col);
    // An axis and its negation are equally valid; fix the sign (largest |entry| positive)
    // so refits on similar data do not mirror the plot.
    let pivot = 0;
    for (let j = 1; j < dim; j++) if (Math.abs(axis[j]) > Math.abs(axis[pivot])) pivot = j;
    const sign = axis[pivot] < 0 ? -1 : 1;
    for (let j = 0; j < dim; j++) axes[c * dim + j] = sign * axis[j];
    explainedVariance.push(total > 0 ? eigenvalues[col] / total : 0);
  }
  return { mean: Float32Array.from(mean), components: axes, explainedVariance };
}

/** Coordinates of every row on the model's axes: rows x components, row-major. */
export function projectPoints(model: PcaModel, m: EmbeddingMatrix): Float32Array {
  const dim = checkedDim(model, m.dim);
  const c = componentCount(model);
  const n = rowCount(m);
  const out = new Float32Array(n * c);
  for (let i = 0; i < n; i++) projectInto(model, m.vectors, i * dim, dim, c, out, i * c);
  return out;
}

/** Coordinates of one new vector (e.g. the job description) on the fitted axes. */
export function projectPoint(model: PcaModel, v: ArrayLike<number>): Float32Array {
  const dim = checkedDim(model, v.length);
  const c = componentCount(model);
  const out = new Float32Array(c);
  projectInto(model, v, 0, dim, c, out, 0);
  return out;
}

function projectInto(
  model: PcaModel,
  src: ArrayLike<number>,
  srcOff: number,
  dim: number,
  c: number,
  out: Float32Array,
  outOff: number,
): void {
  for (let k = 0; k < c; k++) {
    let acc = 0;
    const axisOff = k * dim;
    for (let j = 0; j < dim; j++) acc += (src[srcOff + j] - model.mean[j]) * model.components[axisOff + j];
    out[outOff + k] = acc;
  }
}

function checkedDim(model: PcaModel, dim: number): number {
  if (dim !== model.mean.length) {
    throw new Error(`PCA model was fitted on ${model.mean.length} dimensions but got ${dim}`);
  }
  return dim;
}

function componentCount(model: PcaModel): number {
  const c = model.explainedVariance.length;
  if (model.components.length !== c * model.mean.length) {
    throw new Error(`PCA model is inconsistent: ${model.components.length} axis values for ${c} x ${model.mean.length}`);
  }
  return c;
}

function columnDot(x: Float64Array, a: number, b: number, len: number): number {
  // Four accumulators: markedly faster in V8, and this loop is nearly all of the fit.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < len; i += 4) {
    s0 += x[a + i] * x[b + i];
    s1 += x[a + i + 1] * x[b + i + 1];
    s2 += x[a + i + 2] * x[b + i + 2];
    s3 += x[a + i + 3] * x[b + i + 3];
  }
  let s = s0 + s1 + s2 + s3;
  for (; i < len; i++) s += x[a + i] * x[b + i];
  return s;
}
