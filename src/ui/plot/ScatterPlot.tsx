import { memo, useCallback, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { CartesianGrid, ScatterChart, XAxis, YAxis, usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { PointColumns } from '../../store/plotSelectors';
import { clusterColour, QUERY_COLOUR } from './palette';
import { buildHitGrid, drawPoints, hitTest, linearMapping, pointRadius, type Mapping, type PlotArea } from './pointLayer';
import { placeTooltip, type Box } from './tooltipPlacement';

export interface PointDescription {
  title: string;
  subtitle: string;
  cluster: string;
}

export interface ScatterPlotProps {
  width: number;
  height: number;
  /** Every point to draw (the profiles of the visible clusters), as columns. */
  points: PointColumns;
  /** Profile row index -> position in `points`, or -1 when hidden. */
  positionOf: Int32Array;
  /** Fixed axis ranges, so a new query moves the star, not the axes. */
  xDomain: [number, number];
  yDomain: [number, number];
  /** Indices of the current top hits, best first: drawn with an outline, on top. */
  topIndices: ReadonlySet<number>;
  selectedIndex: number | null;
  query: { x: number; y: number } | null;
  xLabel: string;
  yLabel: string;
  describe: (index: number) => PointDescription;
  onSelect: (index: number) => void;
}

function useMapping(xDomain: [number, number], yDomain: [number, number]): Mapping | null {
  const xs = useXAxisScale();
  const ys = useYAxisScale();
  if (!xs || !ys) return null;
  return linearMapping(xDomain, yDomain, [Number(xs(xDomain[0])), Number(xs(xDomain[1]))], [Number(ys(yDomain[0])), Number(ys(yDomain[1]))]);
}

interface Layout {
  mapping: Mapping;
  area: PlotArea;
}

const sameLayout = (a: Layout | null, b: Layout) =>
  a !== null && (Object.keys(b.mapping) as (keyof Mapping)[]).every((k) => a.mapping[k] === b.mapping[k]) && (Object.keys(b.area) as (keyof PlotArea)[]).every((k) => a.area[k] === b.area[k]);

/** Inside the chart: hands recharts' data-to-pixel mapping and plot area out to the canvas beneath it. */
function LayoutReporter({ xDomain, yDomain, onLayout }: { xDomain: [number, number]; yDomain: [number, number]; onLayout: (l: Layout) => void }) {
  const mapping = useMapping(xDomain, yDomain);
  const area = usePlotArea();
  useLayoutEffect(() => {
    if (mapping && area) onLayout({ mapping, area: { x: area.x, y: area.y, width: area.width, height: area.height } });
  });
  return null;
}

/**
 * Every point, on a canvas under the chart's SVG (whose background is transparent). Redraws
 * only when the points, the layout or the size change, never for a new query. Says what it
 * drew in data-drawn and data-clusters, and times each draw as the 'map-draw' measure.
 */
const PointsCanvas = memo(function PointsCanvas({ points, layout, width, height }: { points: PointColumns; layout: Layout | null; width: number; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx || !layout) return;
    const start = performance.now();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const stats = drawPoints(ctx, points, layout.mapping, layout.area, pointRadius(points.index.length));
    performance.measure('map-draw', { start, end: performance.now() });
    canvas.dataset.drawn = String(stats.drawn);
    canvas.dataset.clusters = stats.clusters.join(',');
  }, [points, layout, width, height]);
  return <canvas ref={ref} data-testid="points-canvas" aria-hidden="true" style={{ position: 'absolute', left: 0, top: 0, width, height }} />;
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
  points: PointColumns;
  positionOf: Int32Array;
  topIndices: ReadonlySet<number>;
  selectedIndex: number | null;
  query: { x: number; y: number } | null;
  xDomain: [number, number];
  yDomain: [number, number];
}

/** Top hits, the selection and the job description: a few SVG marks above the canvas, the only part a new query redraws. */
function Overlay({ points, positionOf, topIndices, selectedIndex, query, xDomain, yDomain }: OverlayProps) {
  const m = useMapping(xDomain, yDomain);
  const at = (index: number | null) => (index === null || index < 0 || index >= positionOf.length ? -1 : positionOf[index]);
  // the best hit last, so it is drawn on top where hits overlap (topIndices is in rank order)
  const emphasised = [...topIndices].filter((i) => i !== selectedIndex && at(i) >= 0).reverse();
  const selected = at(selectedIndex);
  if (!m) return null;
  const px = (p: number) => m.x0 + points.x[p] * m.xk;
  const py = (p: number) => m.y0 + points.y[p] * m.yk;
  return (
    <>
      <g className="top-layer">
        {emphasised.map((i) => {
          const p = at(i);
          return <circle key={i} cx={px(p)} cy={py(p)} r={5} fill={clusterColour(points.cluster[p])} stroke={QUERY_COLOUR} strokeWidth={1.5} data-testid="top-point" data-index={i} />;
        })}
        {selected >= 0 && (
          <circle cx={px(selected)} cy={py(selected)} r={7} fill={clusterColour(points.cluster[selected])} stroke={QUERY_COLOUR} strokeWidth={3} data-testid="selected-point" data-index={selectedIndex!} />
        )}
      </g>
      {query && (
        <g data-testid="query-point" data-query="true">
          <polygon points={starPoints(m.x0 + query.x * m.xk, m.y0 + query.y * m.yk)} fill="#ffffff" stroke={QUERY_COLOUR} strokeWidth={5} strokeLinejoin="round" />
          <polygon points={starPoints(m.x0 + query.x * m.xk, m.y0 + query.y * m.yk)} fill="#FFD400" stroke={QUERY_COLOUR} strokeWidth={1.5} strokeLinejoin="round" />
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

/** Pixels from the cursor within which a profile dot counts as hovered or clicked. */
const HIT_DISTANCE = 6;

/** Profiles coloured by cluster, top hits outlined, the job description as a star. */
export const ScatterPlot = memo(function ScatterPlot(props: ScatterPlotProps) {
  const { width, height, points, positionOf, xDomain, yDomain, topIndices, selectedIndex, query, xLabel, yLabel, describe, onSelect } = props;
  const [hover, setHover] = useState<Hover | null>(null);
  const [layout, setLayout] = useState<Layout | null>(null);
  const onLayout = useCallback((next: Layout) => setLayout((prev) => (sameLayout(prev, next) ? prev : next)), []);
  const hovered = hover && hover.index !== null ? describe(hover.index) : null;
  // built on the first hover, not per draw: most maps are never pointed at
  const grid = useRef<{ key: unknown[]; grid: ReturnType<typeof buildHitGrid> } | null>(null);

  /** The mark under the pointer: an SVG mark (top hit, selection, star) first, else the nearest canvas dot. */
  const markUnder = (e: MouseEvent<HTMLDivElement>): Hover | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const mark = markAt(e.target);
    if (mark) {
      const r = mark.getBoundingClientRect();
      const raw = mark.getAttribute('data-index');
      return { mark: { left: r.left - box.left, top: r.top - box.top, width: r.width, height: r.height }, index: raw == null ? null : Number(raw) };
    }
    if (!layout) return null;
    const key = [points, layout, width, height];
    if (!grid.current || grid.current.key.some((k, i) => k !== key[i])) grid.current = { key, grid: buildHitGrid(points, layout.mapping, width, height) };
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const p = hitTest(grid.current.grid, x, y, HIT_DISTANCE);
    if (p === null) return null;
    const r = pointRadius(points.index.length);
    const g = grid.current.grid;
    return { mark: { left: g.px[p] - r, top: g.py[p] - r, width: 2 * r, height: 2 * r }, index: points.index[p] };
  };

  return (
    <div
      className="scatter"
      data-chart-stack
      style={{ position: 'relative', width, height }}
      onClick={(e) => {
        const hit = markUnder(e);
        if (hit?.index != null) onSelect(hit.index);
      }}
      onMouseMove={(e) => {
        const hit = markUnder(e);
        setHover((prev) => (prev?.index === hit?.index && (prev === null) === (hit === null) ? prev : hit));
      }}
      onMouseLeave={() => setHover(null)}
    >
      <PointsCanvas points={points} layout={layout} width={width} height={height} />
      {/* mouse only: the keyboard and screen-reader route to the same profiles is the ranked list, so the chart is no tab stop */}
      <ScatterChart width={width} height={height} margin={{ top: 12, right: 16, bottom: 28, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis type="number" dataKey="x" domain={xDomain} allowDataOverflow tickFormatter={(v: number) => v.toFixed(2)} label={{ value: xLabel, position: 'bottom', offset: 10 }} height={30} />
        <YAxis type="number" dataKey="y" domain={yDomain} allowDataOverflow tickFormatter={(v: number) => v.toFixed(2)} label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 10 }} width={64} />
        <LayoutReporter xDomain={xDomain} yDomain={yDomain} onLayout={onLayout} />
        <Overlay points={points} positionOf={positionOf} topIndices={topIndices} selectedIndex={selectedIndex} query={query} xDomain={xDomain} yDomain={yDomain} />
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
