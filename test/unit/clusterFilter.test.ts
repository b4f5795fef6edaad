import { describe, expect, it } from 'vitest';
import { allowedClusters, clusterFilteredTopK, type ClusterFilterMode } from '../../src/core/clusterFilter';

// Profiles 0..5 scored best to worst, in clusters 0, 1, 0, 2, 1, 0.
const scores = Float32Array.from([0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
const labels = Int32Array.from([0, 1, 0, 2, 1, 0]);
const queryClusters = [0, 1, 2]; // cluster 0 is nearest to the query

const indices = (hits: { index: number }[]) => hits.map((h) => h.index);

describe('clusterFilteredTopK', () => {
  it("'all' is plain top k with nothing hidden", () => {
    const { hits, hiddenHits } = clusterFilteredTopK(scores, labels, queryClusters, { kind: 'all' }, 3);
    expect(hits).toEqual([
      { index: 0, score: scores[0], cluster: 0 },
      { index: 1, score: scores[1], cluster: 1 },
      { index: 2, score: scores[2], cluster: 0 },
    ]);
    expect(hiddenHits).toEqual([]);
  });

  it("'query-cluster' keeps the nearest cluster and reports what it hid", () => {
    const { hits, hiddenHits } = clusterFilteredTopK(scores, labels, queryClusters, { kind: 'query-cluster' }, 3);
    expect(indices(hits)).toEqual([0, 2, 5]);
    expect(hits.every((h) => h.cluster === 0)).toBe(true);
    expect(hiddenHits).toEqual([{ index: 1, score: scores[1], cluster: 1 }]);
  });

  it("'nearest' keeps the n nearest clusters", () => {
    const mode: ClusterFilterMode = { kind: 'nearest', n: 2 };
    const three = clusterFilteredTopK(scores, labels, queryClusters, mode, 3);
    expect(indices(three.hits)).toEqual([0, 1, 2]);
    expect(three.hiddenHits).toEqual([]);
    const four = clusterFilteredTopK(scores, labels, queryClusters, mode, 4);
    expect(indices(four.hits)).toEqual([0, 1, 2, 4]);
    expect(four.hiddenHits).toEqual([{ index: 3, score: scores[3], cluster: 2 }]);
    // n beyond the number of clusters lets everything through.
    const wide = clusterFilteredTopK(scores, labels, queryClusters, { kind: 'nearest', n: 10 }, 6);
    expect(indices(wide.hits)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('follows the ranking of the query clusters, and may return fewer than k', () => {
    const { hits, hiddenHits } = clusterFilteredTopK(scores, labels, [2, 0, 1], { kind: 'query-cluster' }, 3);
    expect(indices(hits)).toEqual([3]);
    expect(indices(hiddenHits)).toEqual([0, 1, 2]);
  });

  it('rejects bad input', () => {
    expect(() => clusterFilteredTopK(scores, labels.subarray(1), queryClusters, { kind: 'all' }, 3)).toThrow(/5 labels for 6 scores/);
    expect(() => clusterFilteredTopK(scores, labels, queryClusters, { kind: 'nearest', n: 0 }, 3)).toThrow(/positive integer/);
    expect(() => clusterFilteredTopK(scores, labels, [], { kind: 'query-cluster' }, 3)).toThrow(/no ranked clusters/);
  });
});

describe('allowedClusters', () => {
  it('maps each mode to its cluster set', () => {
    expect(allowedClusters({ kind: 'all' }, queryClusters)).toBeNull();
    expect(allowedClusters({ kind: 'query-cluster' }, queryClusters)).toEqual(new Set([0]));
    expect(allowedClusters({ kind: 'nearest', n: 2 }, [2, 1, 0])).toEqual(new Set([2, 1]));
  });

  it('throws on a mode it does not know (exhaustive switch)', () => {
    const bogus = { kind: 'bogus' } as unknown as ClusterFilterMode;
    expect(() => allowedClusters(bogus, queryClusters)).toThrow(/unexpected value/);
  });
});
