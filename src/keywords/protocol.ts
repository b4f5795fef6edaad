/**
 * Messages between the main thread and the keyword worker, which holds the BM25 index of
 * the current profiles (src/core/keywordRanking.ts) so building it (about a second for
 * 2,400 profiles with word pairs) never blocks the page. The worker holds one index, named
 * by a `dataKey`; `score` names the index it expects and is refused if the worker holds
 * another, so keyword scores can never describe other profiles.
 */
import type { TermContribution } from '../core/bm25';
import type { ResponseOf } from '../core/rpc';

export type KeywordRequest =
  | { id: number; type: 'index'; dataKey: string; texts: string[] }
  | { id: number; type: 'score'; dataKey: string; query: string }
  | { id: number; type: 'explain'; dataKey: string; query: string; docIndex: number };

export interface IndexResult {
  dataKey: string;
  documents: number;
  ms: number;
}

export interface ScoreResult {
  dataKey: string;
  /** One BM25 score per profile, in index order. Transferred. */
  scores: Float32Array;
  /** The query text BM25 scored (collaborator mentions left out). */
  queryText: string;
}

export interface ExplainResult {
  dataKey: string;
  /** The profile's terms that scored, largest contribution first; they add up to its BM25 score. */
  terms: TermContribution[];
}

export interface KeywordResults {
  index: IndexResult;
  score: ScoreResult;
  explain: ExplainResult;
}

/** No request reports progress. */
export interface KeywordProgressMap {
  index: never;
  score: never;
  explain: never;
}

export type KeywordResponse = ResponseOf<KeywordRequest, KeywordResults, KeywordProgressMap>;

/** Starts the message of a score request made for an index the worker does not hold. */
export const STALE_INDEX_PREFIX = 'stale keyword index';
