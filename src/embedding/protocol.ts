import type { ProgressInfo } from '@huggingface/transformers';
import type { DType, Pooling } from './catalogue';

/** Where the model runs: WebAssembly on the CPU, or WebGPU. */
export type DeviceChoice = 'wasm' | 'webgpu';

export { assertUnreachable } from '../core/assert';

/** Everything the worker needs to load one model. */
export interface LoadSpec {
  modelId: string;
  dtype: DType;
  device: DeviceChoice;
  /** Root-relative path of the folder holding bundled models, e.g. '/models/' (ends in '/'). */
  localModelPath: string;
  /** False for bundled models, so a missing file fails fast instead of trying the Hub. */
  allowRemote: boolean;
  /** Absolute URLs of ONNX Runtime's wasm files, served by the app itself. */
  wasmPaths: { mjs: string; wasm: string };
}

export interface EmbedProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export type WorkerRequest =
  | { id: number; type: 'load'; spec: LoadSpec }
  | { id: number; type: 'embed'; texts: string[]; pooling: Pooling; batchSize: number };

export interface LoadResult {
  modelId: string;
  dtype: DType;
  device: DeviceChoice;
  loadMs: number;
}

export interface EmbedResult {
  /** texts.length * dim values, unit-normalised rows, in the order of the request. */
  vectors: Float32Array;
  dim: number;
  elapsedMs: number;
}

export type WorkerResponse =
  | { id: number; type: 'load-progress'; info: ProgressInfo }
  | { id: number; type: 'embed-progress'; progress: EmbedProgress }
  | { id: number; type: 'loaded'; result: LoadResult }
  | { id: number; type: 'embedded'; result: EmbedResult }
  | { id: number; type: 'error'; message: string };
