import { describe, expect, it } from 'vitest';
import { runKMeans } from '../../src/core/kmeans';
import { lloyd, runKMeansFast } from '../../src/core/kmeansFast';
import { adjustedRandIndex } from '../../src/core/clusterQuality';
import { mulberry32 } from '../../src/core/random';
import type { EmbeddingMatrix } from '../../src/core/vectors';

/** `blobs` Gaussian-ish blobs in `dim` dimensions, `per` rows each, interleaved; `spread` is the noise per coordinate. */
function blobs(blobCount: number, per: number, dim: number, spread: number, seed: number): { m: EmbeddingMatrix; truth: Int32Array } {
  const random = mulberry32(seed);
  const centres = Array.from({ length: blobCount }, () => Array.from({ length: dim }, () => (random() - 0.5) * 20));
  const n = blobCount * per;
  const vectors = new Float32Array(n * dim);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = i % blobCount;
    truth[i] = b;
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = centres[b][j] + (random() + random() + random() - 1.5) * spread;
  }
  return { m: { vectors, dim }, truth };
}

/** Is `b` the same partition as `a` with the cluster ids renamed? */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]) ?? b[i]) !== b[i] || (backward.get(b[i]) ?? a[i]) !== a[i]) return false;
    forward.set(a[i], b[i]);
    backward.set(b[i], a[i]);
  }
  return true;
}

describe('runKMeansFast against runKMeans (plain ml-kmeans Lloyd)', () => {
  it('finds the same clusters, up to renaming, on well-separated data when seeding on a sample', () => {
    const { m, truth } = blobs(6, 2000, 16, 1, 3);
    const plain = runKMeans(m, 6, { seed: 42 });
    const fast = runKMeansFast(m, 6, { seed: 42, sampleSize: 1000 });
    expect(samePartition(plain.labels, fast.labels)).toBe(true);
    expect(samePartition(truth, fast.labels)).toBe(true);
    expect(fast.converged).toBe(true);
    expect(fast.inertia).toBeCloseTo(plain.inertia, 3);
  });

  it('assigns exactly the rows plain Lloyd assigns, round by round, on overlapping data (the bounds skip only safe rows)', () => {
    // heavy overlap: many rows change cluster each round, so a wrong skip would show
    const { m } = blobs(5, 400, 12, 12, 9);
    for (const rounds of [1, 2, 3, 5]) {
      const fast = runKMeansFast(m, 5, { seed: 7, maxIterations: rounds, sampleSize: 2000 });
      // ml-kmeans assigns before it moves the centroids, we move then reassign: its round t+1 labels are our round t's
      const plain = runKMeans(m, 5, { seed: 7, maxIterations: rounds + 1 });
      expect(Array.from(fast.labels)).toEqual(Array.from(plain.labels));
    }
  });

  it('ends where plain k-means ends when both run to convergence on all rows', () => {
    const { m } = blobs(4, 300, 8, 6, 21);
    const plain = runKMeans(m, 4, { seed: 3 });
    const fast = runKMeansFast(m, 4, { seed: 3, sampleSize: 1200 });
    expect(plain.converged && fast.converged).toBe(true);
    expect(adjustedRandIndex(plain.labels, fast.labels)).toBe(1);
    expect(Array.from(fast.centroids.vectors)).toEqual(Array.from(plain.centroids.vectors).map((v) => Math.fround(v)));
  });

  it('is deterministic for a seed, reports every round and validates its input', () => {
    const { m } = blobs(3, 500, 4, 2, 5);
    const seen: number[] = [];
    const a = runKMeansFast(m, 3, { seed: 1, sampleSize: 300, onIteration: (i) => seen.push(i) });
    expect(seen).toEqual(Array.from({ length: a.iterations }, (_, i) => i + 1));
    expect(runKMeansFast(m, 3, { seed: 1, sampleSize: 300 }).labels).toEqual(a.labels);
    expect(() => runKMeansFast(m, 3, { seed: 1, sampleSize: 2 })).toThrow(/sampleSize/);
    expect(() => runKMeansFast(m, 1, { seed: 1 })).toThrow(/between 2/);
    expect(() => runKMeansFast({ vectors: Float32Array.from([0, NaN, 2]), dim: 1 }, 2, { seed: 1 })).toThrow(/non-finite value in row 1/);
  });

  it('keeps an empty cluster at its last centroid instead of producing NaN', () => {
    // two distinct rows, three centroids: one starts on a duplicate and ends empty
    const m: EmbeddingMatrix = { vectors: Float32Array.from([0, 0, 0, 10]), dim: 1 };
    const run = lloyd(m, 3, Float64Array.from([0, 10, 10]), 10);
    expect(run.converged).toBe(true);
    expect(Array.from(run.centroids)).toEqual([0, 10, 10]);
    expect(Array.from(run.labels)).toEqual([0, 0, 0, 1]);
  });
});
