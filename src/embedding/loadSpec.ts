import type { DType, ModelEntry } from './catalogue';
import type { DeviceChoice, LoadSpec } from './protocol';

/**
 * Builds the worker's load request. The wasm URLs are absolute because the worker resolves
 * them itself; the model folder is a root-relative path because transformers.js only checks
 * that a local file exists (tokenizer_config.json, say) when localModelPath is not a URL.
 */
export function loadSpecFor(model: ModelEntry, dtype: DType, device: DeviceChoice, origin: string, base: string): LoadSpec {
  const root = new URL(base, origin);
  return {
    modelId: model.id,
    dtype,
    device,
    localModelPath: `${root.pathname}models/`,
    allowRemote: model.source === 'hub',
    wasmPaths: {
      mjs: `${root.href}ort/ort-wasm-simd-threaded.asyncify.mjs`,
      wasm: `${root.href}ort/ort-wasm-simd-threaded.asyncify.wasm`,
    },
  };
}
