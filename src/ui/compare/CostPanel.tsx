import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { averageTokens, costCurve, costTable, logSliderToN, logSpacedN, nToLogSlider } from '../../core/costModel';
import { formatBytes } from '../../core/format';
import { HOSTED_EMBEDDING_PRICES, PRICES_CHECKED } from '../../data/pricing';
import { useAppStore } from '../../store/appStore';
import { measuredLocalModels, profileTexts } from '../../store/costSelectors';
import { useElementWidth } from '../hooks/useElementWidth';
import { CLUSTER_COLOURS } from '../plot/palette';
import { NumberField } from '../common/NumberField';
import { countTick, hoursTick, usdTick } from './axisFormat';
import { READABLE } from '../plot/chartText';

const usd = (v: number) => (v === 0 ? '$0' : v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toLocaleString(undefined, { maximumFractionDigits: 2 })}`);
const SLIDER_STEPS = 1000;
/** Far above any embedding model's context (8k-32k tokens): larger is a typo. */
const MAX_TOKENS = 1_000_000;

/** What embedding N texts costs on hosted APIs versus running a small model in this browser. */
export function CostPanel() {
  const profileEmbeddings = useAppStore((s) => s.profileEmbeddings);
  const compareRuns = useAppStore((s) => s.compareRuns);
  const profiles = useAppStore((s) => s.profiles);
  const local = useMemo(() => measuredLocalModels({ profileEmbeddings, compareRuns, profiles }), [profileEmbeddings, compareRuns, profiles]);
  const texts = useMemo(() => profileTexts({ profiles }), [profiles]);
  const defaultTokens = useMemo(() => averageTokens(texts) || 200, [texts]);
  const [position, setPosition] = useState(() => nToLogSlider(1_000_000));
  const [tokens, setTokens] = useState<number | null>(null);
  const [queryTokens, setQueryTokens] = useState(300);
  const [chartRef, width] = useElementWidth<HTMLDivElement>(640);
  const n = logSliderToN(position);
  const avgTokens = tokens ?? defaultTokens;
  const params = { texts: n, avgTokens, queryTokens, hosted: HOSTED_EMBEDDING_PRICES, local };
  const rows = costTable(params);
  const curve = useMemo(
    () => costCurve({ avgTokens, queryTokens, hosted: HOSTED_EMBEDDING_PRICES, local }, logSpacedN(1e3, 1e8, 21)),
    [avgTokens, queryTokens, local],
  );

  return (
    <section className="panel cost-panel" aria-labelledby="cost-heading" data-testid="cost-panel">
      <h2 id="cost-heading">What would it cost?</h2>
      <div className="cost-inputs">
        <label className="inline-field">
          N texts
          <input
            type="range"
            min={0}
            max={SLIDER_STEPS}
            value={Math.round(position * SLIDER_STEPS)}
            aria-valuetext={`${n.toLocaleString()} texts`}
            data-testid="cost-n"
            onChange={(e) => setPosition(Number(e.target.value) / SLIDER_STEPS)}
          />
          <strong>{n.toLocaleString()}</strong>
        </label>
        <NumberField
          label="tokens per text"
          value={avgTokens}
          min={1}
          max={MAX_TOKENS}
          onCommit={setTokens}
          describeValue={(v) => `${v.toLocaleString()} tokens`}
          testId="cost-tokens"
        />
        <NumberField
          label="tokens per query"
          value={queryTokens}
          min={1}
          max={MAX_TOKENS}
          onCommit={setQueryTokens}
          describeValue={(v) => `${v.toLocaleString()} tokens`}
          testId="cost-query-tokens"
        />
      </div>
      <p className="meta">
        Defaults from this data: {texts.length.toLocaleString()} profiles of about {defaultTokens} tokens (characters ÷ 4). Hosted prices per million tokens,
        checked {PRICES_CHECKED} (src/data/pricing.ts). Local speed is measured in this browser{local.length === 0 && ' — embed or compare a model to measure it'}.
      </p>
      <p className="meta" data-testid="cost-basis">
        Costs below for {n.toLocaleString()} texts of {avgTokens.toLocaleString()} tokens each and queries of {queryTokens.toLocaleString()} tokens.
      </p>
      <p className="hint scroll-hint">Scroll the table sideways for all columns.</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Cost table (scrolls sideways)">
        <table className="compare-table" data-testid="cost-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Embed all N</th>
              <th scope="col">Batch API</th>
              <th scope="col">Per query</th>
              <th scope="col">Time here</th>
              <th scope="col">Vectors fp32</th>
              <th scope="col">int8</th>
              <th scope="col">binary</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}:${r.id}`} data-testid="cost-row">
                <th scope="row">
                  {r.name}
                  {r.kind === 'local' && ' (local)'}
                </th>
                <td>{r.kind === 'local' ? 'free' : usd(r.embedUsd)}</td>
                <td>{r.batchEmbedUsd == null ? '–' : usd(r.batchEmbedUsd)}</td>
                <td>{r.kind === 'local' ? 'free' : usd(r.perQueryUsd)}</td>
                <td>{r.embedTime ?? '–'}</td>
                <td>{formatBytes(r.storageBytes.fp32)}</td>
                <td>{formatBytes(r.storageBytes.int8)}</td>
                <td>{formatBytes(r.storageBytes.binary)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div ref={chartRef} data-testid="cost-chart">
        {/* the legend is HTML below the chart: recharts' own legend wraps into the plot on a phone and colours its text with the (pale) line colour */}
        <LineChart width={width} height={220} data={curve.points} margin={{ top: 8, right: width < 480 ? 12 : 40, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="n" type="number" scale="log" domain={[1e3, 1e8]} ticks={[1e3, 1e4, 1e5, 1e6, 1e7, 1e8]} tickFormatter={countTick} />
          <YAxis yAxisId="usd" scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={usdTick} width={64} />
          <YAxis yAxisId="hours" orientation="right" scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={hoursTick} width={56} />
          <Tooltip itemStyle={READABLE} formatter={(v, name) => (typeof v === 'number' ? (String(name).includes('local') ? hoursTick(v) : usd(v)) : String(v))} labelFormatter={(v) => `N = ${Number(v).toLocaleString()}`} />
          {curve.series.map((s, i) => (
            <Line
              key={s.key}
              yAxisId={s.unit === 'USD' ? 'usd' : 'hours'}
              dataKey={s.key}
              name={`${s.name}${s.kind === 'local' ? ' (local, hours)' : ' (USD)'}`}
              stroke={CLUSTER_COLOURS[i % CLUSTER_COLOURS.length]}
              strokeDasharray={s.kind === 'local' ? '5 3' : undefined}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
        <ul className="chart-legend" data-testid="cost-legend">
          {curve.series.map((s, i) => (
            <li key={s.key}>
              <svg width="22" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2="21" y2="5" stroke={CLUSTER_COLOURS[i % CLUSTER_COLOURS.length]} strokeWidth="2.5" strokeDasharray={s.kind === 'local' ? '5 3' : undefined} />
              </svg>
              {s.name} {s.kind === 'local' ? '(local, hours, right axis)' : '(USD, left axis)'}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
