import { describe, expect, it } from 'vitest';
import type { ComparisonMetrics } from '../../src/core/comparison';
import { runChartData } from '../../src/store/compareCharts';
import { appDefaultRanking, labRows } from '../../src/store/compareRows';
import type { CompareRun } from '../../src/store/compareSlice';

const metrics = (ndcg10: number): ComparisonMetrics => ({ ndcg10, precision10: 0.5, mrr: 0.5, recall50: 0.5, queries: 1, perFamily: {}, separation: [] });
const run = (modelId: string, status: CompareRun['status'], m: ComparisonMetrics | null, hybrid: ComparisonMetrics | null): CompareRun => ({
  target: { modelId, dtype: 'q8' },
  status,
  progress: null,
  device: 'wasm',
  error: null,
  metrics: m,
  hybrid,
  reranked: null,
  rerankNote: null,
  speed: null,
  agreement: null,
});

describe('labRows', () => {
  it("gives each finished run's embedding and hybrid rows, BM25 once at the end, and skips unfinished runs", () => {
    const rows = labRows([run('org/a', 'done', metrics(0.7), metrics(0.9)), run('org/b', 'error', null, null)], metrics(0.8));
    expect(rows.map((r) => [r.name, r.ranking, r.metrics.ndcg10])).toEqual([
      ['a q8', 'embedding', 0.7],
      ['a q8', 'hybrid', 0.9],
      ['BM25', 'bm25', 0.8],
    ]);
    expect(rows.filter((r) => r.appDefault).map((r) => r.ranking)).toEqual([appDefaultRanking()]);
  });
});

describe('runChartData', () => {
  it('leaves an unmeasured value out of its row (no bar, never 0) and says why', () => {
    const rows = labRows([run('org/a', 'done', metrics(0.7), metrics(Number.NaN))], null);
    const { rows: chart, missing } = runChartData(rows, [{ key: 'nDCG@10', value: (r) => r.metrics.ndcg10, missingReason: 'nothing scored' }]);
    expect(chart).toEqual([{ name: 'a q8 · embedding', 'nDCG@10': 0.7 }, { name: 'a q8 · hybrid' }]);
    expect(missing).toEqual(['a q8 · hybrid: no nDCG@10 (nothing scored)']);
  });
});
