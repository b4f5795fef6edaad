import { memo, useMemo } from 'react';
import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import { clusterColour, QUERY_COLOUR } from './palette';

export interface PlotPoint {
  /** Profile row index. */
  index: number;
  x: number;
  y: number;
  cluster: number;
}

export interface PointDescription {
  title: string;
  subtitle: string;
  cluster: string;
}

export interface ScatterPlotProps {
  width: number;
  height: number;
  /** Points to draw, already filtered to visible clusters (and sampled when there are many). */
  points: readonly PlotPoint[];
  /** Indices of the current top hits: drawn with an outline, on top. */
  topIndices: ReadonlySet<number>;
  selectedIndex: number | null;
  query: { x: number; y: number } | null;
  xLabel: string;
  yLabel: string;
  describe: (index: number) => PointDescription;
  onSelect: (index: number) => void;
}

type Datum = PlotPoint & { kind: 'profile' | 'top' | 'selected' };
type QueryDatum = { x: number; y: number; kind: 'query' };

interface ShapeProps {
  cx?: number;
  cy?: number;
  payload?: Datum;
}

function ProfileDot({ cx, cy, payload }: ShapeProps) {
  if (cx === undefined || cy === undefined || !payload) return null;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={3}
      fill={clusterColour(payload.cluster)}
      fillOpacity={0.75}
      data-testid="profile-point"
      data-index={payload.index}
      style={{ cursor: 'pointer' }}
    />
  );
}

function TopDot({ cx, cy, payload }: ShapeProps) {
  if (cx === undefined || cy === undefined || !payload) return null;
  const selected = payload.kind === 'selected';
  return (
    <circle
      cx={cx}
      cy={cy}
      r={selected ? 7 : 5}
      fill={clusterColour(payload.cluster)}
      stroke={QUERY_COLOUR}
      strokeWidth={selected ? 3 : 1.5}
      data-testid={selected ? 'selected-point' : 'top-point'}
      data-index={payload.index}
      style={{ cursor: 'pointer' }}
    />
  );
}

/** A five-pointed star: unmistakable against round profile dots. */
function QueryStar({ cx, cy }: ShapeProps) {
  if (cx === undefined || cy === undefined) return null;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 11 : 4.5;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    points.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return (
    <g data-testid="query-point" aria-label="The job description">
      <polygon points={points.join(' ')} fill="#ffffff" stroke={QUERY_COLOUR} strokeWidth={5} strokeLinejoin="round" />
      <polygon points={points.join(' ')} fill="#FFD400" stroke={QUERY_COLOUR} strokeWidth={1.5} strokeLinejoin="round" />
    </g>
  );
}

/** The profile index of the mark under a click, if any: one delegated handler for every point. */
function clickedIndex(target: EventTarget | null): number | null {
  const el = target instanceof Element ? target.closest('[data-index]') : null;
  const raw = el?.getAttribute('data-index');
  return raw == null ? null : Number(raw);
}

/** Draws profiles coloured by cluster, top hits outlined, and the job description as a star. */
export const ScatterPlot = memo(function ScatterPlot(props: ScatterPlotProps) {
  const { width, height, points, topIndices, selectedIndex, query, xLabel, yLabel, describe, onSelect } = props;

  const byCluster = useMemo(() => {
    const groups = new Map<number, Datum[]>();
    for (const p of points) {
      let g = groups.get(p.cluster);
      if (!g) groups.set(p.cluster, (g = []));
      g.push({ ...p, kind: 'profile' });
    }
    return [...groups.entries()].sort((a, b) => a[0] - b[0]);
  }, [points]);

  const emphasised = useMemo(() => {
    const out: Datum[] = [];
    for (const p of points) {
      if (p.index === selectedIndex) continue;
      if (topIndices.has(p.index)) out.push({ ...p, kind: 'top' });
    }
    const selected = points.find((p) => p.index === selectedIndex);
    if (selected) out.push({ ...selected, kind: 'selected' });
    return out;
  }, [points, topIndices, selectedIndex]);

  const queryData: QueryDatum[] = query ? [{ ...query, kind: 'query' }] : [];

  const renderTooltip = ({ active, payload }: TooltipContentProps<ValueType, NameType>) => {
    const datum = payload?.[0]?.payload as Datum | QueryDatum | undefined;
    if (!active || !datum) return null;
    if (datum.kind === 'query') {
      return (
        <div className="plot-tooltip">
          <strong>Job description</strong>
        </div>
      );
    }
    const d = describe(datum.index);
    return (
      <div className="plot-tooltip">
        <strong>{d.title}</strong>
        <span>{d.subtitle}</span>
        <span className="muted">{d.cluster}</span>
      </div>
    );
  };

  return (
    <div
      className="scatter"
      onClick={(e) => {
        const i = clickedIndex(e.target);
        if (i !== null) onSelect(i);
      }}
    >
    <ScatterChart width={width} height={height} margin={{ top: 12, right: 16, bottom: 28, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
      <XAxis type="number" dataKey="x" name="PC1" domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(2)} label={{ value: xLabel, position: 'bottom', offset: 10 }} />
      <YAxis type="number" dataKey="y" name="PC2" domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(2)} label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 10 }} width={64} />
      <Tooltip content={renderTooltip} cursor={false} isAnimationActive={false} />
      {byCluster.map(([cluster, data]) => (
        <Scatter key={cluster} name={`Cluster ${cluster + 1}`} data={data} shape={ProfileDot} isAnimationActive={false} />
      ))}
      <Scatter name="Top hits" data={emphasised} shape={TopDot} isAnimationActive={false} />
      <Scatter name="Job description" data={queryData} shape={QueryStar} isAnimationActive={false} />
    </ScatterChart>
    </div>
  );
});
