import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CartesianGrid, ScatterChart, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';
import { clusterColour, QUERY_COLOUR } from './palette';
import { placeTooltip, type Box } from './tooltipPlacement';

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
  /** Fixed axis ranges, so a new query moves the star, not the axes. */
  xDomain: [number, number];
  yDomain: [number, number];
  /** Indices of the current top hits: drawn with an outline, on top. */
  topIndices: ReadonlySet<number>;
  selectedIndex: number | null;
  query: { x: number; y: number } | null;
  xLabel: string;
  yLabel: string;
  describe: (index: number) => PointDescription;
  onSelect: (index: number) => void;
}

/** Data -> pixel as two numbers per axis, so memoised layers compare by value, not by scale identity. */
interface Mapping {
  x0: number;
  xk: number;
  y0: number;
  yk: number;
}

function useMapping(xDomain: [number, number], yDomain: [number, number]): Mapping | null {
  const xs = useXAxisScale();
  const ys = useYAxisScale();
  if (!xs || !ys) return null;
  const [xa, xb] = [Number(xs(xDomain[0])), Number(xs(xDomain[1]))];
  const [ya, yb] = [Number(ys(yDomain[0])), Number(ys(yDomain[1]))];
  if (![xa, xb, ya, yb].every(Number.isFinite)) return null;
  const xk = (xb - xa) / (xDomain[1] - xDomain[0]);
  const yk = (yb - ya) / (yDomain[1] - yDomain[0]);
  return { x0: xa - xDomain[0] * xk, xk, y0: ya - yDomain[0] * yk, yk };
}

/**
 * Every profile as a plain SVG circle. Recharts draws the axes and grid; drawing the
 * thousands of points ourselves, memoised, keeps a new search from re-rendering them.
 */
const PointsLayer = memo(function PointsLayer({ points, x0, xk, y0, yk }: { points: readonly PlotPoint[] } & Mapping) {
  return (
    <g className="points-layer">
      {points.map((p) => (
        <circle
          key={p.index}
          cx={x0 + p.x * xk}
          cy={y0 + p.y * yk}
          r={3}
          fill={clusterColour(p.cluster)}
          fillOpacity={0.75}
          data-testid="profile-point"
          data-index={p.index}
        />
      ))}
    </g>
  );
});

/** Five-pointed star: unmistakable against round profile dots. */
function starPoints(cx: number, cy: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 11 : 4.5;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

interface OverlayProps {
  points: readonly PlotPoint[];
  topIndices: ReadonlySet<number>;
  selectedIndex: number | null;
  query: { x: number; y: number } | null;
  xDomain: [number, number];
  yDomain: [number, number];
}

/** Top hits, the selection and the job description, above the profile points. */
function Overlay({ points, topIndices, selectedIndex, query, xDomain, yDomain }: OverlayProps) {
  const m = useMapping(xDomain, yDomain);
  const emphasised = useMemo(() => points.filter((p) => topIndices.has(p.index) && p.index !== selectedIndex), [points, topIndices, selectedIndex]);
  const selected = useMemo(() => points.find((p) => p.index === selectedIndex), [points, selectedIndex]);
  if (!m) return null;
  const px = (v: number) => m.x0 + v * m.xk;
  const py = (v: number) => m.y0 + v * m.yk;
  return (
    <>
      <PointsLayer points={points} {...m} />
      <g className="top-layer">
        {emphasised.map((p) => (
          <circle key={p.index} cx={px(p.x)} cy={py(p.y)} r={5} fill={clusterColour(p.cluster)} stroke={QUERY_COLOUR} strokeWidth={1.5} data-testid="top-point" data-index={p.index} />
        ))}
        {selected && (
          <circle cx={px(selected.x)} cy={py(selected.y)} r={7} fill={clusterColour(selected.cluster)} stroke={QUERY_COLOUR} strokeWidth={3} data-testid="selected-point" data-index={selected.index} />
        )}
      </g>
      {query && (
        <g data-testid="query-point" data-query="true">
          <polygon points={starPoints(px(query.x), py(query.y))} fill="#ffffff" stroke={QUERY_COLOUR} strokeWidth={5} strokeLinejoin="round" />
          <polygon points={starPoints(px(query.x), py(query.y))} fill="#FFD400" stroke={QUERY_COLOUR} strokeWidth={1.5} strokeLinejoin="round" />
        </g>
      )}
    </>
  );
}

function markAt(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest('[data-index], [data-query]') : null;
}

interface Hover {
  /** The hovered mark, relative to the plot. */
  mark: Box;
  index: number | null;
}

/** A tooltip placed beside its mark once its own size is known, never over the mark. */
function PlotTooltip({ mark, width, height, children }: { mark: Box; width: number; height: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const at = placeTooltip(mark, { width: el.offsetWidth, height: el.offsetHeight }, width, height);
    el.style.left = `${at.left}px`;
    el.style.top = `${at.top}px`;
    el.style.visibility = 'visible';
  });
  return (
    <div ref={ref} className="plot-tooltip" role="tooltip" data-testid="plot-tooltip" style={{ position: 'absolute', left: 0, top: 0, visibility: 'hidden', pointerEvents: 'none' }}>
      {children}
    </div>
  );
}

/** Profiles coloured by cluster, top hits outlined, the job description as a star. */
export const ScatterPlot = memo(function ScatterPlot(props: ScatterPlotProps) {
  const { width, height, points, xDomain, yDomain, topIndices, selectedIndex, query, xLabel, yLabel, describe, onSelect } = props;
  const [hover, setHover] = useState<Hover | null>(null);
  const hovered = hover && hover.index !== null ? describe(hover.index) : null;

  return (
    <div
      className="scatter"
      style={{ position: 'relative', width, height }}
      onClick={(e) => {
        const raw = markAt(e.target)?.getAttribute('data-index');
        if (raw != null) onSelect(Number(raw));
      }}
      onMouseOver={(e) => {
        const mark = markAt(e.target);
        if (!mark) return setHover(null);
        const box = e.currentTarget.getBoundingClientRect();
        const r = mark.getBoundingClientRect();
        const raw = mark.getAttribute('data-index');
        setHover({ mark: { left: r.left - box.left, top: r.top - box.top, width: r.width, height: r.height }, index: raw == null ? null : Number(raw) });
      }}
      onMouseLeave={() => setHover(null)}
    >
      {/* mouse only: the keyboard and screen-reader route to the same profiles is the ranked list, so the chart is no tab stop */}
      <ScatterChart width={width} height={height} margin={{ top: 12, right: 16, bottom: 28, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis type="number" dataKey="x" domain={xDomain} allowDataOverflow tickFormatter={(v: number) => v.toFixed(2)} label={{ value: xLabel, position: 'bottom', offset: 10 }} height={30} />
        <YAxis type="number" dataKey="y" domain={yDomain} allowDataOverflow tickFormatter={(v: number) => v.toFixed(2)} label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 10 }} width={64} />
        <Overlay points={points} topIndices={topIndices} selectedIndex={selectedIndex} query={query} xDomain={xDomain} yDomain={yDomain} />
      </ScatterChart>
      {hover && (
        <PlotTooltip mark={hover.mark} width={width} height={height}>
          {hovered ? (
            <>
              <strong>{hovered.title}</strong>
              <span>{hovered.subtitle}</span>
              <span className="muted">{hovered.cluster}</span>
            </>
          ) : (
            <strong>Job description</strong>
          )}
        </PlotTooltip>
      )}
    </div>
  );
});
