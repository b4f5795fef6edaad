import type { CompareRun } from '../../store/compareSlice';

const f3 = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? '–' : v.toFixed(3));
const name = (r: CompareRun) => `${r.target.modelId.split('/').pop()} ${r.target.dtype}`;

/** nDCG@10 per job family and every close pair's separation, one column per finished run. */
export function DetailTables({ runs }: { runs: readonly CompareRun[] }) {
  const families = [...new Set(runs.flatMap((r) => Object.keys(r.metrics?.perFamily ?? {})))].sort();
  const pairs = runs[0]?.metrics?.separation ?? [];
  return (
    <>
      <details className="table-scroll" data-testid="per-family">
        <summary>nDCG@10 per job family</summary>
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Family</th>
              {runs.map((r, i) => (
                <th key={i} scope="col">
                  {name(r)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {families.map((f) => (
              <tr key={f}>
                <th scope="row">{f}</th>
                {runs.map((r, i) => (
                  <td key={i}>{f3(r.metrics?.perFamily[f]?.ndcg10)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <details className="table-scroll" data-testid="all-pairs">
        <summary>Every close pair: AUC / twin share of the top 10 (and with the cluster filter)</summary>
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Pair</th>
              {runs.map((r, i) => (
                <th key={i} scope="col">
                  {name(r)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pairs.map((p, j) => (
              <tr key={`${p.a}/${p.b}`}>
                <th scope="row">
                  {p.a} / {p.b}
                </th>
                {runs.map((r, i) => {
                  const s = r.metrics?.separation[j];
                  return (
                    <td key={i}>
                      {f3(s?.auc)} / {f3(s?.twinShareTop10)} ({f3(s?.aucFiltered)} / {f3(s?.twinShareTop10Filtered)})
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
