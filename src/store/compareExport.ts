import type { ComparisonMetrics } from '../core/comparison';
import { toCsv } from '../core/csv';
import { labRows, type LabRanking } from './compareRows';
import type { CompareRun } from './compareSlice';
import { labPairHeadline } from './pairHeadline';

type Cell = string | number | null;

function rankingCells(metrics: ComparisonMetrics | null): Record<string, Cell> {
  const { plain, filtered } = labPairHeadline(metrics);
  return {
    ndcg10: metrics?.ndcg10 ?? null,
    precision10: metrics?.precision10 ?? null,
    mrr: metrics?.mrr ?? null,
    recall50: metrics?.recall50 ?? null,
    // the PM/PMM pair's worse direction (lower AUC); every direction is in the JSON export
    pm_pmm_auc: plain?.auc ?? null,
    pm_pmm_worse_target: plain?.target ?? null,
    pm_pmm_worse_twin: plain?.twin ?? null,
    pm_pmm_queries: plain?.queries ?? null,
    pm_pmm_twin_top10: plain?.twinShareTop10 ?? null,
    // the worse direction by filtered AUC, which can be the other one
    pm_pmm_filtered_worse_target: filtered?.target ?? null,
    pm_pmm_auc_filtered: filtered?.aucFiltered ?? null,
    pm_pmm_twin_top10_filtered: filtered?.twinShareTop10Filtered ?? null,
    pm_pmm_target_kept_filtered: filtered?.targetKeptFiltered ?? null,
  };
}

function runCells(r: CompareRun | null): Record<string, Cell> {
  const m = r?.metrics;
  return {
    purity: m?.clustering?.purity ?? null,
    nmi: m?.clustering?.nmi ?? null,
    ari: m?.clustering?.ari ?? null,
    cold_load_ms: r?.speed ? Math.round(r.speed.loadMs) : null,
    model_bytes_read: r?.speed?.bytesRead ?? null,
    model_bytes_from_browser_cache: r?.speed?.bytesFromBrowserCache ?? null,
    catalogue_mb: r?.speed?.catalogueMB ?? null,
    texts_per_s: r?.speed?.textsPerSecond != null ? Math.round(r.speed.textsPerSecond) : null,
    query_ms_median: r?.speed?.queryMs != null ? Math.round(r.speed.queryMs) : null,
    query_samples: r?.speed?.querySamples ?? null,
    dims: r?.speed?.dims ?? null,
    bytes_per_vector: r?.speed?.bytesPerVector ?? null,
    cosine_to_fp32: r?.agreement?.meanCosine ?? null,
    top10_overlap_fp32: r?.agreement?.top10Overlap ?? null,
    error: r?.error ?? null,
  };
}

/**
 * One flat row per result, as the table shows them: each finished run's embedding and
 * hybrid rankings, BM25 once, and a row for each run that failed or was cancelled. Model
 * speed and size go on the embedding row only (the hybrid uses the same model).
 */
export function comparisonRows(runs: readonly CompareRun[], keyword: ComparisonMetrics | null = null): Record<string, Cell>[] {
  const head = (model: string, dtype: string | null, ranking: LabRanking | null, appDefault: boolean, r: CompareRun | null) => ({
    model,
    dtype,
    ranking,
    app_default: appDefault ? 'yes' : null,
    device: r?.device ?? null,
    status: r?.status ?? 'done',
  });
  const done = labRows(runs, keyword).map((row) => ({
    ...head(row.run?.target.modelId ?? 'bm25', row.run?.target.dtype ?? null, row.ranking, row.appDefault, row.run),
    ...rankingCells(row.metrics),
    ...runCells(row.ranking === 'embedding' ? row.run : null),
  }));
  const unfinished = runs
    .filter((r) => r.status !== 'done')
    .map((r) => ({ ...head(r.target.modelId, r.target.dtype, null, false, r), ...rankingCells(null), ...runCells(r) }));
  return [...done, ...unfinished];
}

export function comparisonCsv(runs: readonly CompareRun[], keyword: ComparisonMetrics | null = null): string {
  const rows = comparisonRows(runs, keyword);
  if (rows.length === 0) return '';
  return toCsv(Object.keys(rows[0]), rows);
}

/** Everything measured, every separation direction included; `bm25` is the keyword ranking's metrics. */
export function comparisonJson(runs: readonly CompareRun[], keyword: ComparisonMetrics | null, meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, bm25: keyword, runs }, null, 2);
}
