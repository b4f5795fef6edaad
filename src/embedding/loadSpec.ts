import type { DType, ModelEntry } from './catalogue';
import type { DeviceChoice, LoadSpec } from './protocol';

/**
 * Builds the worker's load request. The wasm URLs are absolute because the worker resolves
 * them itself; the model folder is a root-relative path because transformers.js only checks
 * that a local file exists (tokenizer_config.json, say) when localModelPath is not a URL.
 */
export interface LoadOptions {
  dtype: DType;
  device: DeviceChoice;
  /** Where Hub models are downloaded from, ending in '/'. */
  remoteHost: string;
  threads: number;
  /** A download that sends no bytes for this long fails (default DEFAULT_STALL_MS). */
  stallMs?: number;
}

/** Input limit for models that bring none (the cross-encoders of src/embedding/rerankers.ts cut pairs at 512). */
const RERANK_MAX_TOKENS = 512;

/** The Hugging Face Hub; a mirror or a local stand-in can replace it (Settings, or ?hub= in the URL). */
export const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';

/** No byte for 20 s: the model host is taken to have stalled (a slow but live host sends something far sooner). */
export const DEFAULT_STALL_MS = 20_000;

export function loadSpecFor(model: Pick<ModelEntry, 'id' | 'source'> & Partial<Pick<ModelEntry, 'maxTokens'>>, options: LoadOptions, origin: string, base: string): LoadSpec {
  const root = new URL(base, origin);
  return {
    modelId: model.id,
    dtype: options.dtype,
    device: options.device,
    remoteHost: options.remoteHost,
    threads: options.threads,
    stallMs: options.stallMs ?? DEFAULT_STALL_MS,
    // re-rankers pass no limit here: they cut each (job, profile) pair themselves
    maxTokens: model.maxTokens ?? RERANK_MAX_TOKENS,
    localModelPath: `${root.pathname}models/`,
    allowRemote: model.source === 'hub',
    // the bundled model is a word table (scripts/build-bundled-model.ts)
    lookupTable: model.source === 'bundled',
    wasmPaths: ortFiles(root.href, options.device),
  };
}

/**
 * ONNX Runtime's WebAssembly build for a device. WebGPU needs the asyncify build (26.9 MB);
 * WebAssembly alone runs on the plain one (14.3 MB), whose code is half the size to fetch,
 * compile and lazily compile again on every page load (BENCHMARKS.md, "First ranking").
 * A worker keeps the build it loaded first, so the embedding client runs one worker per
 * device (src/embedding/client.ts).
 */
export function ortFiles(rootHref: string, device: DeviceChoice): { mjs: string; wasm: string } {
  const name = device === 'webgpu' ? 'ort-wasm-simd-threaded.asyncify' : 'ort-wasm-simd-threaded';
  return { mjs: `${rootHref}ort/${name}.mjs`, wasm: `${rootHref}ort/${name}.wasm` };
}
