import { describe, expect, it } from 'vitest';
import { closePairSeparation, DEFAULT_CLOSE_PAIRS, pairHeadlines } from '../../src/core/separation';

// 0-2 A, 3-5 B, 6-11 C
const labels = ['A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C', 'C', 'C', 'C'];
const scores = [
  // query for A: ranking 10A 9A 8B 7C 6C 5C 4C 3C 2B 1.5C | 1A 0.5B
  [10, 9, 1, 8, 2, 0.5, 7, 6, 5, 4, 3, 1.5],
  // query for B: B all 5, A 5/1/1, C 0
  [5, 1, 1, 5, 5, 5, 0, 0, 0, 0, 0, 0],
  // a query for another role: ignored by the pair
  [0, 0, 0, 9, 9, 9, 0, 0, 0, 0, 0, 0],
];
const queryRoles = ['A', 'B', 'X'];
// clusters: A 0 0 1, B 0 1 1, C 0 0 0 1 1 1; query A -> cluster 0, query B -> cluster 1
const clustering = {
  labels: Int32Array.from([0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1]),
  queryClusters: [[0, 1], [1, 0], [0, 1]],
};

describe('closePairSeparation', () => {
  it('starts the default list with PM vs PMM', () => {
    expect(DEFAULT_CLOSE_PAIRS[0]).toEqual(['Product Manager', 'Product Marketing Manager']);
    expect(DEFAULT_CLOSE_PAIRS).toHaveLength(10);
  });

  it('reports each direction on its own, by hand', () => {
    const [ab, ba] = closePairSeparation({ scores, labels, queryRoles, pairs: [['A', 'B']] });
    // query A: A {10, 9, 1} vs B {8, 2, 0.5}: 3 + 3 + 1 wins of 9 = 7/9; B at ranks 3 and 9 -> 2/10
    expect(ab).toMatchObject({ target: 'A', twin: 'B', queries: 1 });
    expect(ab.auc).toBeCloseTo(7 / 9, 12);
    expect(ab.twinShareTop10).toBeCloseTo(0.2, 12);
    // query B: B {5, 5, 5} vs A {5, 1, 1}: each B 0.5 + 2 = 2.5, 7.5/9 = 5/6; top 10 holds all three A -> 3/10
    expect(ba).toMatchObject({ target: 'B', twin: 'A', queries: 1 });
    expect(ba.auc).toBeCloseTo(5 / 6, 12);
    expect(ba.twinShareTop10).toBeCloseTo(0.3, 12);
    expect(ab.aucFiltered).toBeUndefined();
  });

  it('ranks filtered-out profiles last for the filtered AUC, by hand', () => {
    const [ab, ba] = closePairSeparation({ scores, labels, queryRoles, pairs: [['A', 'B']], clustering });
    // query A, cluster 0 keeps A {10, 9}, B {8}, C {7, 6, 5}: A {10, 9, -inf} vs B {8, -inf, -inf}
    //   = 3 + 3 + (0 + 0.5 + 0.5) = 7/9; filtered top 10 has one B -> 1/10; kept 2 of 3 A
    expect(ab.aucFiltered).toBeCloseTo(7 / 9, 12);
    expect(ab.twinShareTop10Filtered).toBeCloseTo(0.1, 12);
    expect(ab.targetKeptFiltered).toBeCloseTo(2 / 3, 12);
    // query B, cluster 1 keeps A {1}, B {5, 5}, C {0, 0, 0}: B {-inf, 5, 5} vs A {-inf, -inf, 1}
    //   = (0.5 + 0.5) + 3 + 3 = 7/9; one A in the filtered top 10 -> 1/10; kept 2 of 3 B
    expect(ba.aucFiltered).toBeCloseTo(7 / 9, 12);
    expect(ba.twinShareTop10Filtered).toBeCloseTo(0.1, 12);
    expect(ba.targetKeptFiltered).toBeCloseTo(2 / 3, 12);
    // unfiltered numbers unchanged
    expect(ab.auc).toBeCloseTo(7 / 9, 12);
  });

  it('heads each pair with its worse direction, never an average', () => {
    const results = closePairSeparation({ scores, labels, queryRoles, pairs: [['A', 'B'], ['A', 'C']] });
    const [ab, ac] = pairHeadlines(results);
    expect(ab.pair).toEqual(['A', 'B']);
    expect(ab.worse).toBe(results[0]); // 7/9 < 5/6
    expect(ab.directions).toEqual([results[0], results[1]]);
    // A vs C has no query for C: its only measured direction is the headline
    expect(results[3]).toMatchObject({ target: 'C', twin: 'A', queries: 0, auc: null });
    expect(ac.worse).toBe(results[2]);
    expect(() => pairHeadlines(results.slice(1))).toThrow(/whole number of pairs/);
    expect(() => pairHeadlines([results[0], results[2]])).toThrow(/not followed by its reverse/);
  });

  it('picks the worse filtered direction when asked', () => {
    const low = { target: 'A', twin: 'B', queries: 1, auc: 0.9, twinShareTop10: 0, aucFiltered: 0.6, twinShareTop10Filtered: 0 };
    const high = { target: 'B', twin: 'A', queries: 1, auc: 0.7, twinShareTop10: 0, aucFiltered: 0.8, twinShareTop10Filtered: 0 };
    expect(pairHeadlines([low, high])[0].worse).toBe(high);
    expect(pairHeadlines([low, high], true)[0].worse).toBe(low);
  });

  it('gives nulls for a pair with no queries, or whose twin has no profiles', () => {
    const [none, , noTwin] = closePairSeparation({ scores, labels, queryRoles: ['C', 'C', 'C'], pairs: [['A', 'B'], ['C', 'D']], clustering });
    expect(none).toMatchObject({ queries: 0, auc: null, twinShareTop10: null, aucFiltered: null, twinShareTop10Filtered: null });
    expect(noTwin.queries).toBe(3);
    expect(noTwin.auc).toBeNull();
    expect(noTwin.twinShareTop10).toBe(0);
    expect(JSON.parse(JSON.stringify(noTwin))).toEqual(noTwin);
  });

  it('checks lengths', () => {
    expect(() => closePairSeparation({ scores, labels, queryRoles: ['A'] })).toThrow(/3 score rows for 1 queries/);
    expect(() => closePairSeparation({ scores: [[1, 2]], labels, queryRoles: ['A'] })).toThrow(/2 scores for 12 profiles/);
  });
});
