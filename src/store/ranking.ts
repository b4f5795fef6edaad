import { clusterFilteredTopK, type ClusterFilterMode, type ClusterHit } from '../core/clusterFilter';
import { nearestCentroids } from '../core/kmeans';
import { applyAllowedMask } from '../core/termRules';
import { topK } from '../core/topK';
import type { Clustering } from './clusterSlice';

export interface Ranking {
  hits: ClusterHit[];
  /** Strong matches the cluster filter removed, so the UI can list them. */
  hiddenHits: ClusterHit[];
  /** The query's clusters, nearest first; empty without a clustering. */
  queryClusters: number[];
  /** Strong matches the must-have/excluded term rules removed, best first. */
  ruleHiddenHits: ClusterHit[];
}

/**
 * Ranks profiles by their scores for a query (cosine, keyword or fused); with a clustering
 * of the profile embeddings, also places the query vector among the clusters and applies
 * the cluster filter. Cluster -1 means "unknown". `allowed` (from the term rules) masks
 * profiles out before anything else picks a top k.
 */
export function rankProfiles(
  profileScores: Float32Array,
  queryVector: Float32Array,
  k: number,
  clustering: Clustering | null,
  mode: ClusterFilterMode,
  allowed?: Uint8Array,
): Ranking {
  const { scores, removed } = applyAllowedMask(profileScores, allowed, k);
  const ruleHiddenHits = removed.map((h) => ({ ...h, cluster: clustering?.labels[h.index] ?? -1 }));
  if (!clustering) {
    const hits = topK(scores, k).map((index) => ({ index, score: scores[index], cluster: -1 }));
    return { hits, hiddenHits: [], queryClusters: [], ruleHiddenHits };
  }
  const queryClusters = nearestCentroids(clustering.centroids, queryVector, clustering.k);
  const { hits, hiddenHits } = clusterFilteredTopK(scores, clustering.labels, queryClusters, mode, k);
  return { hits, hiddenHits, queryClusters, ruleHiddenHits };
}
