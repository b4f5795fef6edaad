import type { ClusterHit } from '../core/clusterFilter';
import type { Move } from '../core/rerankOrder';
import type { RerankOutcome } from './rerankSlice';
import type { SearchResult } from './searchSlice';

export interface ShownHits {
  hits: ClusterHit[];
  /** Per shown hit, its move and re-ranker score; null when the list is not re-ranked. */
  moves: { move: Move; rerankScore: number | null }[] | null;
}

/**
 * The hits the list shows: the re-ranked order when it belongs to this very result, else the
 * first-stage order. Call inside useMemo keyed on its arguments.
 */
export function shownHits(result: SearchResult, rerank: RerankOutcome | null, resultCount: number): ShownHits {
  if (!rerank || rerank.result !== result) return { hits: result.hits, moves: null };
  const top = rerank.hits.slice(0, resultCount);
  return { hits: top.map((r) => r.hit), moves: top.map(({ move, rerankScore }) => ({ move, rerankScore })) };
}
