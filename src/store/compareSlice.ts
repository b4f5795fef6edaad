import type { StateCreator } from 'zustand';
import type { ComparisonMetrics } from '../core/comparison';
import type { DType } from '../embedding/catalogue';
import type { DeviceChoice } from '../embedding/protocol';
import type { AppState } from './appStore';
import type { RunCost } from './apiSelectors';

/** One model + precision to compare. */
export interface CompareTarget {
  modelId: string;
  dtype: DType;
}

export interface RunSpeed {
  /** A cold load in a fresh worker of the lab's own: ONNX Runtime start-up plus reading every model file, in ms. */
  loadMs: number;
  /** Bytes of model files the load read, summed from its progress events; null when it reported none. */
  bytesRead: number | null;
  /** Of bytesRead, bytes already in the browser's model cache; null when the cache could not be read. */
  bytesFromBrowserCache: number | null;
  /** The catalogue's listed size of this precision's ONNX file, in MB (not measured); null when the catalogue has none. */
  catalogueMB: number | null;
  /** Profiles embedded per second now; null when every vector came from the cache. */
  textsPerSecond: number | null;
  fromCache: number;
  /** Profiles whose vectors came from the dataset's file (made by this model elsewhere), so nothing was embedded; 0 otherwise. */
  fromFile: number;
  /** Median time to embed one job-description variant no cache has seen, in ms; null when none was timed. */
  queryMs: number | null;
  /** How many single queries the median is over. */
  querySamples: number;
  dims: number;
  bytesPerVector: number;
}

/** Agreement with the same model's fp32 run, when both were compared. */
export interface DtypeAgreement {
  meanCosine: number;
  top10Overlap: number;
}

export interface CompareRun {
  target: CompareTarget;
  status: 'queued' | 'loading' | 'embedding' | 'evaluating' | 'reranking' | 'done' | 'error' | 'cancelled';
  progress: { done: number; total: number } | null;
  device: DeviceChoice | null;
  error: string | null;
  /** The embedding ranking's metrics. */
  metrics: ComparisonMetrics | null;
  /** The hybrid ranking's metrics: this model's scores fused with BM25's (core/fusion, DEFAULT_FUSION). */
  hybrid: ComparisonMetrics | null;
  /** The hybrid's top N re-ranked by the search view's re-ranker, when re-ranking is on there and the re-ranker loaded. */
  reranked: ComparisonMetrics | null;
  /** What was re-ranked ("top 50 by ms-marco… q8"), or why it could not be. */
  rerankNote: string | null;
  speed: RunSpeed | null;
  agreement: DtypeAgreement | null;
  /** API models: the requests and billed tokens of this run, counted from the replies; null for models in the browser. */
  apiCost?: RunCost | null;
}

export interface CompareSlice {
  view: 'search' | 'compare';
  compareTargets: CompareTarget[];
  compareRuns: CompareRun[];
  compareStatus: 'idle' | 'running' | 'done' | 'cancelled';
  /** BM25 on the same profiles and job descriptions: one row, whatever the models compared. */
  compareKeyword: ComparisonMetrics | null;
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = () => ({
  view: 'search',
  compareTargets: [{ modelId: 'glove-sif-100d', dtype: 'q8' }],
  compareRuns: [],
  compareStatus: 'idle',
  compareKeyword: null,
});
