import { describe, expect, it } from 'vitest';
import { topK } from '../../src/core/topK';

/** Deterministic pseudo-random numbers so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function bruteForce(scores: ArrayLike<number>, k: number): number[] {
  return Array.from(scores, (s, i) => ({ s, i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.i);
}

describe('topK', () => {
  it('matches a full sort on random data for many sizes and k', () => {
    const next = rng(42);
    for (const n of [1, 2, 7, 100, 1000, 5000]) {
      const scores = Float32Array.from({ length: n }, () => next() * 2 - 1);
      for (const k of [1, 3, 10, 25, n, n + 5]) {
        expect(topK(scores, k)).toEqual(bruteForce(scores, k));
      }
    }
  });

  it('breaks ties by lower index and handles many equal scores', () => {
    const scores = [0.5, 0.9, 0.5, 0.9, 0.1, 0.5];
    expect(topK(scores, 4)).toEqual([1, 3, 0, 2]);
    const next = rng(7);
    const coarse = Float32Array.from({ length: 500 }, () => Math.round(next() * 5) / 5);
    expect(topK(coarse, 40)).toEqual(bruteForce(coarse, 40));
  });

  it('returns nothing for k <= 0 or empty input, and skips NaN', () => {
    expect(topK([1, 2, 3], 0)).toEqual([]);
    expect(topK([], 5)).toEqual([]);
    expect(topK([Number.NaN, 0.2, 0.1], 2)).toEqual([1, 2]);
  });

  it('honours a keep filter', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
    expect(topK(scores, 2, (i) => i % 2 === 1)).toEqual([1, 3]);
  });
});
