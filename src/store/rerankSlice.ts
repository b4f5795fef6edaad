import type { StateCreator } from 'zustand';
import type { ClusterHit } from '../core/clusterFilter';
import type { RerankedHit } from '../core/rerankOrder';
import type { DType } from '../embedding/catalogue';
import type { ScoreProgress } from '../embedding/rerankProtocol';
import { DEFAULT_RERANKER_ID, RERANKERS } from '../embedding/rerankers';
import type { AppState } from './appStore';
import type { FileProgress } from './embeddingSlice';
import type { SearchResult } from './searchSlice';

export const DEFAULT_RERANK_TOP_N = 50;
export const RERANK_TOP_N_OPTIONS = [10, 25, 50, 100] as const;

/** The re-ranked order of one search result. */
export interface RerankOutcome {
  /** The very result object that was re-ranked: a newer result makes this outcome stale. */
  result: SearchResult;
  rerankerId: string;
  dtype: DType;
  topN: number;
  /** All first-stage candidates, the top N reordered by the re-ranker. */
  hits: RerankedHit<ClusterHit>[];
  fromCache: number;
  scored: number;
  elapsedMs: number;
}

export interface RerankSlice {
  rerankEnabled: boolean;
  rerankerId: string;
  rerankDtype: DType;
  rerankTopN: number;
  /** Hub ids of re-rankers the user typed in. */
  customRerankerIds: string[];
  rerankStatus: 'off' | 'loading' | 'scoring' | 'ready' | 'error';
  /** Download progress per file while the re-ranker loads. */
  rerankFiles: Record<string, FileProgress>;
  rerankProgress: ScoreProgress | null;
  rerankError: string | null;
  /** Re-rankers that failed to load this session, with the plain-words reason, by id. */
  rerankUnavailable: Record<string, string>;
  rerank: RerankOutcome | null;
}

export const createRerankSlice: StateCreator<AppState, [], [], RerankSlice> = () => ({
  rerankEnabled: false,
  rerankerId: DEFAULT_RERANKER_ID,
  rerankDtype: RERANKERS[0].defaultDtype,
  rerankTopN: DEFAULT_RERANK_TOP_N,
  customRerankerIds: [],
  rerankStatus: 'off',
  rerankFiles: {},
  rerankProgress: null,
  rerankError: null,
  rerankUnavailable: {},
  rerank: null,
});
