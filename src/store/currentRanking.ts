import { useAppStore } from './appStore';
import { dataKeyOf } from './dataKey';
import { rankProfiles, type Ranking } from './ranking';

/**
 * Ranks the current profile embeddings for a query vector with the current result count,
 * clustering (only if it describes these embeddings) and cluster filter; `k` overrides the
 * result count (the re-ranking stage asks for its top N).
 */
export function rankingFor(queryVector: Float32Array, k = useAppStore.getState().resultCount): Ranking | null {
  const { profileEmbeddings, clustering, filterMode } = useAppStore.getState();
  if (!profileEmbeddings) return null;
  const usable = clustering && clustering.dataKey === dataKeyOf(profileEmbeddings) ? clustering : null;
  return rankProfiles(profileEmbeddings.matrix, queryVector, k, usable, filterMode);
}

/**
 * Re-runs the ranking of the current query vector (no re-embedding) after the result count, the
 * clustering or the cluster filter changed.
 */
export function refreshRanking(): void {
  const { result, profileEmbeddings } = useAppStore.getState();
  if (!result || profileEmbeddings?.modelId !== result.modelId) return;
  const ranking = rankingFor(result.queryVector);
  if (ranking) useAppStore.setState({ result: { ...result, ...ranking } });
}
