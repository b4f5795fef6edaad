/**
 * The keyword worker's handlers as plain functions over an explicit state, so Node tests
 * run them without a Worker. The ranking itself is src/core/keywordRanking.ts.
 */
import { KeywordRanker } from '../core/keywordRanking';
import { assertUnreachable } from '../core/rpc';
import { STALE_INDEX_PREFIX, type ExplainResult, type IndexResult, type KeywordRequest, type ScoreResult } from './protocol';

export interface KeywordState {
  index: { dataKey: string; ranker: KeywordRanker } | null;
}

export function createKeywordState(): KeywordState {
  return { index: null };
}

function heldIndex(state: KeywordState, dataKey: string): KeywordRanker {
  const held = state.index;
  if (!held || held.dataKey !== dataKey) throw new Error(`${STALE_INDEX_PREFIX}: asked for ${dataKey}, holding ${held?.dataKey ?? 'none'}`);
  return held.ranker;
}

export function handleKeywordRequest(state: KeywordState, req: KeywordRequest): { result: IndexResult | ScoreResult | ExplainResult; transfer: Transferable[] } {
  switch (req.type) {
    case 'index': {
      const started = performance.now();
      state.index = { dataKey: req.dataKey, ranker: new KeywordRanker(req.texts) };
      return { result: { dataKey: req.dataKey, documents: req.texts.length, ms: performance.now() - started }, transfer: [] };
    }
    case 'score': {
      const ranker = heldIndex(state, req.dataKey);
      const scores = ranker.score(req.query);
      return { result: { dataKey: req.dataKey, scores, queryText: ranker.queryText(req.query) }, transfer: [scores.buffer] };
    }
    case 'explain':
      return { result: { dataKey: req.dataKey, terms: heldIndex(state, req.dataKey).explain(req.query, req.docIndex) }, transfer: [] };
    default:
      return assertUnreachable(req);
  }
}
