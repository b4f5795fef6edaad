import type { StateCreator } from 'zustand';
import type { ClusterHit } from '../core/clusterFilter';
import type { AppState } from './appStore';

export const DEFAULT_RESULT_COUNT = 25;

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
  tookMs: number;
}

export interface SearchSlice {
  query: string;
  resultCount: number;
  searchStatus: 'idle' | 'waiting-for-embeddings' | 'searching' | 'done' | 'error';
  searchError: string | null;
  result: SearchResult | null;
  expandedProfileId: string | null;
}

export const createSearchSlice: StateCreator<AppState, [], [], SearchSlice> = () => ({
  query: '',
  resultCount: DEFAULT_RESULT_COUNT,
  searchStatus: 'idle',
  searchError: null,
  result: null,
  expandedProfileId: null,
});
