import { describe, expect, it } from 'vitest';
import { fitPca, projectPoint, projectPoints, type PcaModel } from '../../src/core/pca';
import type { EmbeddingMatrix } from '../../src/core/vectors';

function matrix(rows: number[][]): EmbeddingMatrix {
  return { vectors: Float32Array.from(rows.flat()), dim: rows[0].length };
}

function axis(model: PcaModel, c: number): number[] {
  const dim = model.mean.length;
  return Array.from(model.components.subarray(c * dim, (c + 1) * dim));
}

const dotp = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Deterministic pseudo-random numbers so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

// Points p0 + t * d on a line in 3-D, with d a unit vector.
const d = [1 / 3, 2 / 3, 2 / 3];
const p0 = [5, -1, 2];
const ts = [-2, -1, 0, 1, 3];
const line = matrix(ts.map((t) => p0.map((x, j) => x + t * d[j])));

/** 3-D cloud with variances roughly 9, 1 and 0.04 along x, y, z. */
function cloud(n: number, seed: number): EmbeddingMatrix {
  const next = rng(seed);
  return matrix(Array.from({ length: n }, () => [6 * (next() - 0.5) * 1.7, 2 * (next() - 0.5) * 1.7, 0.4 * (next() - 0.5) * 1.7]));
}

