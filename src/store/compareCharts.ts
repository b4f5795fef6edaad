/**
 * Chart rows for the comparison lab: one row per finished run, one key per series. A
 * value that was not measured is left out of its row (recharts then draws no bar), never
 * drawn as 0, and listed in `missing` so the chart can say why the bar is absent.
 */
import type { CompareRun } from './compareSlice';

export interface ChartSeries {
  key: string;
  /** The value for a run, or null/undefined when it was not measured. */
  value: (run: CompareRun) => number | null | undefined;
  /** Why a value can be missing, for the note under the chart. */
  missingReason: string;
}

/** `name` plus one number per measured series. */
export type ChartRow = Record<string, string | number>;

export interface ChartData {
  rows: ChartRow[];
  /** One line per left-out bar: "<run>: no <series> (<reason>)". */
  missing: string[];
}

export const runName = (r: CompareRun): string => `${r.target.modelId.split('/').pop()} ${r.target.dtype}`;

export function runChartData(runs: readonly CompareRun[], series: readonly ChartSeries[]): ChartData {
  const missing: string[] = [];
  const rows = runs.map((r) => {
    const row: ChartRow = { name: runName(r) };
    for (const s of series) {
      const v = s.value(r);
      if (v == null || !Number.isFinite(v)) missing.push(`${row.name}: no ${s.key} (${s.missingReason})`);
      else row[s.key] = v;
    }
    return row;
  });
  return { rows, missing };
}
