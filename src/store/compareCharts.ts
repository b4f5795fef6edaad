/**
 * Chart rows for the comparison lab: one row per result row (model × ranking, and BM25),
 * one key per series. A value that was not measured is left out of its row (recharts then
 * draws no bar), never drawn as 0, and listed in `missing` so the chart can say why.
 */
import { rowName, type LabRow } from './compareRows';

export interface ChartSeries {
  key: string;
  /** The value for a row, or null/undefined when it was not measured. */
  value: (row: LabRow) => number | null | undefined;
  /** Why a value can be missing, for the note under the chart. */
  missingReason: string;
}

/** `name` plus one number per measured series. */
export type ChartRow = Record<string, string | number>;

export interface ChartData {
  rows: ChartRow[];
  /** One line per left-out bar: "<row>: no <series> (<reason>)". */
  missing: string[];
}

export function runChartData(rows: readonly LabRow[], series: readonly ChartSeries[]): ChartData {
  const missing: string[] = [];
  const out = rows.map((r) => {
    const row: ChartRow = { name: rowName(r) };
    for (const s of series) {
      const v = s.value(r);
      if (v == null || !Number.isFinite(v)) missing.push(`${row.name}: no ${s.key} (${s.missingReason})`);
      else row[s.key] = v;
    }
    return row;
  });
  return { rows: out, missing };
}
