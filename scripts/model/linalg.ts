/**
 * Small deterministic dense linear algebra for the [n, dim] word tables (dim ≈ 100).
 */

/** Column means of a row-major [n, dim] matrix. */
export function columnMeans(x: Float64Array, n: number, dim: number): Float64Array {
  const mu = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) mu[i] += x[r * dim + i];
  for (let i = 0; i < dim; i++) mu[i] /= n;
  return mu;
}

/** In place: x_r ← x_r − mu for every row. */
export function subtractRow(x: Float64Array, n: number, dim: number, mu: Float64Array): void {
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) x[r * dim + i] -= mu[i];
}

/** Second-moment matrix XᵀX / n ([dim, dim], row-major); centred if `mean` is given. */
export function secondMoment(x: Float64Array, n: number, dim: number, mean?: Float64Array): Float64Array {
  const c = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dim; i++) row[i] = x[r * dim + i] - (mean ? mean[i] : 0);
    for (let i = 0; i < dim; i++) {
      const xi = row[i];
      if (xi === 0) continue;
      const ci = i * dim;
      for (let j = i; j < dim; j++) c[ci + j] += xi * row[j];
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      c[i * dim + j] /= n;
      c[j * dim + i] = c[i * dim + j];
    }
  }
  return c;
}

/**
 * Eigen-decomposition of a symmetric [dim, dim] matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching unit eigenvectors as rows of
 * `vectors` ([dim, dim]); each vector's sign is fixed so that its largest-magnitude
 * coordinate is positive. Deterministic: fixed sweep order, no randomness.
 */
export function symmetricEigen(m: Float64Array, dim: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) v[i * dim + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < dim; p++) for (let q = p + 1; q < dim; q++) off += a[p * dim + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < dim; p++) {
      for (let q = p + 1; q < dim; q++) {
        const apq = a[p * dim + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * dim + q] - a[p * dim + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < dim; k++) {
          const akp = a[k * dim + p];
          const akq = a[k * dim + q];
          a[k * dim + p] = c * akp - s * akq;
          a[k * dim + q] = s * akp + c * akq;
        }
        for (let k = 0; k < dim; k++) {
          const apk = a[p * dim + k];
          const aqk = a[q * dim + k];
          a[p * dim + k] = c * apk - s * aqk;
          a[q * dim + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < dim; k++) {
          const vkp = v[k * dim + p];
          const vkq = v[k * dim + q];
          v[k * dim + p] = c * vkp - s * vkq;
          v[k * dim + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(dim).keys()].sort((i, j) => a[j * dim + j] - a[i * dim + i] || i - j);
  const values = new Float64Array(dim);
  const vectors = new Float64Array(dim * dim);
  order.forEach((col, r) => {
    values[r] = a[col * dim + col];
    let argmax = 0;
    for (let k = 0; k < dim; k++) if (Math.abs(v[k * dim + col]) > Math.abs(v[argmax * dim + col])) argmax = k;
    const sign = v[argmax * dim + col] < 0 ? -1 : 1;
    for (let k = 0; k < dim; k++) vectors[r * dim + k] = sign * v[k * dim + col];
  });
  return { values, vectors };
}
