import { projectPoint } from '../core/pca';
import { samplePointsForDrawing } from '../core/plotSample';
import type { Clustering, Projection } from './clusterSlice';

/** Most points an SVG scatter draws before it gets sluggish; beyond it, a sample is drawn. */
export const MAX_DRAWN_POINTS = 3000;

export interface PlotPointRow {
  index: number;
  x: number;
  y: number;
  cluster: number;
}

export interface PlotData {
  points: PlotPointRow[];
  /** Profiles that could be drawn (embedded, in visible clusters), before sampling. */
  visibleCount: number;
  sampled: boolean;
}

/**
 * The points to draw: every profile of a visible cluster, or a per-cluster sample that
 * always keeps `keep` (top hits, the selection) when there are more than `cap`.
 */
export function plotData(
  projection: Projection,
  clustering: Clustering | null,
  hiddenClusters: ReadonlySet<number>,
  keep: readonly number[],
  cap = MAX_DRAWN_POINTS,
): PlotData {
  const n = projection.coords.length / 2;
  const labels = clustering?.dataKey === projection.dataKey ? clustering.labels : new Int32Array(n);
  const visible: number[] = [];
  // a profile not embedded yet (a progressive run) has no place on the map
  for (let i = 0; i < n; i++) if (!hiddenClusters.has(labels[i]) && !Number.isNaN(projection.coords[2 * i])) visible.push(i);
  let drawn: ArrayLike<number> = visible;
  if (visible.length > cap) {
    const subLabels = Int32Array.from(visible, (i) => labels[i]);
    const position = new Map(visible.map((i, j) => [i, j]));
    const keepPositions = keep.flatMap((i) => (position.has(i) ? [position.get(i)!] : []));
    drawn = Array.from(samplePointsForDrawing(subLabels, keepPositions, cap), (j) => visible[j]);
  }
  const points = Array.from(drawn, (i) => ({ index: i, x: projection.coords[2 * i], y: projection.coords[2 * i + 1], cluster: labels[i] }));
  return { points, visibleCount: visible.length, sampled: drawn.length < visible.length };
}

export function queryPoint(projection: Projection | null, queryVector: Float32Array | undefined): { x: number; y: number } | null {
  if (!projection || !queryVector || queryVector.length !== projection.pca.mean.length) return null;
  const p = projectPoint(projection.pca, queryVector);
  return { x: p[0], y: p[1] };
}

export function axisLabel(axis: 0 | 1, projection: Projection): string {
  const share = projection.pca.explainedVariance[axis] ?? 0;
  return `PC${axis + 1} (${(share * 100).toFixed(1)}% of variance)`;
}
