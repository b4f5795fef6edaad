import { env } from '@huggingface/transformers';
import type { LoadSpec } from './protocol';

/**
 * Points transformers.js at the model's source before a load. Shared by the workers that
 * own models (embedding, re-ranking): each worker has its own copy of `env`.
 */
export function configureTransformers(spec: LoadSpec): void {
  env.localModelPath = spec.localModelPath;
  // Hub models never probe the app's own /models/ folder, bundled ones never leave it.
  env.allowLocalModels = !spec.allowRemote;
  env.allowRemoteModels = spec.allowRemote;
  env.remoteHost = spec.remoteHost;
  env.useBrowserCache = true;
  const onnx = env.backends.onnx;
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = spec.wasmPaths;
    onnx.wasm.numThreads = spec.threads;
  }
}
