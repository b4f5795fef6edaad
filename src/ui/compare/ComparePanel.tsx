import { useMemo, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { errorMessage } from '../../core/assert';
import { useAppStore } from '../../store/appStore';
import { cancelComparison, runComparison } from '../../store/compareActions';
import { evaluableProfiles } from '../../store/datasetSelectors';
import { runChartData, type ChartRow, type ChartSeries } from '../../store/compareCharts';
import { comparisonCsv, comparisonJson } from '../../store/compareExport';
import type { CompareRun } from '../../store/compareSlice';
import { labRows, type LabRow } from '../../store/compareRows';
import { labPairHeadline } from '../../store/pairHeadline';
import { useElementWidth } from '../hooks/useElementWidth';
import { ProgressBar } from '../status/ProgressBar';
import { chartsToPng, downloadBlob, downloadText } from './download';
import { DetailTables } from './DetailTables';
import { SummaryTable } from './SummaryTable';
import { TargetPicker } from './TargetPicker';
import { READABLE, readableLegend } from '../plot/chartText';
import { ModelSource } from '../models/ModelSource';

interface BarSpec extends ChartSeries {
  colour: string;
}
const QUALITY_BARS: readonly BarSpec[] = [
  { key: 'nDCG@10', colour: '#0072B2', value: (r) => r.metrics?.ndcg10, missingReason: 'no labelled job descriptions were scored' },
  { key: 'P@10', colour: '#56B4E9', value: (r) => r.metrics?.precision10, missingReason: 'no labelled job descriptions were scored' },
];
const SEPARATION_BARS: readonly BarSpec[] = [
  {
    key: 'PM/PMM AUC, worse direction',
    colour: '#D55E00',
    value: (r) => labPairHeadline(r.metrics).plain?.auc,
    missingReason: 'the data has no PM or PMM job descriptions, or no profiles of one role',
  },
  {
    key: 'cluster-filtered AUC, worse direction',
    colour: '#E69F00',
    value: (r) => labPairHeadline(r.metrics).filtered?.aucFiltered,
    missingReason: 'no clusters for this ranking, or no PM or PMM job descriptions or profiles',
  },
];

/** One bar group per finished run, on a 0–1 scale; a value that was not measured has no bar. */
function RunBarChart({ width, rows, bars }: { width: number; rows: ChartRow[]; bars: readonly BarSpec[] }) {
  return (
    <BarChart width={width} height={220} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
      <XAxis dataKey="name" />
      <YAxis domain={[0, 1]} />
      <Tooltip itemStyle={READABLE} formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
      <Legend formatter={readableLegend} />
      {bars.map((b) => (
        <Bar key={b.key} dataKey={b.key} fill={b.colour} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

/** The lab's bar charts, with a note for every bar left out because its value was not measured. */
function RunCharts({ rows }: { rows: readonly LabRow[] }) {
  const [chartsRef, width] = useElementWidth<HTMLDivElement>(640);
  const quality = runChartData(rows, QUALITY_BARS);
  const separation = runChartData(rows, SEPARATION_BARS);
  const missing = [...quality.missing, ...separation.missing];
  return (
    <div ref={chartsRef} className="compare-charts" data-testid="compare-chart">
      <RunBarChart width={width} rows={quality.rows} bars={QUALITY_BARS} />
      <RunBarChart width={width} rows={separation.rows} bars={SEPARATION_BARS} />
      {missing.length > 0 && (
        <ul className="meta chart-missing" data-testid="chart-missing" aria-label="Bars left out">
          {missing.map((m) => (
            <li key={m}>No bar for {m}: not measured, so not drawn as 0.</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RunStatus({ run }: { run: CompareRun }) {
  const label = { queued: 'waiting', loading: 'loading model', embedding: 'embedding profiles', evaluating: 'evaluating', reranking: 're-ranking the top hits', done: 'done', error: 'failed', cancelled: 'cancelled' }[run.status];
  return (
    <li className={`run run-${run.status}`} data-testid="compare-run" data-status={run.status}>
      <span className="run-name">
        {run.target.modelId} · {run.target.dtype}
        {run.device && ` · ${run.device === 'webgpu' ? 'WebGPU' : 'WebAssembly'}`}
      </span>
      <span className="run-state">{label}</span>
      {run.progress && <ProgressBar value={run.progress.done} max={run.progress.total || undefined} label={`${run.target.modelId} progress`} />}
      {run.error && <span className="error">{run.error}</span>}
      {run.rerankNote && (
        <span className={run.reranked ? 'meta' : 'notice'} data-testid="compare-rerank-note">
          {run.rerankNote}
        </span>
      )}
    </li>
  );
}

export function ComparePanel() {
  const runs = useAppStore((s) => s.compareRuns);
  const status = useAppStore((s) => s.compareStatus);
  const targets = useAppStore((s) => s.compareTargets);
  const profileCount = useAppStore((s) => s.profiles.length);
  const jobCount = useAppStore((s) => s.jobs.length);
  const profiles = useAppStore((s) => s.profiles);
  const jobs = useAppStore((s) => s.jobs);
  const evaluable = useMemo(() => evaluableProfiles(profiles, jobs), [profiles, jobs]);
  const pngRoot = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const keyword = useAppStore((s) => s.compareKeyword);
  const running = status === 'running';
  const done = runs.filter((r) => r.status === 'done');
  const rows = labRows(done, keyword);

  const exportPng = async () => {
    setExportError(null);
    try {
      if (!pngRoot.current) throw new Error('the charts are not on screen');
      downloadBlob(await chartsToPng(pngRoot.current), 'model-comparison.png');
    } catch (err) {
      setExportError(`PNG export failed: ${errorMessage(err)}`);
    }
  };

  const meta = () => ({ exported: new Date().toISOString(), profiles: profileCount, jobDescriptions: jobCount });

  return (
    <section className="panel compare-panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare models</h2>
      <p className="meta">
        Runs each model on the {profileCount.toLocaleString()} profiles and {jobCount} labelled job descriptions in this browser, one after another. Cached
        embeddings are reused.
      </p>
      {evaluable === 0 && (
        <p className="notice" data-testid="compare-unlabelled">
          No profile here has a role that the labelled job descriptions ask for (an imported dataset without a label column, or with other labels), so there
          is nothing to score the rankings against. Choose a labelled dataset under Profiles.
        </p>
      )}
      <TargetPicker disabled={running} />
      <ModelSource />
      <div className="search-actions">
        <button type="button" data-testid="run-comparison" disabled={running || targets.length === 0 || evaluable === 0} onClick={() => void runComparison()}>
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
          <SummaryTable rows={rows} />
          <DetailTables rows={rows} />
          <div ref={pngRoot}>
            <RunCharts rows={rows} />
          </div>
          <div className="search-actions">
            <button type="button" className="secondary" onClick={() => downloadText(comparisonJson(runs, keyword, meta()), 'model-comparison.json', 'application/json')}>
              Export JSON
            </button>
            <button type="button" className="secondary" onClick={() => downloadText(comparisonCsv(runs, keyword), 'model-comparison.csv', 'text/csv')}>
              Export CSV
            </button>
            <button type="button" className="secondary" onClick={() => void exportPng()}>
              Export PNG
            </button>
            <span className="meta">{done.length} finished runs</span>
          </div>
          {exportError && (
            <p className="error" role="alert" data-testid="export-error">
              {exportError}
            </p>
          )}
        </>
      )}
    </section>
  );
}
