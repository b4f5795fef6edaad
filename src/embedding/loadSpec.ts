import type { ModelEntry } from './catalogue';
import type { LoadSpec } from './protocol';

/** Builds the worker's load request; URLs are absolute because the worker resolves them itself. */
export function loadSpecFor(model: ModelEntry, origin: string, base: string): LoadSpec {
  const root = new URL(base, origin).href;
  return {
    modelId: model.id,
    dtype: model.dtype,
    device: 'wasm',
    localModelPath: `${root}models/`,
    allowRemote: model.source === 'hub',
    wasmPaths: {
      mjs: `${root}ort/ort-wasm-simd-threaded.asyncify.mjs`,
      wasm: `${root}ort/ort-wasm-simd-threaded.asyncify.wasm`,
    },
  };
}
