import type { ClusterFilterMode } from '../core/clusterFilter';
import { buildShortlist, type ShortlistContext, type ShortlistRow } from '../core/shortlist';
import type { AppState } from './appStore';
import { shownHits } from './rerankSelectors';
import { toRows } from './selectors';

export interface Shortlist {
  rows: ShortlistRow[];
  context: ShortlistContext;
}

function filterWords(mode: ClusterFilterMode, applied: boolean): string {
  if (!applied || mode.kind === 'all') return 'all profiles';
  return mode.kind === 'query-cluster' ? "only the job description's cluster" : `the job description's ${mode.n} nearest clusters`;
}

/**
 * The shortlist exactly as the results list shows it (ranking choice, cluster filter, term
 * rules and re-ranking applied), or null when there is no result yet. `date` is the export
 * time (ISO 8601), passed in so the rows are a pure function of the state.
 */
export function shortlistOf(s: AppState, date: string): Shortlist | null {
  const { result, rerank, resultCount, profiles, profileEmbeddings } = s;
  if (!result) return null;
  const shown = shownHits(result, rerank, resultCount);
  const rows = toRows(shown.hits, profiles, { embedding: result.embeddingScores, keyword: result.keywordScores });
  // the vectors on screen name their dtype and device; they describe this result when the model matches
  const vectors = profileEmbeddings?.modelId === result.modelId ? profileEmbeddings : null;
  const context: ShortlistContext = {
    ranking: result.ranking,
    fusionWeight: result.fusionWeight,
    reranker: shown.moves && rerank ? { id: rerank.rerankerId, dtype: rerank.dtype, topN: rerank.topN } : null,
    model: result.modelId,
    dtype: vectors?.dtype ?? null,
    device: vectors?.device ?? null,
    jobDescription: result.query,
    date,
    clusterFilter: filterWords(s.filterMode, result.queryClusters.length > 0),
    termRules: s.termRules.map((r) => `${r.kind === 'require' ? 'must have' : 'excluded'}: ${r.term}`),
    profilesTotal: profiles.length,
  };
  const input = rows.map((row, i) => ({
    score: row.score,
    rerankScore: shown.moves?.[i]?.rerankScore ?? null,
    cosine: row.parts?.cosine ?? null,
    bm25: row.parts?.keyword ?? null,
    cluster: row.cluster,
    id: row.profile.id,
    name: row.profile.name,
    headline: row.profile.headline,
  }));
  return { rows: buildShortlist(input, context), context };
}
