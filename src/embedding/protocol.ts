import type { ProgressInfo } from '@huggingface/transformers';
import type { DType, Pooling } from './catalogue';

/** Where the model runs: WebAssembly on the CPU, or WebGPU. */
export type DeviceChoice = 'wasm' | 'webgpu';

export { assertUnreachable } from '../core/assert';
import type { ResponseOf } from '../core/rpc';

/** Everything the worker needs to load one model. */
export interface LoadSpec {
  modelId: string;
  dtype: DType;
  device: DeviceChoice;
  /** Root-relative path of the folder holding bundled models, e.g. '/models/' (ends in '/'). */
  localModelPath: string;
  /** False for bundled models, so a missing file fails fast instead of trying the Hub. */
  allowRemote: boolean;
  /** Where Hub models come from, ending in '/': the Hub itself, a mirror, or a test stand-in. */
  remoteHost: string;
  /** Absolute URLs of ONNX Runtime's wasm files, served by the app itself. */
  wasmPaths: { mjs: string; wasm: string };
  /** WebAssembly threads; more than 1 needs cross-origin isolation. */
  threads: number;
  /** Milliseconds without a byte after which a download is stopped as stalled. */
  stallMs: number;
  /** The model's input limit in tokens (catalogue maxTokens); longer texts are cut at the end. */
  maxTokens: number;
  /**
   * The model is a lookup table (the bundled one): it can be embedded in plain JavaScript by
   * the table worker, bit for bit as on ONNX Runtime, while ONNX Runtime loads.
   */
  lookupTable?: boolean;
}

export interface EmbedProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export type WorkerRequest =
  | { id: number; type: 'load'; spec: LoadSpec }
  /** `spec` names the model to embed with (loaded first if needed), so requests for two models never mix. */
  | { id: number; type: 'embed'; spec: LoadSpec; texts: string[]; pooling: Pooling; batch: BatchLimits }
  /** Embeds `texts` with the model on its device and again on WebAssembly, for an agreement check. */
  | { id: number; type: 'agreement'; spec: LoadSpec; texts: string[]; pooling: Pooling };

/** Batches hold at most `maxTexts` texts and about `maxTokens` tokens (padding included), to bound memory. */
export interface BatchLimits {
  maxTexts: number;
  maxTokens: number;
}

/**
 * Up to 8 texts or about 8,192 padded tokens per length-sorted batch: bounded memory, little
 * padding. Measured on a MiniLM-shaped encoder (BENCHMARKS.md): 8 was 1.15x faster than 32,
 * whose attention cost grows with the longest text squared, and 1.5x faster than unsorted 32.
 */
export const DEFAULT_BATCH: BatchLimits = { maxTexts: 8, maxTokens: 8192 };

export interface AgreementResult {
  /** Cosine between the loaded device's vector and WebAssembly's, per text. */
  cosines: number[];
}

export interface LoadResult {
  modelId: string;
  dtype: DType;
  device: DeviceChoice;
  /** Identity of the ONNX weights loaded (ETag or size of each file, hashed); '' for local models or when unknown. */
  weights: string;
  loadMs: number;
}

export interface EmbedResult {
  /** texts.length * dim values, unit-normalised rows, in the order of the request. */
  vectors: Float32Array;
  dim: number;
  /** How many of the texts were longer than `maxTokensApplied` tokens and were cut. */
  truncated: number;
  /** The token limit applied: the model's maxTokens, or its tokenizer's limit if lower. */
  maxTokensApplied: number;
  elapsedMs: number;
}

/** Result per request type. */
export interface EmbeddingResults {
  load: LoadResult;
  embed: EmbedResult;
  agreement: AgreementResult;
}

/** Progress per request type: download events while loading, batches while embedding. */
export interface EmbeddingProgress {
  load: ProgressInfo;
  embed: EmbedProgress;
  agreement: never;
}

/** Replies follow the generic RPC shape (core/rpc): progress, then one result or one error. */
export type WorkerResponse = ResponseOf<WorkerRequest, EmbeddingResults, EmbeddingProgress>;
