import type { ClusterHit } from '../core/clusterFilter';
import type { Profile } from '../data/schema';

export interface ResultRow {
  rank: number;
  score: number;
  /** Cluster id, or -1 before clustering. */
  cluster: number;
  profile: Profile;
}

/** Joins hits with their profiles; call inside useMemo keyed on the hits and profiles. */
export function toRows(hits: readonly ClusterHit[], profiles: readonly Profile[]): ResultRow[] {
  return hits.flatMap((h, i) => {
    const profile = profiles[h.index];
    return profile ? [{ rank: i + 1, score: h.score, cluster: h.cluster, profile }] : [];
  });
}

