import type { ProgressInfo } from '@huggingface/transformers';
import type { ResponseOf } from '../core/rpc';
import type { BatchLimits, LoadResult, LoadSpec } from './protocol';

/**
 * The re-ranking worker's protocol (generic RPC shape, core/rpc). It owns one cross-encoder
 * at a time; `score` names its model, so it loads it first if need be.
 */
export type RerankRequest =
  | { id: number; type: 'load'; spec: LoadSpec }
  /** Scores (query, documents[i]) pairs; each pair is truncated to `maxTokens` tokens. */
  | { id: number; type: 'score'; spec: LoadSpec; query: string; documents: string[]; maxTokens: number; batch: BatchLimits };

export interface ScoreProgress {
  /** Pairs scored so far, of `total`. */
  done: number;
  total: number;
  elapsedMs: number;
}

export interface ScoreResult {
  /** sigmoid(logit) per document, in the order of the request, each in (0, 1). */
  scores: Float32Array;
  elapsedMs: number;
}

export interface RerankResults {
  load: LoadResult;
  score: ScoreResult;
}

export interface RerankProgress {
  load: ProgressInfo;
  score: ScoreProgress;
}

export type RerankResponse = ResponseOf<RerankRequest, RerankResults, RerankProgress>;
