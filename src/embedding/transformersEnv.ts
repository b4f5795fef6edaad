import { env } from '@huggingface/transformers';
import type { LoadSpec } from './protocol';
import { stallGuardedFetch } from './stallFetch';

/** The worker's own fetch, wrapped anew for each spec's stall timeout. */
const plainFetch = globalThis.fetch.bind(globalThis);

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
  // Let ONNX Runtime fetch its .wasm itself: it then compiles while the bytes stream in. With
  // the wasm cache on, transformers.js reads the whole file from Cache Storage (after copying
  // it there on the first visit) and hands ORT an ArrayBuffer, which compiles only once fully
  // read. The file is the app's own, served with the page, so offline use is unchanged.
  env.useWasmCache = false;
  // a host that goes silent fails the load instead of leaving it "Loading…" forever
  env.fetch = stallGuardedFetch(plainFetch, spec.stallMs);
  const onnx = env.backends.onnx;
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = spec.wasmPaths;
    onnx.wasm.numThreads = spec.threads;
  }
}
