import type { StateCreator } from 'zustand';
import type { ClusterFilterMode } from '../core/clusterFilter';
import type { PcaModel } from '../core/pca';
import type { EmbeddingMatrix } from '../core/vectors';
import type { AnalysisProgress, ClusterInfo, ClusterQuality, SweepPoint } from '../analysis/protocol';
import type { AppState } from './appStore';

/** The article behind this app clustered profiles with k = 10. */
export const DEFAULT_K = 10;
export const MIN_K = 2;
export const MAX_K = 20;
/** Fixed so the same embeddings always give the same clusters. */
export const CLUSTER_SEED = 42;

export interface Clustering {
  /** Which embeddings these clusters describe (model id and profile count). */
  dataKey: string;
  /** Profiles k-means was fitted on: all, or those embedded so far while a slow model embeds (the others embedded since are placed in their nearest cluster; -1 until then). Absent: all. */
  fittedRows?: number;
  k: number;
  labels: Int32Array;
  centroids: EmbeddingMatrix;
  inertia: number;
  converged: boolean;
  quality: ClusterQuality;
  clusters: ClusterInfo[];
}

export interface Projection {
  dataKey: string;
  pca: PcaModel;
  /** rows * 2 values: (x, y) per profile; NaN for a profile not embedded yet. */
  coords: Float32Array;
}

export interface ClusterSlice {
  k: number;
  clusterStatus: 'idle' | 'clustering' | 'ready' | 'error';
  clusterProgress: AnalysisProgress | null;
  clusterError: string | null;
  clustering: Clustering | null;
  projection: Projection | null;
  sweepStatus: 'idle' | 'running' | 'done' | 'error';
  sweepProgress: AnalysisProgress | null;
  sweep: SweepPoint[] | null;
  sweepError: string | null;
  filterMode: ClusterFilterMode;
  /** Clusters hidden from the plot via the legend. */
  hiddenClusters: ReadonlySet<number>;
  selectedProfileId: string | null;
}

export const createClusterSlice: StateCreator<AppState, [], [], ClusterSlice> = () => ({
  k: DEFAULT_K,
  clusterStatus: 'idle',
  clusterProgress: null,
  clusterError: null,
  clustering: null,
  projection: null,
  sweepStatus: 'idle',
  sweepProgress: null,
  sweep: null,
  sweepError: null,
  filterMode: { kind: 'all' },
  hiddenClusters: new Set<number>(),
  selectedProfileId: null,
});
