/**
 * The lab's result rows: for each finished run its embedding ranking and its hybrid
 * (embedding fused with BM25), and BM25 once, since keywords need no model.
 */
import type { ComparisonMetrics } from '../core/comparison';
import { DEFAULT_FUSION, describeFusion, type BaseRanking } from '../core/fusion';
import { useAppStore } from './appStore';
import type { CompareRun } from './compareSlice';

/** The rankings the lab measures: the ones a user can choose in the search view, and the hybrid re-ranked. */
export type LabRanking = BaseRanking | 'reranked';

/** What the search view ranks by on a fresh page (the search slice's initial choice); the lab marks the rows of this kind. */
export function appDefaultRanking(): LabRanking {
  return useAppStore.getInitialState().rankingKind;
}

export interface LabRow {
  key: string;
  /** The model and precision, or "BM25" for the keyword row. */
  name: string;
  ranking: LabRanking;
  /** The run whose model made the embedding scores; null for the BM25 row. */
  run: CompareRun | null;
  metrics: ComparisonMetrics;
  appDefault: boolean;
}

export const RANKING_LABEL: Record<LabRanking, string> = {
  embedding: 'embedding',
  bm25: 'keywords (BM25)',
  hybrid: `hybrid (BM25 + embedding: ${describeFusion(DEFAULT_FUSION)})`,
  reranked: 'hybrid, top N re-ranked by the cross-encoder chosen in the search view',
};

export const runName = (r: CompareRun): string => `${r.target.modelId.split('/').pop()} ${r.target.dtype}`;

/** Row label for tables and charts, e.g. "glove-sif-100d q8 · hybrid". */
export const rowName = (row: Pick<LabRow, 'name' | 'ranking'>): string => (row.ranking === 'bm25' ? row.name : `${row.name} · ${row.ranking}`);

export function labRows(runs: readonly CompareRun[], keyword: ComparisonMetrics | null): LabRow[] {
  const rows: LabRow[] = [];
  const appDefault = appDefaultRanking();
  const add = (ranking: LabRanking, name: string, run: CompareRun | null, metrics: ComparisonMetrics | null) => {
    if (metrics) rows.push({ key: `${name}|${ranking}`, name, ranking, run, metrics, appDefault: ranking === appDefault });
  };
  for (const r of runs) {
    if (r.status !== 'done') continue;
    add('embedding', runName(r), r, r.metrics);
    add('hybrid', runName(r), r, r.hybrid);
    add('reranked', runName(r), r, r.reranked);
  }
  add('bm25', 'BM25', null, keyword);
  return rows;
}
