import type { ReactNode } from 'react';
import { pairHeadlines } from '../../core/separation';
import { rowName, type LabRow } from '../../store/compareRows';
import { f3 } from './format';
import { SEPARATION_HELP } from './separationText';

interface RunColumnsProps {
  testId: string;
  summary: string;
  caption?: string;
  rowHeader: string;
  rows: readonly { key: string; label: ReactNode }[];
  columns: readonly LabRow[];
  cell: (column: LabRow, rowIndex: number) => ReactNode;
}

/** A collapsible table with one row per item and one column per result (model × ranking, and BM25). */
function RunColumns({ testId, summary, caption, rowHeader, rows, columns, cell }: RunColumnsProps) {
  return (
    <details className="table-scroll" data-testid={testId}>
      <summary>{summary}</summary>
      {caption && <p className="meta">{caption}</p>}
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {rowName(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, j) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {columns.map((c) => (
                <td key={c.key}>{cell(c, j)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** nDCG@10 per job family and every close pair in both directions, one column per result. */
export function DetailTables({ rows }: { rows: readonly LabRow[] }) {
  const families = [...new Set(rows.flatMap((r) => Object.keys(r.metrics.perFamily)))].sort();
  const directions = rows[0]?.metrics.separation ?? [];
  // per column, which directions are their pair's headline (the worse one)
  const worse = new Map(rows.map((r) => [r.key, new Set(pairHeadlines(r.metrics.separation).map((h) => r.metrics.separation.indexOf(h.worse)))]));
  return (
    <>
      <RunColumns
        testId="per-family"
        summary="nDCG@10 per job family"
        rowHeader="Family"
        rows={families.map((f) => ({ key: f, label: f }))}
        columns={rows}
        cell={(c, j) => f3(c.metrics.perFamily[families[j]]?.ndcg10)}
      />
      <RunColumns
        testId="all-pairs"
        summary="Every close pair, each direction on its own: AUC / twin share of the top 10 (cluster-filtered: AUC / twin share / target kept)"
        caption={`AUC: ${SEPARATION_HELP.auc} Twin share: ${SEPARATION_HELP.twinTop10} Filtered: ${SEPARATION_HELP.filtered} "worse" marks each pair's headline direction (lower AUC).`}
        rowHeader="Target → twin (job descriptions)"
        rows={directions.map((d) => ({ key: `${d.target}/${d.twin}`, label: `${d.target} → ${d.twin} (${d.queries})` }))}
        columns={rows}
        cell={(c, j) => {
          const s = c.metrics.separation[j];
          const filtered = s?.aucFiltered === undefined ? '' : ` (${f3(s.aucFiltered)} / ${f3(s.twinShareTop10Filtered)} / ${f3(s.targetKeptFiltered)})`;
          return (
            <span data-worse={worse.get(c.key)?.has(j) || undefined}>
              {f3(s?.auc)} / {f3(s?.twinShareTop10)}
              {filtered}
              {worse.get(c.key)?.has(j) && <strong> worse</strong>}
            </span>
          );
        }}
      />
    </>
  );
}
