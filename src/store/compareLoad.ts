/**
 * A measured cold load for the comparison lab: a fresh worker (so nothing is already held),
 * the time until the model is ready, and the bytes of model files it read, split into what
 * was already in the browser's model cache and what came over the network.
 */
import type { ProgressInfo } from '@huggingface/transformers';
import { FileBytesTally } from '../core/labTiming';
import type { EmbeddingBackend } from '../api/apiEmbedder';
import { MODEL_FILE_CACHE } from '../embedding/modelFileCache';
import type { LoadResult, LoadSpec } from '../embedding/protocol';

export interface ColdLoad {
  /** What the worker answered (device, weights identity, ...). */
  result: LoadResult;
  /** From asking a fresh worker to load until the model is ready: starting ONNX Runtime and reading every file. */
  loadMs: number;
  /** Bytes of model files read, summed from the load's progress events; null when it reported none. */
  bytesRead: number | null;
  /** Of those, bytes of files that were in the browser's model cache before the load; null when the cache could not be read. */
  bytesFromBrowserCache: number | null;
}

/** URLs in transformers.js' Cache Storage now, or null when it cannot be read (no Cache API, or an error). */
async function cachedModelUrls(storage: CacheStorage | undefined = globalThis.caches): Promise<Set<string> | null> {
  if (!storage) return null;
  try {
    if (!(await storage.has(MODEL_FILE_CACHE))) return new Set();
    const keys = await (await storage.open(MODEL_FILE_CACHE)).keys();
    return new Set(keys.map((r) => r.url));
  } catch {
    return null;
  }
}

/** Whether a cached URL is this model's file (Hub: .../{id}/resolve/{rev}/{file}; bundled: .../{id}/{file}). */
function isFileOf(url: string, modelId: string, file: string): boolean {
  return url.includes(`/${modelId}/`) && url.endsWith(`/${file}`);
}

/**
 * Throws the worker away first, so the load is cold whatever the lab ran before.
 * `stillWanted` is asked before the worker is started again: a cancelled run must not
 * start a fresh worker.
 */
export async function coldLoad(client: EmbeddingBackend, spec: LoadSpec, onProgress: (info: ProgressInfo) => void, stillWanted: () => boolean): Promise<ColdLoad> {
  client.terminate('Starting a fresh worker for a cold load.');
  const before = await cachedModelUrls();
  if (!stillWanted()) throw new Error('Cancelled.');
  const tally = new FileBytesTally();
  const started = performance.now();
  const result = await client.load(spec, (info) => {
    tally.add(info);
    onProgress(info);
  });
  const loadMs = performance.now() - started;
  let fromCache: number | null = null;
  if (before) {
    fromCache = 0;
    for (const [file, bytes] of tally.files) if ([...before].some((url) => isFileOf(url, spec.modelId, file))) fromCache += bytes;
  }
  return { result, loadMs, bytesRead: tally.total, bytesFromBrowserCache: tally.total === null ? null : fromCache };
}
