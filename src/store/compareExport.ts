import type { CompareRun } from './compareSlice';

/** One flat row per run: what the table shows, for CSV and spreadsheets. */
export function comparisonRows(runs: readonly CompareRun[]): Record<string, string | number | null>[] {
  return runs.map((r) => {
    const m = r.metrics;
    const pair = m?.separation[0];
    return {
      model: r.target.modelId,
      dtype: r.target.dtype,
      device: r.device,
      status: r.status,
      ndcg10: m?.ndcg10 ?? null,
      precision10: m?.precision10 ?? null,
      mrr: m?.mrr ?? null,
      recall50: m?.recall50 ?? null,
      pm_pmm_auc: pair?.auc ?? null,
      pm_pmm_twin_top10: pair?.twinShareTop10 ?? null,
      pm_pmm_auc_filtered: pair?.aucFiltered ?? null,
      pm_pmm_twin_top10_filtered: pair?.twinShareTop10Filtered ?? null,
      purity: m?.clustering?.purity ?? null,
      nmi: m?.clustering?.nmi ?? null,
      ari: m?.clustering?.ari ?? null,
      cold_load_ms: r.speed ? Math.round(r.speed.loadMs) : null,
      model_bytes_read: r.speed?.bytesRead ?? null,
      model_bytes_from_browser_cache: r.speed?.bytesFromBrowserCache ?? null,
      catalogue_mb: r.speed?.catalogueMB ?? null,
      texts_per_s: r.speed?.textsPerSecond != null ? Math.round(r.speed.textsPerSecond) : null,
      query_ms_median: r.speed?.queryMs != null ? Math.round(r.speed.queryMs) : null,
      query_samples: r.speed?.querySamples ?? null,
      dims: r.speed?.dims ?? null,
      bytes_per_vector: r.speed?.bytesPerVector ?? null,
      cosine_to_fp32: r.agreement?.meanCosine ?? null,
      top10_overlap_fp32: r.agreement?.top10Overlap ?? null,
      error: r.error,
    };
  });
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(Number.isInteger(v) ? v : Number(v.toFixed(6))) : v;
  // quote anything with a separator, quote or newline; neutralise spreadsheet formulas
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function comparisonCsv(runs: readonly CompareRun[]): string {
  const rows = comparisonRows(runs);
  if (rows.length === 0) return '';
  const header = Object.keys(rows[0]);
  return [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n';
}

export function comparisonJson(runs: readonly CompareRun[], meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, runs }, null, 2);
}
