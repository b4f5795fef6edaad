import { clusterFilteredTopK, type ClusterFilterMode, type ClusterHit } from '../core/clusterFilter';
import { nearestCentroids } from '../core/kmeans';
import { topK } from '../core/topK';
import type { Clustering } from './clusterSlice';

export interface Ranking {
  hits: ClusterHit[];
  /** Strong matches the cluster filter removed, so the UI can list them. */
  hiddenHits: ClusterHit[];
  /** The query's clusters, nearest first; empty without a clustering. */
  queryClusters: number[];
}

/**
 * Ranks profiles by their scores for a query (cosine, keyword or fused); with a clustering
 * of the profile embeddings, also places the query vector among the clusters and applies
 * the cluster filter. Cluster -1 means "unknown".
 */
export function rankProfiles(
  scores: Float32Array,
  queryVector: Float32Array,
  k: number,
  clustering: Clustering | null,
  mode: ClusterFilterMode,
): Ranking {
  if (!clustering) {
    const hits = topK(scores, k).map((index) => ({ index, score: scores[index], cluster: -1 }));
    return { hits, hiddenHits: [], queryClusters: [] };
  }
  const queryClusters = nearestCentroids(clustering.centroids, queryVector, clustering.k);
  const { hits, hiddenHits } = clusterFilteredTopK(scores, clustering.labels, queryClusters, mode, k);
  return { hits, hiddenHits, queryClusters };
}
