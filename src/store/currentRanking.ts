import { DEFAULT_FUSION, rankingScores, type BaseRanking, type FusionOptions } from '../core/fusion';
import { useAppStore } from './appStore';
import { dataKeyOf } from './dataKey';
import { rankProfiles, type Ranking } from './ranking';
import { currentRuleMask } from './ruleOutcome';
import { embeddingScoresFor } from './searchIndex';

/** The app's fusion with the user's embedding weight. */
export function fusionWith(weight: number): FusionOptions {
  return { ...DEFAULT_FUSION, weight };
}

/** The ranking the user chose, or the embedding ranking when there are no keyword scores. */
export function effectiveRanking(keywordScores: Float32Array | null): BaseRanking {
  const { rankingKind } = useAppStore.getState();
  return keywordScores ? rankingKind : 'embedding';
}

/**
 * Ranks the current profiles from a query's per-profile scores with the chosen ranking,
 * fusion weight, result count, clustering (only if it describes these embeddings),
 * cluster filter and term rules; `k` overrides the result count (the re-ranking stage asks for its top N).
 */
export function rankingFor(
  queryVector: Float32Array,
  embeddingScores: Float32Array,
  keywordScores: Float32Array | null,
  k = useAppStore.getState().resultCount,
): (Ranking & { ranking: BaseRanking; fusionWeight: number }) | null {
  const { profileEmbeddings, clustering, filterMode, fusionWeight } = useAppStore.getState();
  if (!profileEmbeddings) return null;
  const usable = clustering && clustering.dataKey === dataKeyOf(profileEmbeddings) ? clustering : null;
  const ranking = effectiveRanking(keywordScores);
  const scores = rankingScores(ranking, embeddingScores, keywordScores, fusionWith(fusionWeight));
  return { ...rankProfiles(scores, queryVector, k, usable, filterMode, currentRuleMask()), ranking, fusionWeight };
}

/**
 * Re-runs the ranking of the current query (no re-embedding, no keyword re-scoring) after
 * the ranking choice, the fusion weight, the result count, the clustering, the cluster
 * filter or the term rules changed.
 */
export function refreshRanking(): void {
  const { result, profileEmbeddings, resultCount, rerankTopN } = useAppStore.getState();
  if (!result || profileEmbeddings?.modelId !== result.modelId) return;
  // An index scored only its shortlist: score again from the query vector (no re-embedding),
  // exactly for every row if the ranking now needs them all, else a shortlist long enough.
  const rescored =
    result.searchIndex && result.searchIndex !== 'exact'
      ? embeddingScoresFor(profileEmbeddings.matrix, result.queryVector, effectiveRanking(result.keywordScores) !== 'embedding', Math.max(resultCount, rerankTopN))
      : { scores: result.embeddingScores, index: result.searchIndex };
  const ranking = rankingFor(result.queryVector, rescored.scores, result.keywordScores);
  if (ranking) useAppStore.setState({ result: { ...result, ...ranking, embeddingScores: rescored.scores, searchIndex: rescored.index } });
}
