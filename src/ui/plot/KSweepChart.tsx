import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepPoint } from '../../analysis/protocol';
import { READABLE, readableLegend } from './chartText';

/** Inertia (elbow) and mean silhouette (higher is better) for each k, on two axes. */
export function KSweepChart({ points, width, currentK }: { points: readonly SweepPoint[]; width: number; currentK: number }) {
  const best = points.reduce<SweepPoint | null>((b, p) => (!b || p.silhouette > b.silhouette ? p : b), null);
  return (
    <figure className="sweep" data-testid="k-sweep">
      <LineChart width={width} height={170} data={points as SweepPoint[]} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="k" type="number" domain={['dataMin', 'dataMax']} tickCount={points.length} />
        <YAxis yAxisId="inertia" tickFormatter={(v: number) => v.toFixed(0)} width={48} />
        <YAxis yAxisId="silhouette" orientation="right" tickFormatter={(v: number) => v.toFixed(2)} width={40} />
        <Tooltip itemStyle={READABLE} formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(k) => `k = ${k}`} />
        <Legend formatter={readableLegend} />
        <Line yAxisId="inertia" dataKey="inertia" name="inertia" stroke="#0072B2" dot={false} isAnimationActive={false} />
        <Line yAxisId="silhouette" dataKey="silhouette" name="silhouette" stroke="#D55E00" dot={{ r: 2 }} isAnimationActive={false} />
      </LineChart>
      <figcaption>
        Current k = {currentK}.{best && ` Highest silhouette at k = ${best.k} (${best.silhouette.toFixed(3)}).`} Look for the elbow in inertia.
      </figcaption>
    </figure>
  );
}
