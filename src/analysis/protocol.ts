/**
 * Messages between the main thread and the analysis worker (clustering and projection of
 * the profile embeddings). The worker holds one dataset at a time, sent by `set-data` and
 * named by a `dataKey` (e.g. model id + profile count); every later request names the
 * dataKey it was computed for, and the worker refuses it if that is not the data it holds,
 * so a result can never silently describe other embeddings.
 *
 * Replies follow the generic RPC shape of ./rpc: progress (any number), then one result or
 * one error. Typed arrays in results are transferred, not copied.
 */
import type { ClusterLabel } from '../core/clusterLabels';
import type { PcaModel } from '../core/pca';
import type { KSweepPoint } from '../core/silhouette';
import type { ResponseOf } from '../core/rpc';

export type AnalysisRequest =
  | {
      id: number;
      type: 'set-data';
      /** rows * dim values, row-major. Transferred: the worker keeps this array, the sender must pass a copy of any array it still uses. */
      vectors: Float32Array;
      dim: number;
      /** One text per row, for c-TF-IDF cluster labels. */
      texts: string[];
      /** The true role per row, for purity/NMI/ARI. */
      roles: string[];
      dataKey: string;
    }
  | { id: number; type: 'cluster'; dataKey: string; k: number; seed: number }
  | { id: number; type: 'project'; dataKey: string }
  | { id: number; type: 'sweep'; dataKey: string; ks: number[]; seed: number };

export type AnalysisRequestType = AnalysisRequest['type'];

/** The fields of one request besides its id and type, e.g. AnalysisParams<'cluster'> = { dataKey; k; seed }. */
export type AnalysisParams<K extends AnalysisRequestType> = Omit<Extract<AnalysisRequest, { type: K }>, 'id' | 'type'>;

/** Steps done out of total: k-means iterations for `cluster` (total = the iteration cap), ks for `sweep`. */
export interface AnalysisProgress {
  done: number;
  total: number;
}

export interface SetDataResult {
  dataKey: string;
  rows: number;
  dim: number;
}

/** What `clusterLabels` returns for one cluster: size, distinctive terms, dominant role, label. */
export type ClusterInfo = ClusterLabel;

export interface ClusterQuality {
  purity: number;
  nmi: number;
  ari: number;
}

export interface ClusterResult {
  dataKey: string;
  k: number;
  /** Cluster id in [0, k) per row. */
  labels: Int32Array;
  /** k * dim values, row-major (means of unit rows, so not unit length). */
  centroids: Float32Array;
  dim: number;
  inertia: number;
  iterations: number;
  /** False when the iteration cap stopped k-means before it settled. */
  converged: boolean;
  /** Agreement of the clusters with the true roles. */
  quality: ClusterQuality;
  /** One entry per cluster id, in order. */
  clusters: ClusterInfo[];
}

export interface ProjectResult {
  dataKey: string;
  /** Fitted once per dataset; project new points (the job description) with core/pca's projectPoint. */
  pca: PcaModel;
  /** rows * 2 values: (x, y) per row. */
  coords: Float32Array;
}

export type SweepPoint = KSweepPoint;

export interface SweepResult {
  dataKey: string;
  /** One point per requested k, in the order requested. */
  points: SweepPoint[];
}

/** Result per request type. */
export interface AnalysisResults {
  'set-data': SetDataResult;
  cluster: ClusterResult;
  project: ProjectResult;
  sweep: SweepResult;
}

/** Progress payload per request type; `never` where the request reports none. */
export interface AnalysisProgressMap {
  'set-data': never;
  cluster: AnalysisProgress;
  project: never;
  sweep: AnalysisProgress;
}

export type AnalysisResult = AnalysisResults[AnalysisRequestType];

export type AnalysisResponse = ResponseOf<AnalysisRequest, AnalysisResults, AnalysisProgressMap>;

/** Every error for a request naming data the worker does not hold starts with this. */
export const STALE_DATA_PREFIX = 'Stale analysis request:';

/** True for the error a request gets when its dataKey is not the worker's current data (resend with set-data). */
export function isStaleDataError(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith(STALE_DATA_PREFIX);
}
