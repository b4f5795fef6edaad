import { describe, expect, it } from 'vitest';
import { inertia, kmeansPlusPlus, nearestCentroid, nearestCentroids, runKMeans } from '../../src/core/kmeans';
import { sampleRowIndices } from '../../src/core/random';
import { kSweep, silhouetteScore } from '../../src/core/silhouette';
import { adjustedRandIndex, purity } from '../../src/core/clusterQuality';
import type { EmbeddingMatrix } from '../../src/core/vectors';

function matrix(rows: number[][]): EmbeddingMatrix {
  return { vectors: Float32Array.from(rows.flat()), dim: rows[0].length };
}

/** Deterministic pseudo-random numbers so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** Three tight, far-apart 2-D blobs of `per` points each; truth[i] is the blob of row i. */
function blobs(per: number, seed = 1): { m: EmbeddingMatrix; truth: number[] } {
  const next = rng(seed);
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  const rows: number[][] = [];
  const truth: number[] = [];
  // Interleave the blobs so row order says nothing about membership.
  for (let i = 0; i < per; i++) {
    centres.forEach(([x, y], b) => {
      rows.push([x + next() - 0.5, y + next() - 0.5]);
      truth.push(b);
    });
  }
  return { m: matrix(rows), truth };
}

describe('runKMeans', () => {
  it('recovers well-separated blobs exactly', () => {
    const { m, truth } = blobs(20);
    const result = runKMeans(m, 3, { seed: 1 });
    expect(purity(result.labels, truth)).toBe(1);
    expect(adjustedRandIndex(result.labels, truth)).toBe(1);
    expect(result.converged).toBe(true);
    expect(result.centroids.dim).toBe(2);
    expect(result.centroids.vectors.length).toBe(6);
  });

  it('is reproducible: same seed, identical labels and centroids', () => {
    const next = rng(9);
    // Structureless data, where the initialisation actually decides the outcome.
    const m = matrix(Array.from({ length: 200 }, () => [next(), next(), next()]));
    const a = runKMeans(m, 5, { seed: 123 });
    const b = runKMeans(m, 5, { seed: 123 });
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(b.centroids.vectors)).toEqual(Array.from(a.centroids.vectors));
    expect(b.inertia).toBe(a.inertia);
  });

  it('computes inertia as the sum of squared distances to the centroids', () => {
    // {0, 2} and {10, 12}: centroids 1 and 11, every point 1 away, so inertia 4.
    const m = matrix([[0], [10], [2], [12]]);
    const result = runKMeans(m, 2, { seed: 5 });
    expect(result.labels[0]).toBe(result.labels[2]);
    expect(result.labels[1]).toBe(result.labels[3]);
    expect(result.labels[0]).not.toBe(result.labels[1]);
    expect(result.centroids.vectors[result.labels[0]]).toBeCloseTo(1, 6);
    expect(result.centroids.vectors[result.labels[1]]).toBeCloseTo(11, 6);
    expect(result.inertia).toBeCloseTo(4, 6);
    expect(inertia(m, result.labels, result.centroids)).toBeCloseTo(4, 6);
  });

  it('reports every iteration and leaves each row at its nearest centroid', () => {
    const { m } = blobs(10, 3);
    const seen: number[] = [];
    const result = runKMeans(m, 3, { seed: 2, onIteration: (i) => seen.push(i) });
    expect(seen).toEqual(Array.from({ length: result.iterations }, (_, i) => i + 1));
    for (let i = 0; i < m.vectors.length / 2; i++) {
      expect(nearestCentroid(result.centroids, m.vectors.subarray(i * 2, i * 2 + 2))).toBe(result.labels[i]);
    }
  });

  it('stops at maxIterations and says it did not converge', () => {
    const next = rng(4);
    const m = matrix(Array.from({ length: 300 }, () => [next(), next()]));
    const result = runKMeans(m, 8, { seed: 1, maxIterations: 1 });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });

  it('rejects bad k, seeds and values', () => {
    const m = matrix([[0], [1], [2]]);
    expect(() => runKMeans(m, 1, { seed: 1 })).toThrow(/between 2 and the number of rows \(3\)/);
    expect(() => runKMeans(m, 4, { seed: 1 })).toThrow(/between 2/);
    expect(() => runKMeans(m, 2.5, { seed: 1 })).toThrow(/integer/);
    expect(() => runKMeans(m, 2, { seed: 0.5 })).toThrow(/seed/);
    expect(() => runKMeans(m, 2, { seed: 1, maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => runKMeans(matrix([[0], [NaN], [2]]), 2, { seed: 1 })).toThrow(/non-finite value in row 1/);
  });
});

describe('kmeansPlusPlus', () => {
  it('spreads the initial centres and is reproducible', () => {
    // 20 rows near 0 and 2 rows near 100: drawn uniformly, both candidates would often
    // come from the big group; weighted by squared distance, the second centre lands in
    // the other group from the first, whatever the seed.
    const m = matrix([...Array.from({ length: 20 }, (_, i) => [i / 100]), [100], [100.1]]);
    for (let seed = 1; seed <= 20; seed++) {
      const centres = kmeansPlusPlus(m, 2, seed);
      expect(centres).toHaveLength(2);
      expect(Math.abs(centres[0][0] - centres[1][0])).toBeGreaterThan(99);
      expect(kmeansPlusPlus(m, 2, seed)).toEqual(centres);
    }
  });

  it('copes with fewer distinct rows than k: k-means leaves a cluster empty', () => {
    const m = matrix([[1, 1], [1, 1], [1, 1]]);
    expect(kmeansPlusPlus(m, 2, 1)).toEqual([
      [1, 1],
      [1, 1],
    ]);
    const result = runKMeans(m, 2, { seed: 1 });
    expect(new Set(result.labels).size).toBe(1);
    expect(result.inertia).toBe(0);
  });
});

describe('nearestCentroid(s)', () => {
  // Unit query (1, 0). Dot product prefers c1 (0.6 > 0.5), but c1 is farther in euclidean
  // terms (0.8 vs 0.25 squared): we follow k-means' euclidean rule and pick c0.
  const centroids = matrix([
    [0.5, 0],
    [0.6, 0.8],
    [-1, 0],
  ]);

  it('uses euclidean distance, like the k-means assignment', () => {
    expect(nearestCentroid(centroids, [1, 0])).toBe(0);
  });

  it('ranks clusters nearest first and clamps n to k', () => {
    expect(nearestCentroids(centroids, [1, 0], 2)).toEqual([0, 1]);
    expect(nearestCentroids(centroids, [1, 0], 10)).toEqual([0, 1, 2]);
    expect(nearestCentroids(centroids, [-1, 0], 3)).toEqual([2, 0, 1]);
  });

  it('breaks ties towards the lower index', () => {
    const tied = matrix([
      [1, 0],
      [-1, 0],
    ]);
    expect(nearestCentroids(tied, [0, 1], 2)).toEqual([0, 1]);
  });

  it('rejects bad input', () => {
    expect(() => nearestCentroid(centroids, [1, 0, 0])).toThrow(/3 dimensions but the centroids have 2/);
    expect(() => nearestCentroids(centroids, [1, 0], 0)).toThrow(/positive integer/);
  });
});

describe('silhouetteScore', () => {
  it('matches a hand computation', () => {
    // 1-D clusters {0, 1} and {4, 5}. Every a(i) = 1.
    // x=0: b = (4 + 5) / 2 = 4.5, s = 3.5 / 4.5 = 7/9;  x=1: b = 3.5, s = 2.5 / 3.5 = 5/7;
    // x=4 and x=5 mirror them. Mean = (7/9 + 5/7) / 2 = 47/63.
    const m = matrix([[0], [1], [4], [5]]);
    expect(silhouetteScore(m, [0, 0, 1, 1])).toBeCloseTo(47 / 63, 12);
    // Ids are only names: relabelling and gaps change nothing.
    expect(silhouetteScore(m, [7, 7, 3, 3])).toBeCloseTo(47 / 63, 12);
  });

  it('scores singletons 0', () => {
    // {0, 1} and {4}: x=0: a=1, b=4, s=3/4; x=1: a=1, b=3, s=2/3; x=4: singleton, 0.
    const m = matrix([[0], [1], [4]]);
    expect(silhouetteScore(m, [0, 0, 1])).toBeCloseTo((3 / 4 + 2 / 3) / 3, 12);
  });

  it('uses euclidean, not squared, distance in several dimensions', () => {
    // {(0,0), (3,4)} and {(0,10)}. (0,0): a=5, b=10, s=1/2. (3,4): a=5, b=|(-3,6)|=sqrt(45).
    const m = matrix([
      [0, 0],
      [3, 4],
      [0, 10],
    ]);
    const s2 = (Math.sqrt(45) - 5) / Math.sqrt(45);
    expect(silhouetteScore(m, [0, 0, 1])).toBeCloseTo((0.5 + s2) / 3, 12);
  });

  it('samples deterministically above maxRows and stays close to the exact value', () => {
    const { m, truth } = blobs(100, 7);
    const exact = silhouetteScore(m, truth);
    const sampled = silhouetteScore(m, truth, { maxRows: 90, seed: 3 });
    expect(sampled).toBe(silhouetteScore(m, truth, { maxRows: 90, seed: 3 }));
    expect(sampled).not.toBe(exact);
    expect(Math.abs(sampled - exact)).toBeLessThan(0.02);
    expect(silhouetteScore(m, truth, { maxRows: 300 })).toBe(exact);
  });

  it('rejects a single cluster and mismatched labels', () => {
    const m = matrix([[0], [1], [2]]);
    expect(() => silhouetteScore(m, [0, 0, 0])).toThrow(/at least 2 non-empty clusters/);
    expect(() => silhouetteScore(m, [0, 1])).toThrow(/2 labels for 3 rows/);
    expect(() => silhouetteScore(m, [0, 1, -1])).toThrow(/non-negative integer/);
  });
});

describe('kSweep', () => {
  it('scores each k and peaks silhouette at the true number of blobs', () => {
    const { m } = blobs(15, 5);
    const progress: string[] = [];
    const sweep = kSweep(m, [2, 3, 4, 5], 1, (done, total) => progress.push(`${done}/${total}`));
    expect(sweep.map((p) => p.k)).toEqual([2, 3, 4, 5]);
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    const best = sweep.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(best.k).toBe(3);
    expect(sweep[1].inertia).toBeLessThan(sweep[0].inertia);
    expect(() => kSweep(m, [], 1)).toThrow(/no k values/);
    expect(() => kSweep(m, [3, 3], 1)).toThrow(/duplicate/);
  });
});

describe('sampleRowIndices', () => {
  it('returns distinct sorted indices, reproducibly', () => {
    const a = Array.from(sampleRowIndices(1000, 50, 11));
    expect(a).toHaveLength(50);
    expect(new Set(a).size).toBe(50);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(Array.from(sampleRowIndices(1000, 50, 11))).toEqual(a);
    expect(Array.from(sampleRowIndices(1000, 50, 12))).not.toEqual(a);
    expect(Array.from(sampleRowIndices(4, 9, 1))).toEqual([0, 1, 2, 3]);
  });
});
