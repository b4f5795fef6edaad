import { useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../store/appStore';
import { cancelComparison, runComparison } from '../../store/compareActions';
import { comparisonCsv, comparisonJson, comparisonRows } from '../../store/compareExport';
import type { CompareRun } from '../../store/compareSlice';
import { pairHeadlines } from '../../core/separation';
import { useElementWidth } from '../hooks/useElementWidth';
import { ProgressBar } from '../status/ProgressBar';
import { chartsToPng, downloadBlob, downloadText } from './download';
import { TargetPicker } from './TargetPicker';
import { DetailTables } from './DetailTables';

type ChartRow = Record<string, string | number>;
const QUALITY_BARS = [
  { key: 'nDCG@10', colour: '#0072B2' },
  { key: 'P@10', colour: '#56B4E9' },
];
const SEPARATION_BARS = [
  { key: 'PM vs PMM AUC', colour: '#D55E00' },
  { key: 'AUC, cluster-filtered', colour: '#E69F00' },
];

/** One bar group per finished run, on a 0–1 scale. */
function RunBarChart({ width, rows, bars }: { width: number; rows: ChartRow[]; bars: readonly { key: string; colour: string }[] }) {
  return (
    <BarChart width={width} height={220} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
      <XAxis dataKey="name" />
      <YAxis domain={[0, 1]} />
      <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
      <Legend />
      {bars.map((b) => (
        <Bar key={b.key} dataKey={b.key} fill={b.colour} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

const f3 = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? '–' : v.toFixed(3));
const runName = (r: CompareRun) => `${r.target.modelId.split('/').pop()} ${r.target.dtype}`;

function RunStatus({ run }: { run: CompareRun }) {
  const label = { queued: 'waiting', loading: 'loading model', embedding: 'embedding profiles', evaluating: 'evaluating', done: 'done', error: 'failed', cancelled: 'cancelled' }[run.status];
  return (
    <li className={`run run-${run.status}`} data-testid="compare-run" data-status={run.status}>
      <span className="run-name">
        {run.target.modelId} · {run.target.dtype}
        {run.device && ` · ${run.device === 'webgpu' ? 'WebGPU' : 'WebAssembly'}`}
      </span>
      <span className="run-state">{label}</span>
      {run.progress && <ProgressBar value={run.progress.done} max={run.progress.total || undefined} label={`${run.target.modelId} progress`} />}
      {run.error && <span className="error">{run.error}</span>}
    </li>
  );
}

export function ComparePanel() {
  const runs = useAppStore((s) => s.compareRuns);
  const status = useAppStore((s) => s.compareStatus);
  const targets = useAppStore((s) => s.compareTargets);
  const profileCount = useAppStore((s) => s.profiles.length);
  const jobCount = useAppStore((s) => s.jobs.length);
  const [chartsRef, width] = useElementWidth<HTMLDivElement>(640);
  const pngRoot = useRef<HTMLDivElement>(null);
  const running = status === 'running';
  const done = runs.filter((r) => r.status === 'done');
  const chartRows: ChartRow[] = done.map((r) => ({
    name: runName(r),
    'nDCG@10': r.metrics?.ndcg10 ?? 0,
    'P@10': r.metrics?.precision10 ?? 0,
    'PM vs PMM AUC (worse direction)': r.metrics ? (pairHeadlines(r.metrics.separation)[0]?.worse.auc ?? 0) : 0,
    'AUC, cluster-filtered': r.metrics ? (pairHeadlines(r.metrics.separation, true)[0]?.worse.aucFiltered ?? 0) : 0,
  }));

  const meta = () => ({ exported: new Date().toISOString(), profiles: profileCount, jobDescriptions: jobCount });

  return (
    <section className="panel compare-panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare models</h2>
      <p className="meta">
        Runs each model on the {profileCount.toLocaleString()} profiles and {jobCount} labelled job descriptions in this browser, one after another. Cached
        embeddings are reused.
      </p>
      <TargetPicker disabled={running} />
      <div className="search-actions">
        <button type="button" data-testid="run-comparison" disabled={running || targets.length === 0} onClick={() => void runComparison()}>
          {running ? 'Comparing…' : `Compare ${targets.length} ${targets.length === 1 ? 'run' : 'runs'}`}
        </button>
        {running && (
          <button type="button" className="secondary" data-testid="cancel-comparison" onClick={cancelComparison}>
            Cancel
          </button>
        )}
      </div>
      {runs.length > 0 && (
        <ul className="runs" aria-live="polite">
          {runs.map((r, i) => (
            <RunStatus key={i} run={r} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <>
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
                  <th scope="col">Load</th>
                  <th scope="col">Profiles/s</th>
                  <th scope="col">Query</th>
                  <th scope="col">Download</th>
                  <th scope="col">Dims · bytes/vector</th>
                  <th scope="col">vs fp32</th>
                </tr>
              </thead>
              <tbody>
                {done.map((r, i) => {
                  const m = r.metrics!;
                  const s = r.speed!;
                  const pair = pairHeadlines(m.separation)[0]?.worse;
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
                      <td>{(s.loadMs / 1000).toFixed(1)} s</td>
                      <td>{s.textsPerSecond == null ? `cached (${s.fromCache})` : Math.round(s.textsPerSecond).toLocaleString()}</td>
                      <td>{Math.round(s.queryMs)} ms</td>
                      <td>{s.downloadMB ? `${s.downloadMB} MB` : '–'}</td>
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
          <DetailTables runs={done} />
          <div ref={pngRoot}>
            <div ref={chartsRef} className="compare-charts" data-testid="compare-chart">
              <RunBarChart width={width} rows={chartRows} bars={QUALITY_BARS} />
              <RunBarChart width={width} rows={chartRows} bars={SEPARATION_BARS} />
            </div>
          </div>
          <div className="search-actions">
            <button type="button" className="secondary" onClick={() => downloadText(comparisonJson(runs, meta()), 'model-comparison.json', 'application/json')}>
              Export JSON
            </button>
            <button type="button" className="secondary" onClick={() => downloadText(comparisonCsv(runs), 'model-comparison.csv', 'text/csv')}>
              Export CSV
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                if (pngRoot.current) void chartsToPng(pngRoot.current).then((blob) => blob && downloadBlob(blob, 'model-comparison.png'));
              }}
            >
              Export PNG
            </button>
            <span className="meta">{comparisonRows(done).length} finished runs</span>
          </div>
        </>
      )}
    </section>
  );
}
