/**
 * Cluster-filtered search: rank profiles as usual, but keep only those in the clusters
 * the job description falls into. Strong matches the filter removes are returned as
 * `hiddenHits` so the UI can say what the filter hid instead of dropping it silently.
 */
import { topK } from './topK';
import { assertUnreachable } from './assert';

export type ClusterFilterMode =
  /** No filter. */
  | { kind: 'all' }
  /** Only the cluster nearest to the query. */
  | { kind: 'query-cluster' }
  /** The n clusters nearest to the query. */
  | { kind: 'nearest'; n: number };

export interface ClusterHit {
  /** Row index into the profile matrix (and the profile list). */
  index: number;
  score: number;
  cluster: number;
}

export interface ClusterFilteredResult {
  /** Best k profiles among the allowed clusters, best first. */
  hits: ClusterHit[];
  /** Profiles in the unfiltered top k that the filter excluded, best first. */
  hiddenHits: ClusterHit[];
}


/**
 * The cluster ids a mode lets through, or null for "every cluster". `queryClusters` is
 * the query's clusters ranked nearest first (see nearestCentroids).
 */
export function allowedClusters(mode: ClusterFilterMode, queryClusters: readonly number[]): Set<number> | null {
  switch (mode.kind) {
    case 'all':
      return null;
    case 'query-cluster':
      if (queryClusters.length === 0) throw new Error('cluster filter: the query has no ranked clusters');
      return new Set(queryClusters.slice(0, 1));
    case 'nearest':
      if (!Number.isInteger(mode.n) || mode.n < 1) throw new Error(`cluster filter: n must be a positive integer, got ${mode.n}`);
      if (queryClusters.length === 0) throw new Error('cluster filter: the query has no ranked clusters');
      return new Set(queryClusters.slice(0, mode.n));
    default:
      return assertUnreachable(mode);
  }
}

export function clusterFilteredTopK(
  scores: Float32Array,
  labels: ArrayLike<number>,
  queryClusters: readonly number[],
  mode: ClusterFilterMode,
  k: number,
): ClusterFilteredResult {
  if (labels.length !== scores.length) throw new Error(`cluster filter: ${labels.length} labels for ${scores.length} scores`);
  const allowed = allowedClusters(mode, queryClusters);
  const toHit = (index: number): ClusterHit => ({ index, score: scores[index], cluster: labels[index] });
  const unfiltered = topK(scores, k);
  if (allowed === null) return { hits: unfiltered.map(toHit), hiddenHits: [] };
  const keep = (i: number) => allowed.has(labels[i]);
  return {
    hits: topK(scores, k, keep).map(toHit),
    hiddenHits: unfiltered.filter((i) => !keep(i)).map(toHit),
  };
}
