import type { ReactNode } from 'react';
import type { CompareRun } from '../../store/compareSlice';
import { runName } from '../../store/compareCharts';
import { f3 } from './format';




interface RunColumnsProps {
  testId: string;
  summary: string;
  rowHeader: string;
  rows: readonly { key: string; label: ReactNode }[];
  runs: readonly CompareRun[];
  cell: (run: CompareRun, rowIndex: number) => ReactNode;
}

/** A collapsible table with one row per item and one column per finished run. */
function RunColumns({ testId, summary, rowHeader, rows, runs, cell }: RunColumnsProps) {
  return (
    <details className="table-scroll" data-testid={testId}>
      <summary>{summary}</summary>
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {runs.map((r, i) => (
              <th key={i} scope="col">
                {runName(r)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, j) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {runs.map((r, i) => (
                <td key={i}>{cell(r, j)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** nDCG@10 per job family and every close pair's separation, one column per finished run. */
export function DetailTables({ runs }: { runs: readonly CompareRun[] }) {
  const families = [...new Set(runs.flatMap((r) => Object.keys(r.metrics?.perFamily ?? {})))].sort();
  const pairs = runs[0]?.metrics?.separation ?? [];
  return (
    <>
      <RunColumns
        testId="per-family"
        summary="nDCG@10 per job family"
        rowHeader="Family"
        rows={families.map((f) => ({ key: f, label: f }))}
        runs={runs}
        cell={(r, j) => f3(r.metrics?.perFamily[families[j]]?.ndcg10)}
      />
      <RunColumns
        testId="all-pairs"
        summary="Every close pair: AUC / twin share of the top 10 (and with the cluster filter)"
        rowHeader="Pair"
        rows={pairs.map((p) => ({ key: `${p.a}/${p.b}`, label: `${p.a} / ${p.b}` }))}
        runs={runs}
        cell={(r, j) => {
          const s = r.metrics?.separation[j];
          return `${f3(s?.auc)} / ${f3(s?.twinShareTop10)} (${f3(s?.aucFiltered)} / ${f3(s?.twinShareTop10Filtered)})`;
        }}
      />
    </>
  );
}
