import type { ReactNode } from 'react';
import type { SeparationResult } from '../../core/separation';
import { rowName, type LabRow } from '../../store/compareRows';
import { labPairHeadline } from '../../store/pairHeadline';
import { f3, filesRead, ms } from './format';
import { formatUsd } from '../../api/cost';
import type { RunCost } from '../../store/apiSelectors';
import { roleInitials, SEPARATION_HELP } from './separationText';

/** An API run's bill; models in the browser have no per-token cost. */
function runCost(c: RunCost | null | undefined): string {
  if (!c) return 'none (in browser)';
  const tokens = c.billedTokens === null ? 'tokens not reported' : `${c.billedTokens.toLocaleString('en-US')} tokens`;
  return `${formatUsd(c.usd)} · ${tokens} · ${c.requests} request${c.requests === 1 ? '' : 's'}`;
}

const NOT_SEPARATE = 'Not measured separately: this ranking uses the embedding row’s model, vectors and clusters.';

function Direction({ d }: { d: SeparationResult | null }) {
  if (!d) return <>–</>;
  return (
    <abbr title={`${d.target} job descriptions; ${d.twin} is the twin`}>
      {roleInitials(d.target)} → {roleInitials(d.twin)}
    </abbr>
  );
}

/** One row per ranking (each model's embedding and hybrid, and BM25 once): quality, the headline pair per direction, clustering, measured speed and size. */
export function SummaryTable({ rows }: { rows: readonly LabRow[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Comparison summary (scrolls sideways)">
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">Model · ranking</th>
            <th scope="col">nDCG@10</th>
            <th scope="col">P@10</th>
            <th scope="col">MRR</th>
            <th scope="col">R@50</th>
            <th scope="col" title={SEPARATION_HELP.direction}>
              PM/PMM, worse direction
            </th>
            <th scope="col" title={SEPARATION_HELP.auc}>
              AUC
            </th>
            <th scope="col" title={SEPARATION_HELP.twinTop10}>
              Twin in top 10
            </th>
            <th scope="col" title={SEPARATION_HELP.queries}>
              Queries
            </th>
            <th scope="col" title={SEPARATION_HELP.filtered}>
              Cluster-filtered: AUC · twin · kept
            </th>
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
            <th scope="col" title="API models: what this run was billed, from the tokens the replies reported, at the dated list price. Models in the browser cost nothing per token.">
              Cost, billed
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
          {rows.map((row) => {
            const m = row.metrics;
            const { plain, filtered } = labPairHeadline(m);
            // speed, size and clusters belong to the model: shown on its embedding row only
            const own = row.ranking === 'embedding' ? row.run : null;
            const s = own?.speed;
            const na = row.ranking === 'hybrid' || row.ranking === 'reranked' ? NOT_SEPARATE : row.ranking === 'bm25' ? 'BM25 uses no model.' : undefined;
            const modelCell = (content: ReactNode, testId?: string) => (
              <td data-testid={testId} title={s ? undefined : na}>
                {s ? content : '–'}
              </td>
            );
            return (
              <tr key={row.key} data-testid="compare-row" data-ranking={row.ranking} data-default={row.appDefault || undefined}>
                <th scope="row">
                  {rowName(row)}
                  {row.appDefault && (
                    <span className="badge" title="The ranking the search view uses">
                      {' '}
                      app default
                    </span>
                  )}
                </th>
                <td>{f3(m.ndcg10)}</td>
                <td>{f3(m.precision10)}</td>
                <td>{f3(m.mrr)}</td>
                <td>{f3(m.recall50)}</td>
                <td data-testid="pair-direction">
                  <Direction d={plain} />
                </td>
                <td>{f3(plain?.auc)}</td>
                <td>{f3(plain?.twinShareTop10)}</td>
                <td>{plain ? plain.queries : '–'}</td>
                <td>
                  {filtered ? (
                    <>
                      <Direction d={filtered} /> {f3(filtered.aucFiltered)} · {f3(filtered.twinShareTop10Filtered)} · {f3(filtered.targetKeptFiltered)}
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                {modelCell(
                  <>
                    {f3(m.clustering?.purity)} · {f3(m.clustering?.nmi)} · {f3(m.clustering?.ari)}
                  </>,
                )}
                {modelCell(s && ms(s.loadMs), 'cold-load')}
                {modelCell(s && (s.textsPerSecond != null ? Math.round(s.textsPerSecond).toLocaleString() : s.fromFile ? `– (vectors from the file)` : `cached (${s.fromCache})`))}
                {modelCell(s && (s.queryMs == null ? '–' : `${ms(s.queryMs)} (median of ${s.querySamples})`), 'query-ms')}
                {modelCell(runCost(own?.apiCost), 'run-cost')}
                {modelCell(s && filesRead(s), 'files-read')}
                {modelCell(s && (s.catalogueMB == null ? '–' : `${s.catalogueMB} MB`))}
                {modelCell(
                  s && (
                    <>
                      {s.dims} · {s.bytesPerVector.toLocaleString()}
                    </>
                  ),
                )}
                {modelCell(
                  own?.agreement ? `cos ${own.agreement.meanCosine.toFixed(4)} · top-10 ${(own.agreement.top10Overlap * 100).toFixed(0)}%` : '–',
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
