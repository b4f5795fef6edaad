import { describe, expect, it } from 'vitest';
import { evaluateComparison, queryRole, type ComparisonQuery } from '../../src/core/comparison';
import { recallAt, reciprocalRank, rocAuc } from '../../src/core/metrics';

describe('reciprocalRank', () => {
  it('uses the first item at or above the grade', () => {
    expect(reciprocalRank([0, 1, 2], 2)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank([0, 1, 2])).toBe(0.5);
    expect(reciprocalRank([0, 0], 1)).toBe(0);
    expect(reciprocalRank([], 1)).toBe(0);
  });
});

describe('recallAt', () => {
  it('divides hits in the top k by all relevant items', () => {
    const all = [2, 0, 2, 1, 2, 0];
    expect(recallAt([2, 0, 2, 1], all, 2, 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAt([2, 0, 2, 1], all, 10, 2)).toBeCloseTo(2 / 3, 12); // fewer returned than k
    expect(recallAt([2, 0, 2, 1], all, 4, 1)).toBeCloseTo(3 / 4, 12);
  });
  it('is 0 when nothing is relevant', () => {
    expect(recallAt([0, 0], [0, 0, 0], 2)).toBe(0);
    expect(recallAt([], [], 5)).toBe(0);
  });
});

describe('rocAuc', () => {
  it('is 1, 0 and 0.5 for perfect, reversed and all-tied scores', () => {
    expect(rocAuc([3, 2], [1, 0])).toBe(1);
    expect(rocAuc([0, 1], [2, 3])).toBe(0);
    expect(rocAuc([5, 5], [5, 5, 5])).toBe(0.5);
  });
  it('counts ties half, by hand', () => {
    // (1,1) 0.5, (1,0) 1, (2,1) 1, (2,0) 1 -> 3.5 / 4
    expect(rocAuc([1, 2], [1, 0])).toBe(0.875);
    // -Infinity ties too: (-inf,-inf) 0.5, (2,-inf) 1 -> 1.5 / 2
    expect(rocAuc([-Infinity, 2], [-Infinity])).toBe(0.75);
  });
  it('matches pair counting on random scores with ties', () => {
    const pos = Array.from({ length: 40 }, (_, i) => ((i * 7919) % 13) / 2);
    const neg = Array.from({ length: 31 }, (_, i) => ((i * 104729) % 11) / 2);
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    expect(rocAuc(pos, neg)).toBeCloseTo(wins / (pos.length * neg.length), 12);
  });
  it('is null for an empty set or NaN scores', () => {
    expect(rocAuc([], [1])).toBeNull();
    expect(rocAuc([1], new Float32Array(0))).toBeNull();
    expect(rocAuc([NaN], [1])).toBeNull();
  });
});

describe('evaluateComparison', () => {
  const labels = ['A', 'A', 'B', 'C'];
  const families = ['F', 'F', 'F', 'G'];
  const queries: ComparisonQuery[] = [
    { id: 'q1', role: 'A', relevant: { A: 2, B: 1 } },
    { id: 'q2', relevant: { C: 2 } }, // role and family derived: C, G
  ];
  const scores = [
    [0.1, 0.9, 0.5, 0.3], // ranked grades 2, 1, 0, 2
    [0.4, 0.3, 0.2, 0.1], // ranked grades 0, 0, 0, 2
  ];
  const clustering = { labels: Int32Array.from([0, 0, 1, 2]), queryClusters: [[0, 1, 2], [2, 0, 1]] };

  it('computes quality, per family, separation and clustering on a handmade case', () => {
    const m = evaluateComparison({ scores, labels, families, queries, pairs: [['A', 'B']], clustering });
    const q1 = {
      ndcg10: (3 + 1 / Math.log2(3) + 3 / Math.log2(5)) / (3 + 3 / Math.log2(3) + 1 / 2),
      precision10: 0.2,
      mrr: 1,
      recall50: 1,
    };
    const q2 = { ndcg10: 1 / Math.log2(5), precision10: 0.1, mrr: 0.25, recall50: 1 };
    expect(m.queries).toBe(2);
    expect(m.ndcg10).toBeCloseTo((q1.ndcg10 + q2.ndcg10) / 2, 12);
    expect(m.precision10).toBeCloseTo(0.15, 12);
    expect(m.mrr).toBeCloseTo(0.625, 12);
    expect(m.recall50).toBe(1);
    expect(Object.keys(m.perFamily)).toEqual(['F', 'G']);
    expect(m.perFamily.F.queries).toBe(1);
    expect(m.perFamily.F.ndcg10).toBeCloseTo(q1.ndcg10, 12);
    expect(m.perFamily.G.mrr).toBe(0.25);
    // A -> B, q1 only: A {0.1, 0.9} vs B {0.5} = 0.5; one B in the top 10; filtered to cluster 0 the B ranks last.
    // B -> A has no query for B: reported with nulls, not folded into A -> B
    expect(m.separation).toEqual([
      { target: 'A', twin: 'B', queries: 1, auc: 0.5, twinShareTop10: 0.1, aucFiltered: 1, twinShareTop10Filtered: 0, targetKeptFiltered: 1 },
      { target: 'B', twin: 'A', queries: 0, auc: null, twinShareTop10: null, aucFiltered: null, twinShareTop10Filtered: null, targetKeptFiltered: null },
    ]);
    expect(m.clustering).toEqual({ purity: 1, nmi: 1, ari: 1 });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('leaves clustering out without it and uses the default pairs', () => {
    const m = evaluateComparison({ scores, labels, families, queries });
    expect(m.clustering).toBeUndefined();
    expect(m.separation[0]).toMatchObject({ target: 'Product Manager', twin: 'Product Marketing Manager', queries: 0, auc: null });
    expect(m.separation[1]).toMatchObject({ target: 'Product Marketing Manager', twin: 'Product Manager', queries: 0, auc: null });
  });

  it('derives the role from the highest grade and checks lengths', () => {
    expect(queryRole({ id: 'q', relevant: { B: 1, C: 2, D: 2 } })).toBe('C');
    expect(queryRole({ id: 'q', relevant: { B: 0 } })).toBeUndefined();
    expect(() => evaluateComparison({ scores: [scores[0]], labels, families, queries })).toThrow(/1 score rows for 2 queries/);
    expect(() => evaluateComparison({ scores, labels, families: ['F'], queries })).toThrow(/1 families for 4 profiles/);
  });
});
