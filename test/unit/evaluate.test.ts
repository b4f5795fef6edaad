import { describe, expect, it } from 'vitest';
import { evaluateQuery, evaluateRun } from '../../src/core/evaluate';

const labels = ['PM', 'PMM', 'PM', 'Acc', 'PMM', 'Acc', 'PM', 'Acc', 'Acc', 'Acc', 'Acc', 'PM'];
const pmJob = { id: 'q1', relevant: { PM: 2, PMM: 1 } };

describe('evaluateQuery', () => {
  it('is perfect when every target ranks first', () => {
    // PMs (0, 2, 6, 11) score highest, then PMMs (1, 4), then the rest.
    const scores = labels.map((l, i) => (l === 'PM' ? 10 - i / 100 : l === 'PMM' ? 5 : 0));
    const r = evaluateQuery(scores, labels, pmJob);
    expect(r.ndcg10).toBeCloseTo(1, 10);
    expect(r.precision10).toBeCloseTo(0.4, 10);
    expect(r.precision10Related).toBeCloseTo(0.6, 10);
  });

  it('counts exact and related labels separately, by hand', () => {
    // Ranking by descending score: indices 1 (PMM), 0 (PM), 3 (Acc), then the rest.
    const scores = [0.9, 0.95, 0.1, 0.8, 0, 0, 0, 0, 0, 0, 0, 0];
    const r = evaluateQuery(scores, labels, pmJob);
    expect(r.precision10).toBeCloseTo(0.3, 10); // PMs at indices 0, 2 and 6
    const ideal = 3 + 3 / Math.log2(3) + 3 / 2 + 3 / Math.log2(5) + 1 / Math.log2(6) + 1 / Math.log2(7);
    // ranks: 1 PMM@1 (gain 1), 2 PM@0 (3), 3 Acc@3, 4 PM@2 (3), then zero scores in index order:
    // 5 PMM@4 (1), 6 Acc@5, 7 PM@6 (3), 8-10 Acc
    const dcg = 1 + 3 / Math.log2(3) + 3 / Math.log2(5) + 1 / Math.log2(6) + 3 / Math.log2(8);
    expect(r.ndcg10).toBeCloseTo(dcg / ideal, 10);
  });

  it('gives zero, not NaN, for a query whose labels are absent, and checks lengths', () => {
    const r = evaluateQuery(labels.map(() => 1), labels, { id: 'q', relevant: { Nurse: 2 } });
    expect(r).toMatchObject({ ndcg10: 0, precision10: 0 });
    expect(() => evaluateQuery([1, 2], labels, pmJob)).toThrow(/2 scores for 12/);
  });

  it('averages over queries', () => {
    const perfect = labels.map((l) => (l === 'PM' ? 1 : 0));
    const run = evaluateRun([perfect, perfect], labels, [pmJob, { id: 'q2', relevant: { Nurse: 2 } }]);
    expect(run.queries).toHaveLength(2);
    expect(run.precision10).toBeCloseTo(0.2, 10);
  });
});
