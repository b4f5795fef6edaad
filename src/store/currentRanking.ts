import { DEFAULT_FUSION, rankingScores, type BaseRanking, type FusionOptions } from '../core/fusion';
import { useAppStore } from './appStore';
import { dataKeyOf } from './dataKey';
import { rankProfiles, type Ranking } from './ranking';
import { currentRuleMask } from './ruleOutcome';
import { embeddingScoresFor } from './searchIndex';
import type { ProfileEmbeddings } from './embeddingSlice';
import type { SearchResult } from './searchSlice';

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
      ? embeddingScoresFor(profileEmbeddings.matrix, result.queryVector, effectiveRanking(result.keywordScores) !== 'embedding', Math.max(resultCount, rerankTopN), undefined, profileEmbeddings.coverage?.has)
      : null;
  const scores = rescored?.scores ?? result.embeddingScores;
  const ranking = rankingFor(result.queryVector, scores, result.keywordScores);
  if (!ranking) return;
  const coverage = rescored ? coverageOf(profileEmbeddings) : result.coverage;
  useAppStore.setState({ result: { ...result, ...ranking, embeddingScores: scores, searchIndex: rescored?.index ?? result.searchIndex, coverage } });
}

/** What a ranking over these embeddings covers: null when every profile has its vector. */
export function coverageOf(e: ProfileEmbeddings): SearchResult['coverage'] {
  return e.coverage ? { embedded: e.coverage.count, total: e.coverage.has.length } : null;
}

/**
 * More profiles of the model on screen were embedded: scores them against the stored query
 * vector (no model call; the keyword scores already cover every profile) and ranks again, so
 * the list grows with the embedded set. A result of another model, or of the same model in
 * another precision (its query vector may not fit), waits for the search the run starts.
 */
export function rescoreForNewEmbeddings(): void {
  const { result, profileEmbeddings, resultCount, rerankTopN, searchStatus } = useAppStore.getState();
  // a search in flight answers with these embeddings itself
  if (searchStatus === 'searching' || !result || !profileEmbeddings || profileEmbeddings.modelId !== result.modelId || result.queryVector.length !== profileEmbeddings.matrix.dim) return;
  const everyRow = effectiveRanking(result.keywordScores) !== 'embedding';
  const { scores, index } = embeddingScoresFor(profileEmbeddings.matrix, result.queryVector, everyRow, Math.max(resultCount, rerankTopN), undefined, profileEmbeddings.coverage?.has);
  const ranking = rankingFor(result.queryVector, scores, result.keywordScores);
  if (ranking) useAppStore.setState({ result: { ...result, ...ranking, embeddingScores: scores, searchIndex: index, coverage: coverageOf(profileEmbeddings) } });
}
