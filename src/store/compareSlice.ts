import type { StateCreator } from 'zustand';
import type { ComparisonMetrics } from '../core/comparison';
import type { DType } from '../embedding/catalogue';
import type { DeviceChoice } from '../embedding/protocol';
import type { AppState } from './appStore';

/** One model + precision to compare. */
export interface CompareTarget {
  modelId: string;
  dtype: DType;
}

export interface RunSpeed {
  loadMs: number;
  /** Profiles embedded per second now; null when every vector came from the cache. */
  textsPerSecond: number | null;
  fromCache: number;
  /** Median time to embed one job description, in ms. */
  queryMs: number;
  downloadMB: number;
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
  status: 'queued' | 'loading' | 'embedding' | 'evaluating' | 'done' | 'error' | 'cancelled';
  progress: { done: number; total: number } | null;
  device: DeviceChoice | null;
  error: string | null;
  metrics: ComparisonMetrics | null;
  speed: RunSpeed | null;
  agreement: DtypeAgreement | null;
}

export interface CompareSlice {
  view: 'search' | 'compare';
  compareTargets: CompareTarget[];
  compareRuns: CompareRun[];
  compareStatus: 'idle' | 'running' | 'done' | 'cancelled';
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = () => ({
  view: 'search',
  compareTargets: [{ modelId: 'glove-sif-100d', dtype: 'q8' }],
  compareRuns: [],
  compareStatus: 'idle',
});
