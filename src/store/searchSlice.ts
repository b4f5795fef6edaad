import type { StateCreator } from 'zustand';
import type { ClusterHit } from '../core/clusterFilter';
import { DEFAULT_FUSION, type BaseRanking } from '../core/fusion';
import type { AppState } from './appStore';
import type { IndexKind } from '../core/vectorIndex';

export const DEFAULT_RESULT_COUNT = 25;
/** The list lengths the results list offers. */
export const RESULT_COUNT_OPTIONS: readonly number[] = [10, 25, 50, 100];

export interface SearchResult {
  /** The job description text this result answers (may differ from the editor by now). */
  query: string;
  modelId: string;
  /** Best first; `cluster` is -1 until the profiles are clustered. */
  hits: ClusterHit[];
  /** Strong matches the cluster filter removed. */
  hiddenHits: ClusterHit[];
  /** Strong matches the must-have/excluded term rules removed. */
  ruleHiddenHits: ClusterHit[];
  /** The query's clusters, nearest first (empty before clustering). */
  queryClusters: number[];
  queryVector: Float32Array;
  /** Cosine of every profile with the query vector, in profile order (see `searchIndex`). */
  embeddingScores: Float32Array;
  /** BM25 score of every profile, or null when the keyword index failed (then only the embedding ranking is possible). */
  keywordScores: Float32Array | null;
  /** The query text the keyword ranking scored (collaborator mentions left out). */
  keywordQuery: string | null;
  /** The ranking the hits are in (may differ from the chosen one when keywords failed). */
  ranking: BaseRanking;
  /** Embedding weight of the hybrid the hits are in. */
  fusionWeight: number;
  /** How `embeddingScores` were computed; absent means exact for every row. Above
   * `chooseIndex`'s size an embedding-only search uses an index and scores only its shortlist
   * (NaN elsewhere). */
  searchIndex?: IndexKind;
  /**
   * While the model is still embedding (or was stopped): how many profiles had a vector when
   * this was ranked. The others have NaN cosines; the embedding and hybrid rankings cover the
   * embedded ones, the keyword ranking every profile. Absent or null: all profiles.
   */
  coverage?: { embedded: number; total: number } | null;
  tookMs: number;
}

export interface SearchSlice {
  query: string;
  resultCount: number;
  searchStatus: 'idle' | 'waiting-for-embeddings' | 'searching' | 'done' | 'error';
  searchError: string | null;
  /** Something about the ranking worth saying that is not an error (e.g. why it was not restored). */
  searchNotice: string | null;
  /** Hash of the job description last ranked (kept across reloads, to restore that ranking). */
  rankedQueryHash: string | null;
  result: SearchResult | null;
  expandedProfileId: string | null;
  /** Embedding only, keywords only, or both fused (the default, measured best: see scripts/tune-fusion.ts). */
  rankingKind: BaseRanking;
  /** The embedding's share in the hybrid, 0..1. */
  fusionWeight: number;
  /** 'off': not built for this many profiles (`error` says why); rankings then use meaning only. */
  keywordIndex: { status: 'idle' | 'building' | 'ready' | 'error' | 'off'; dataKey: string | null; ms: number | null; error: string | null };
}

export const createSearchSlice: StateCreator<AppState, [], [], SearchSlice> = () => ({
  query: '',
  resultCount: DEFAULT_RESULT_COUNT,
  searchStatus: 'idle',
  searchError: null,
  searchNotice: null,
  rankedQueryHash: null,
  result: null,
  expandedProfileId: null,
  rankingKind: 'hybrid',
  fusionWeight: DEFAULT_FUSION.weight,
  keywordIndex: { status: 'idle', dataKey: null, ms: null, error: null },
});
