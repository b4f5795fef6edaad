import type { StateCreator } from 'zustand';
import type { TermContribution } from '../core/bm25';
import type { ScoredSentence } from '../core/sentences';
import type { TermRule } from '../core/termRules';
import type { AppState } from './appStore';

/** The closest-sentences half of "why this match", for one profile under one query and model. */
export type SentenceExplanation =
  | { key: string; status: 'loading' }
  | { key: string; status: 'done'; sentences: ScoredSentence[]; modelLabel: string }
  | { key: string; status: 'error'; error: string };

/** The keywords half of "why this match": scored in the keyword worker, so it loads too. */
export type KeywordExplanationState =
  | { key: string; status: 'loading' }
  | { key: string; status: 'done'; explanation: KeywordExplanation }
  | { key: string; status: 'error'; error: string };

export interface KeywordExplanation {
  /** The profile's whole BM25 score for the query. */
  total: number;
  /** The largest contributions, largest first. */
  top: TermContribution[];
  /** How many query terms the profile contains in all. */
  matched: number;
}

export interface WhySlice {
  /** Must-have and excluded terms, in the order the user added them (persisted). */
  termRules: TermRule[];
  /** For the expanded result only; `key` says which profile, query and model it answers. */
  sentenceExplanation: SentenceExplanation | null;
  keywordExplanation: KeywordExplanationState | null;
}

export const createWhySlice: StateCreator<AppState, [], [], WhySlice> = () => ({
  termRules: [],
  sentenceExplanation: null,
  keywordExplanation: null,
});
