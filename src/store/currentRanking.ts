import { useAppStore } from './appStore';
import { dataKeyOf } from './dataKey';
import { rankProfiles, type Ranking } from './ranking';
import { currentRuleMask } from './ruleOutcome';

/**
 * Ranks the current profile embeddings for a query vector with the current result count,
 * clustering (only if it describes these embeddings), cluster filter and term rules.
 */
export function rankingFor(queryVector: Float32Array): Ranking | null {
  const { profileEmbeddings, resultCount, clustering, filterMode } = useAppStore.getState();
  if (!profileEmbeddings) return null;
  const usable = clustering && clustering.dataKey === dataKeyOf(profileEmbeddings) ? clustering : null;
  return rankProfiles(profileEmbeddings.matrix, queryVector, resultCount, usable, filterMode, currentRuleMask());
}

/**
 * Re-runs the ranking of the current query vector (no re-embedding) after the result count, the
 * clustering, the cluster filter or the term rules changed.
 */
export function refreshRanking(): void {
  const { result, profileEmbeddings } = useAppStore.getState();
  if (!result || profileEmbeddings?.modelId !== result.modelId) return;
  const ranking = rankingFor(result.queryVector);
  if (ranking) useAppStore.setState({ result: { ...result, ...ranking } });
}
