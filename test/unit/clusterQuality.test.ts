import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  encodeLabels,
  normalizedMutualInformation,
  purity,
} from '../../src/core/clusterQuality';

/** Deterministic pseudo-random numbers so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

describe('encodeLabels', () => {
  it('gives sorted names and ids indexing them', () => {
    const { ids, names } = encodeLabels(['PM', 'Data', 'PM', 'Backend']);
    expect(names).toEqual(['Backend', 'Data', 'PM']);
    expect(Array.from(ids)).toEqual([2, 1, 2, 0]);
  });
});

describe('purity', () => {
  it('counts each cluster majority', () => {
    // Cluster 0 holds classes {0, 0, 1}: majority 2. Cluster 1 holds {1, 1, 1}: 3. (2 + 3) / 6.
    expect(purity([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1])).toBeCloseTo(5 / 6, 12);
    expect(purity([3, 3, 9, 9], encodeLabels(['a', 'a', 'b', 'b']).ids)).toBe(1);
  });
});

describe('normalizedMutualInformation', () => {
  it('is 1 for identical partitions, whatever the ids', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9])).toBeCloseTo(1, 12);
  });

  it('is 0 for independent partitions', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
  });

  it('matches a hand computation with arithmetic-mean normalisation', () => {
    // labels {0,0,1,1}, truth {0,0,0,1}. Cells: (0,0)=2, (1,0)=1, (1,1)=1 out of 4.
    const mi = 0.5 * Math.log(0.5 / (0.5 * 0.75)) + 0.25 * Math.log(0.25 / (0.5 * 0.75)) + 0.25 * Math.log(0.25 / (0.5 * 0.25));
    const hLabels = Math.log(2);
    const hTruth = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    const expected = mi / ((hLabels + hTruth) / 2);
    expect(expected).toBeCloseTo(0.34371, 4);
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 0, 1])).toBeCloseTo(expected, 12);
    // Symmetric in its arguments.
    expect(normalizedMutualInformation([0, 0, 0, 1], [0, 0, 1, 1])).toBeCloseTo(expected, 12);
  });

  it('handles single-cluster partitions without NaN', () => {
    expect(normalizedMutualInformation([0, 0, 0], [4, 4, 4])).toBe(1);
    expect(normalizedMutualInformation([0, 0, 0, 0], [0, 0, 1, 1])).toBe(0);
    expect(normalizedMutualInformation([0, 1, 2, 3], [0, 0, 0, 0])).toBe(0);
  });
});

describe('adjustedRandIndex', () => {
  it('matches a hand-computed contingency table', () => {
    // Clusters {0,1}, {2,3}, {4,5} vs classes {0,1,2}, {3,4,5}.
    // Agreeing pairs: C(2,2) + C(2,2) = 2. Row pairs: 3 * C(2,2) = 3. Column pairs: 2 * C(3,2) = 6.
    // Expected = 3 * 6 / C(6,2) = 1.2; max = (3 + 6) / 2 = 4.5; ARI = 0.8 / 3.3 = 8/33.
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1])).toBeCloseTo(8 / 33, 12);
  });

  it('is 1 for identical partitions with relabelled ids, and can be negative', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [2, 2, 0, 0, 1])).toBe(1);
    // No agreeing pairs: index 0, expected 2 * 2 / 6, max 2, so ARI = -(2/3) / (4/3) = -1/2.
    expect(adjustedRandIndex([0, 1, 0, 1], [0, 0, 1, 1])).toBeCloseTo(-0.5, 12);
  });

  it('is 1, not NaN, for identical trivial partitions', () => {
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [2, 0, 1])).toBe(1);
    expect(adjustedRandIndex([0], [3])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 0, 1, 1])).toBe(0);
  });
});

describe('independent random partitions', () => {
  it('score about 0 on NMI and ARI', () => {
    const next = rng(17);
    const a = Int32Array.from({ length: 5000 }, () => Math.floor(next() * 5));
    const b = Int32Array.from({ length: 5000 }, () => Math.floor(next() * 5));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
    expect(normalizedMutualInformation(a, b)).toBeLessThan(0.01);
    expect(purity(a, b)).toBeLessThan(0.3);
  });
});

describe('input checks', () => {
  it('rejects mismatched, empty and non-integer input', () => {
    expect(() => purity([0, 1], [0])).toThrow(/2 labels but 1 truth/);
    expect(() => adjustedRandIndex([], [])).toThrow(/no items/);
    expect(() => normalizedMutualInformation([0, 1.5], [0, 1])).toThrow(/labels\[1\] = 1.5/);
  });
});
