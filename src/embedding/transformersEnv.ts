import { env } from '@huggingface/transformers';
import type { LoadSpec } from './protocol';
import { stallGuardedFetch } from './stallFetch';

/**
 * The worker runs from a blob: URL (src/embedding/policyWorker.ts, so it inherits the page's
 * Content-Security-Policy), and a blob: URL is no base for the app's own paths
 * ("/models/..."): those are resolved against this module's real URL instead, for fetches and
 * for the browser cache's keys (the same keys as before, so cached model files are found).
 */
const underBlob = globalThis.location?.protocol === 'blob:';
const appUrl = (input: string) => (underBlob && input.startsWith('/') ? new URL(input, import.meta.url).href : input);

/** The worker's own fetch, wrapped anew for each spec's stall timeout. */
const plainFetch = (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(typeof input === 'string' ? appUrl(input) : input, init);

/** transformers.js's browser cache with app paths made absolute (see above). */
function rootedCache(name: string) {
  const key = (k: RequestInfo | URL) => (typeof k === 'string' ? appUrl(k) : k);
  return {
    match: async (k: RequestInfo | URL) => (await caches.open(name)).match(key(k)),
    put: async (k: RequestInfo | URL, r: Response) => (await caches.open(name)).put(key(k), r),
    delete: async (k: RequestInfo | URL) => (await caches.open(name)).delete(key(k)),
  };
}

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
  if (underBlob && typeof caches !== 'undefined') {
    env.useCustomCache = true;
    env.customCache = rootedCache(env.cacheKey);
  }
  // a host that goes silent fails the load instead of leaving it "Loading…" forever
  env.fetch = stallGuardedFetch(plainFetch, spec.stallMs);
  const onnx = env.backends.onnx;
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = spec.wasmPaths;
    onnx.wasm.numThreads = spec.threads;
  }
}
