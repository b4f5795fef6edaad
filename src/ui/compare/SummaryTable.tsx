import type { CompareRun } from '../../store/compareSlice';
import { runName } from '../../store/compareCharts';
import { f3, filesRead, ms } from './format';

/** One row per finished run: quality, the PM/PMM pair, clustering, measured speed and size. */
export function SummaryTable({ runs }: { runs: readonly CompareRun[] }) {
  return (
    <div className="table-scroll">
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">nDCG@10</th>
            <th scope="col">P@10</th>
            <th scope="col">MRR</th>
            <th scope="col">R@50</th>
            <th scope="col" title="ROC AUC of PM job descriptions' scores, Product Managers vs Product Marketing Managers">
              PM/PMM AUC
            </th>
            <th scope="col" title="Share of Product Marketing Managers in the top 10 for PM job descriptions">
              PMM in top 10
            </th>
            <th scope="col">…cluster-filtered</th>
            <th scope="col">Purity · NMI · ARI</th>
            <th scope="col" title="Measured: the model loaded in a fresh worker of the lab's own (nothing already held), including ONNX Runtime's start-up and reading every model file">
              Cold load
            </th>
            <th scope="col" title="Profiles embedded per second in this run; 'cached' when every vector came from the embedding cache">
              Profiles/s
            </th>
            <th
              scope="col"
              title="Median time to embed one job description, over variants (sentences reordered, a numbered marker added) that no cache or de-duplication has seen"
            >
              Query
            </th>
            <th scope="col" title="Measured: bytes of model files the cold load read (from transformers.js' progress events), and whether they came over the network or from the browser's model cache">
              Model files
            </th>
            <th scope="col" title="The catalogue's listed size of this precision's ONNX file (not measured)">
              Catalogue size
            </th>
            <th scope="col">Dims · bytes/vector</th>
            <th scope="col">vs fp32</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => {
            const m = r.metrics!;
            const s = r.speed!;
            const pair = m.separation[0];
            return (
              <tr key={i} data-testid="compare-row">
                <th scope="row">{runName(r)}</th>
                <td>{f3(m.ndcg10)}</td>
                <td>{f3(m.precision10)}</td>
                <td>{f3(m.mrr)}</td>
                <td>{f3(m.recall50)}</td>
                <td>{f3(pair?.auc)}</td>
                <td>{f3(pair?.twinShareTop10)}</td>
                <td>
                  {f3(pair?.aucFiltered)} · {f3(pair?.twinShareTop10Filtered)}
                </td>
                <td>
                  {f3(m.clustering?.purity)} · {f3(m.clustering?.nmi)} · {f3(m.clustering?.ari)}
                </td>
                <td data-testid="cold-load">{ms(s.loadMs)}</td>
                <td>{s.textsPerSecond == null ? `cached (${s.fromCache})` : Math.round(s.textsPerSecond).toLocaleString()}</td>
                <td data-testid="query-ms">{s.queryMs == null ? '–' : `${ms(s.queryMs)} (median of ${s.querySamples})`}</td>
                <td data-testid="files-read">{filesRead(s)}</td>
                <td>{s.catalogueMB == null ? '–' : `${s.catalogueMB} MB`}</td>
                <td>
                  {s.dims} · {s.bytesPerVector.toLocaleString()}
                </td>
                <td>{r.agreement ? `cos ${r.agreement.meanCosine.toFixed(4)} · top-10 ${(r.agreement.top10Overlap * 100).toFixed(0)}%` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
