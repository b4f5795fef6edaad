/**
 * The map's point layer as pure functions: where a point lands on screen, which point is
 * under the cursor, and drawing every point onto a 2-D canvas batched by cluster colour.
 * No React and no DOM here (the canvas is any object with the few methods used), so Node
 * tests run all of it. SVG circles stopped being usable at a few thousand points; a canvas
 * draws 100,000 in tens of milliseconds, and only when the points or the size change.
 */
import type { PointColumns } from '../../store/plotSelectors';
import { clusterColour } from './palette';

/** Data -> pixel: px = x0 + x * xk, py = y0 + y * yk (yk is negative: y grows upwards). */
export interface Mapping {
  x0: number;
  xk: number;
  y0: number;
  yk: number;
}

/** The plotting rectangle inside the chart (between the axes), in CSS pixels. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}


/** The mapping that sends the data domains onto the given pixel ranges (each [pixel of domain start, pixel of domain end]). */
export function linearMapping(xDomain: readonly [number, number], yDomain: readonly [number, number], xPixels: readonly [number, number], yPixels: readonly [number, number]): Mapping | null {
  const xk = (xPixels[1] - xPixels[0]) / (xDomain[1] - xDomain[0]);
  const yk = (yPixels[1] - yPixels[0]) / (yDomain[1] - yDomain[0]);
  const m = { x0: xPixels[0] - xDomain[0] * xk, xk, y0: yPixels[0] - yDomain[0] * yk, yk };
  return Object.values(m).every(Number.isFinite) ? m : null;
}

/** Dot radius in CSS pixels: smaller as the map fills, so 100,000 points still show their clusters' shapes. */
export function pointRadius(count: number): number {
  if (count <= 3_000) return 3;
  if (count <= 20_000) return 2;
  return 1.5;
}

/** The subset of CanvasRenderingContext2D the layer draws with. */
export interface PointContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  globalAlpha: number;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  rect(x: number, y: number, w: number, h: number): void;
  fill(): void;
}

export interface DrawStats {
  /** Points drawn (those inside the plot area). */
  drawn: number;
  /** Clusters with at least one point drawn, ascending. */
  clusters: number[];
}

/** Dots smaller than this radius are drawn as squares. */
export const SQUARE_BELOW = 2;

/** Profile dots are translucent so dense regions read darker, as the SVG version did. */
export const POINT_ALPHA = 0.75;

/**
 * Draws every point inside `area` as a dot of its cluster's colour: one path and one fill
 * per cluster (a fill per point is ~10x slower at 100,000). Clusters are drawn in id order.
 * Dots under SQUARE_BELOW px radius are squares of the same width.
 */
export function drawPoints(ctx: PointContext, points: PointColumns, m: Mapping, area: PlotArea, radius: number): DrawStats {
  const n = points.index.length;
  const groups = groupByCluster(points.cluster);
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  let drawn = 0;
  const clusters: number[] = [];
  // below 2 px a square is indistinguishable from a disc and rasterizes several times faster
  const square = radius < SQUARE_BELOW;
  ctx.globalAlpha = POINT_ALPHA;
  for (const [cluster, members] of groups) {
    let inGroup = 0;
    ctx.beginPath();
    for (let j = 0; j < members.length; j++) {
      const p = members[j];
      const px = m.x0 + points.x[p] * m.xk;
      const py = m.y0 + points.y[p] * m.yk;
      if (px < area.x || px > right || py < area.y || py > bottom) continue;
      if (square) ctx.rect(px - radius, py - radius, 2 * radius, 2 * radius);
      else {
        ctx.moveTo(px + radius, py);
        ctx.arc(px, py, radius, 0, 2 * Math.PI);
      }
      inGroup++;
    }
    if (inGroup === 0) continue;
    ctx.fillStyle = clusterColour(cluster);
    ctx.fill();
    drawn += inGroup;
    clusters.push(cluster);
  }
  ctx.globalAlpha = 1;
  if (drawn > n) throw new Error('drawPoints: drew more points than given');
  return { drawn, clusters };
}

/** Point positions grouped by cluster id, ids ascending (a counting sort: O(n)). */
export function groupByCluster(cluster: Int32Array): [number, Int32Array][] {
  const counts = new Map<number, number>();
  for (let i = 0; i < cluster.length; i++) counts.set(cluster[i], (counts.get(cluster[i]) ?? 0) + 1);
  const ids = [...counts.keys()].sort((a, b) => a - b);
  const out = new Map(ids.map((id) => [id, new Int32Array(counts.get(id)!)] as const));
  const filled = new Map(ids.map((id) => [id, 0]));
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i];
    const at = filled.get(c)!;
    out.get(c)![at] = i;
    filled.set(c, at + 1);
  }
  return ids.map((id) => [id, out.get(id)!]);
}

/** Points bucketed by screen cell, so finding the point under the cursor looks at a few cells, not at every point. */
export interface HitGrid {
  cell: number;
  columns: number;
  rows: number;
  /** Point positions, grouped by cell: cell c holds order[start[c]] .. order[start[c + 1] - 1]. */
  start: Int32Array;
  order: Int32Array;
  px: Float32Array;
  py: Float32Array;
}

/** Buckets every point by the `cell`-pixel square it lands in (points off the `width` x `height` canvas are left out). */
export function buildHitGrid(points: PointColumns, m: Mapping, width: number, height: number, cell = 8): HitGrid {
  const n = points.index.length;
  const columns = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  const cellOf = new Int32Array(n).fill(-1);
  const start = new Int32Array(columns * rows + 1);
  for (let p = 0; p < n; p++) {
    px[p] = m.x0 + points.x[p] * m.xk;
    py[p] = m.y0 + points.y[p] * m.yk;
    const cx = Math.floor(px[p] / cell);
    const cy = Math.floor(py[p] / cell);
    if (cx < 0 || cy < 0 || cx >= columns || cy >= rows) continue;
    cellOf[p] = cy * columns + cx;
    start[cellOf[p] + 1]++;
  }
  for (let c = 0; c < columns * rows; c++) start[c + 1] += start[c];
  const order = new Int32Array(start[columns * rows]);
  const next = start.slice(0, columns * rows);
  for (let p = 0; p < n; p++) if (cellOf[p] >= 0) order[next[cellOf[p]]++] = p;
  return { cell, columns, rows, start, order, px, py };
}

/**
 * The position (in `points`) of the point nearest to (x, y) within `maxDistance` pixels
 * (inclusive), or null. Ties go to the later position, so the answer never depends on cell order.
 */
export function hitTest(grid: HitGrid, x: number, y: number, maxDistance: number): number | null {
  const { cell, columns, rows, start, order, px, py } = grid;
  const lo = (v: number) => Math.max(0, Math.floor((v - maxDistance) / cell));
  const x1 = Math.min(columns - 1, Math.floor((x + maxDistance) / cell));
  const y1 = Math.min(rows - 1, Math.floor((y + maxDistance) / cell));
  let best: number | null = null;
  let bestD = maxDistance * maxDistance;
  for (let cy = lo(y); cy <= y1; cy++) {
    for (let cx = lo(x); cx <= x1; cx++) {
      const c = cy * columns + cx;
      for (let k = start[c]; k < start[c + 1]; k++) {
        const p = order[k];
        const d = (px[p] - x) ** 2 + (py[p] - y) ** 2;
        if (d < bestD || (d === bestD && (best === null || p > best))) {
          bestD = d;
          best = p;
        }
      }
    }
  }
  return best;
}
