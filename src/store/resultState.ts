/**
 * Whether what the list and the map show still answers what is on screen, and where a
 * profile picked on the map stands in the ranking when the list does not reach it.
 */
import type { ClusterHit } from '../core/clusterFilter';
import { rankingFor } from './currentRanking';
import type { SearchResult, SearchSlice } from './searchSlice';

function snippet(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

// This runs on every store update: trim a long job description once per new text, not per call
// (the same string object compares by pointer first).
let lastQuery = '';
let lastTrimmed = '';
function trimmed(query: string): string {
  if (query !== lastQuery) {
    lastQuery = query;
    lastTrimmed = query.trim();
  }
  return lastTrimmed;
}

/** Why the shown result is not the current job description's, or null if it is (or there is none). */
export function staleResultReason(s: Pick<SearchSlice, 'result' | 'query' | 'searchStatus'>): string | null {
  const { result } = s;
  if (!result) return null;
  if (s.searchStatus === 'error') return `The last search failed: these results, the star and the outlined points are still those of the previous job description ("${snippet(result.query)}").`;
  if (s.searchStatus !== 'searching' && result.query !== trimmed(s.query)) {
    return `The job description was edited: these results, the star and the outlined points are those of the previous one ("${snippet(result.query)}"). Press Find candidates to rank the new text.`;
  }
  return null;
}

export type SelectedStanding = { kind: 'ranked'; rank: number; of: number; hit: ClusterHit } | { kind: 'removed' };

/** Where a profile stands in the whole current ranking (every profile the filters keep), or that the filters remove it. */
export function standingOf(result: SearchResult, profileIndex: number, profileCount: number): SelectedStanding {
  const all = rankingFor(result.queryVector, result.embeddingScores, result.keywordScores, profileCount);
  const hits = all?.hits ?? [];
  const at = hits.findIndex((h) => h.index === profileIndex);
  return at < 0 ? { kind: 'removed' } : { kind: 'ranked', rank: at + 1, of: hits.length, hit: hits[at] };
}
