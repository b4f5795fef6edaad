import { projectPoint } from '../core/pca';
import type { Clustering, Projection } from './clusterSlice';

/** Points as columns (one typed array per field), so 100,000 of them are four arrays, not 100,000 objects. */
export interface PointColumns {
  /** Profile row index of each point. */
  index: Int32Array;
  x: Float32Array;
  y: Float32Array;
  cluster: Int32Array;
}

export interface PlotData {
  /** Every profile of a visible cluster, in row order. */
  points: PointColumns;
  /** Profile row index -> position in `points`, or -1 when its cluster is hidden. */
  positionOf: Int32Array;
}

/**
 * The points to draw: every profile of a visible cluster. Depends only on the projection,
 * the clustering and the hidden clusters, never on the query, so a new search does not
 * rebuild (or redraw) 100,000 points.
 */
export function plotData(projection: Projection, clustering: Clustering | null, hiddenClusters: ReadonlySet<number>): PlotData {
  const n = projection.coords.length / 2;
  const labels = clustering?.dataKey === projection.dataKey ? clustering.labels : new Int32Array(n);
  const positionOf = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) if (!hiddenClusters.has(labels[i])) positionOf[i] = count++;
  const points: PointColumns = { index: new Int32Array(count), x: new Float32Array(count), y: new Float32Array(count), cluster: new Int32Array(count) };
  for (let i = 0; i < n; i++) {
    const p = positionOf[i];
    if (p < 0) continue;
    points.index[p] = i;
    points.x[p] = projection.coords[2 * i];
    points.y[p] = projection.coords[2 * i + 1];
    points.cluster[p] = labels[i];
  }
  return { points, positionOf };
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