describe('fitPca', () => {
  it('finds the direction of points on a line, with all the variance', () => {
    const model = fitPca(line, 2);
    expect(Math.abs(dotp(axis(model, 0), d))).toBeCloseTo(1, 5);
    expect(model.explainedVariance[0]).toBeCloseTo(1, 5);
    expect(model.explainedVariance[1]).toBeCloseTo(0, 5);
    // Coordinates along the axis are the centred t values, up to the axis sign.
    const meanT = ts.reduce((a, b) => a + b, 0) / ts.length;
    const proj = projectPoints(model, line);
    const sign = Math.sign(dotp(axis(model, 0), d));
    ts.forEach((t, i) => expect(proj[i * 2]).toBeCloseTo(sign * (t - meanT), 4));
  });

  it('matches a hand-computed covariance: axes x then y, variance ratios 0.8 and 0.2', () => {
    // (+-2, 0), (0, +-1): var x = 8/3, var y = 2/3, no covariance.
    const model = fitPca(
      matrix([
        [2, 0],
        [-2, 0],
        [0, 1],
        [0, -1],
      ]),
      2,
    );
    expect(Array.from(model.mean)).toEqual([0, 0]);
    expect(Math.abs(axis(model, 0)[0])).toBeCloseTo(1, 6);
    expect(Math.abs(axis(model, 1)[1])).toBeCloseTo(1, 6);
    expect(model.explainedVariance[0]).toBeCloseTo(0.8, 6);
    expect(model.explainedVariance[1]).toBeCloseTo(0.2, 6);
  });

  it('gives orthonormal axes, descending variance ratios summing to at most 1', () => {
    const m = cloud(400, 2);
    const two = fitPca(m, 2);
    expect(dotp(axis(two, 0), axis(two, 0))).toBeCloseTo(1, 5);
    expect(dotp(axis(two, 1), axis(two, 1))).toBeCloseTo(1, 5);
    expect(dotp(axis(two, 0), axis(two, 1))).toBeCloseTo(0, 5);
    expect(two.explainedVariance[0]).toBeGreaterThan(two.explainedVariance[1]);
    expect(two.explainedVariance[0] + two.explainedVariance[1]).toBeLessThan(1);
    // The biggest spread is along x, then y.
    expect(Math.abs(axis(two, 0)[0])).toBeGreaterThan(0.99);
    expect(Math.abs(axis(two, 1)[1])).toBeGreaterThan(0.99);
    const all = fitPca(m, 3);
    expect(all.explainedVariance.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('fixes each axis sign so its largest entry is positive', () => {
    const model = fitPca(cloud(100, 8), 2);
    for (const c of [0, 1]) {
      const a = axis(model, c);
      const largest = a.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('is translation invariant', () => {
    const m = cloud(200, 3);
    const shift = [100, -50, 7];
    const moved = matrix(Array.from({ length: 200 }, (_, i) => [0, 1, 2].map((j) => m.vectors[i * 3 + j] + shift[j])));
    const a = fitPca(m, 2);
    const b = fitPca(moved, 2);
    for (const c of [0, 1]) expect(Math.abs(dotp(axis(a, c), axis(b, c)))).toBeCloseTo(1, 4);
    expect(b.explainedVariance[0]).toBeCloseTo(a.explainedVariance[0], 4);
    const pa = projectPoints(a, m);
    const pb = projectPoints(b, moved);
    for (let i = 0; i < pa.length; i++) {
      const c = i % 2;
      const sign = Math.sign(dotp(axis(a, c), axis(b, c)));
      expect(pb[i]).toBeCloseTo(sign * pa[i], 2);
    }
  });

  it('fits on a seeded sample of rows above maxRows, reproducibly', () => {
    const m = cloud(600, 4);
    const a = fitPca(m, 2, { maxRows: 100, seed: 9 });
    const b = fitPca(m, 2, { maxRows: 100, seed: 9 });
    expect(Array.from(b.components)).toEqual(Array.from(a.components));
    expect(Array.from(a.mean)).not.toEqual(Array.from(fitPca(m, 2).mean));
    expect(Math.abs(axis(a, 0)[0])).toBeGreaterThan(0.98);
  });

  it('spans nearly the same plane from a 2,000-row sample as from all 20,000 rows (the worker fits on a sample)', () => {
    // 32-D, standard deviations 5 and 3 on two random orthogonal-ish directions, 1 elsewhere
    const next = rng(17);
    const dim = 32;
    const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    const rows = Array.from({ length: 20_000 }, () => Array.from({ length: dim }, (_, j) => gauss() * (j === 3 ? 5 : j === 11 ? 3 : 1)));
    const m = matrix(rows);
    const full = fitPca(m, 2, { maxRows: 20_000 });
    const sampled = fitPca(m, 2, { maxRows: 2000, seed: 3 });
    // sum of squared cosines of the principal angles between the two planes: 2 when they coincide
    let overlap = 0;
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) overlap += dotp(axis(full, a), axis(sampled, b)) ** 2;
    expect(overlap).toBeGreaterThan(1.98);
    expect(sampled.explainedVariance[0]).toBeCloseTo(full.explainedVariance[0], 1);
  });

  it('returns a plain model that survives structured cloning (postMessage)', () => {
    const model = fitPca(cloud(50, 5), 2);
    const copy = structuredClone(model);
    expect(copy).toEqual(model);
    expect(copy.components).toBeInstanceOf(Float32Array);
    expect(Array.from(projectPoint(copy, [1, 2, 3]))).toEqual(Array.from(projectPoint(model, [1, 2, 3])));
  });

  it('rejects bad input', () => {
    expect(() => fitPca(matrix([[1, 2]]))).toThrow(/at least 2 rows/);
    expect(() => fitPca(line, 0)).toThrow(/between 1 and the dimension \(3\)/);
    expect(() => fitPca(line, 4)).toThrow(/between 1 and the dimension/);
  });
});

describe('projectPoint', () => {
  it('projects a new point with the fitted model, as by hand', () => {
    const m = cloud(100, 6);
    const model = fitPca(m, 2);
    const v = [0.3, -1.2, 4];
    const centred = v.map((x, j) => x - model.mean[j]);
    const p = projectPoint(model, v);
    expect(p).toHaveLength(2);
    expect(p[0]).toBeCloseTo(dotp(centred, axis(model, 0)), 5);
    expect(p[1]).toBeCloseTo(dotp(centred, axis(model, 1)), 5);
  });

  it('agrees with projectPoints row by row and does not refit', () => {
    const m = cloud(30, 7);
    const model = fitPca(m, 2);
    const before = Array.from(model.components);
    const all = projectPoints(model, m);
    for (let i = 0; i < 30; i++) {
      const p = projectPoint(model, m.vectors.subarray(i * 3, i * 3 + 3));
      expect(p[0]).toBe(all[i * 2]);
      expect(p[1]).toBe(all[i * 2 + 1]);
    }
    expect(Array.from(model.components)).toEqual(before);
  });

  it('rejects a vector of the wrong dimension', () => {
    const model = fitPca(line, 2);
    expect(() => projectPoint(model, [1, 2])).toThrow(/fitted on 3 dimensions but got 2/);
    expect(() => projectPoints(model, matrix([[1, 2]]))).toThrow(/fitted on 3 dimensions/);
  });
});
