/**
 * The keyword worker's handlers as plain functions over an explicit state, so Node tests
 * run them without a Worker. The ranking itself is src/core/keywordRanking.ts.
 */
import { KeywordRanker } from '../core/keywordRanking';
import { assertUnreachable } from '../core/rpc';
import { STALE_INDEX_PREFIX, type IndexResult, type KeywordRequest, type ScoreResult } from './protocol';

export interface KeywordState {
  index: { dataKey: string; ranker: KeywordRanker } | null;
}

export function createKeywordState(): KeywordState {
  return { index: null };
}

export function handleKeywordRequest(state: KeywordState, req: KeywordRequest): { result: IndexResult | ScoreResult; transfer: Transferable[] } {
  switch (req.type) {
    case 'index': {
      const started = performance.now();
      state.index = { dataKey: req.dataKey, ranker: new KeywordRanker(req.texts) };
      return { result: { dataKey: req.dataKey, documents: req.texts.length, ms: performance.now() - started }, transfer: [] };
    }
    case 'score': {
      const held = state.index;
      if (!held || held.dataKey !== req.dataKey) {
        throw new Error(`${STALE_INDEX_PREFIX}: asked for ${req.dataKey}, holding ${held?.dataKey ?? 'none'}`);
      }
      const scores = held.ranker.score(req.query);
      return { result: { dataKey: req.dataKey, scores, queryText: held.ranker.queryText(req.query) }, transfer: [scores.buffer] };
    }
    default:
      return assertUnreachable(req);
  }
}
