import type { ClusterHit } from '../core/clusterFilter';
import type { Profile } from '../data/schema';

export interface ResultRow {
  rank: number;
  score: number;
  /** Cluster id, or -1 before clustering. */
  cluster: number;
  profile: Profile;
  /** The profile's cosine with the query and its BM25 score (null without keyword scores), whatever the ranking. */
  parts?: { cosine: number; keyword: number | null };
}

/** Joins hits with their profiles; call inside useMemo keyed on the hits and profiles. */
export function toRows(hits: readonly ClusterHit[], profiles: readonly Profile[], scores?: { embedding: Float32Array; keyword: Float32Array | null }): ResultRow[] {
  return hits.flatMap((h, i) => {
    const profile = profiles[h.index];
    if (!profile) return [];
    const parts = scores && { cosine: scores.embedding[h.index], keyword: scores.keyword ? scores.keyword[h.index] : null };
    return [{ rank: i + 1, score: h.score, cluster: h.cluster, profile, ...(parts ? { parts } : {}) }];
  });
}

