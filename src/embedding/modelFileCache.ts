/**
 * The browser's Cache Storage entry where transformers.js keeps downloaded model files
 * (env.useBrowserCache). Listing it lets the storage panel show what is cached offline.
 */
export const MODEL_FILE_CACHE = 'transformers-cache';

export interface CachedFile {
  url: string;
  bytes: number;
}

export async function listModelFiles(storage: CacheStorage | undefined = globalThis.caches): Promise<CachedFile[]> {
  if (!storage) return [];
  try {
    if (!(await storage.has(MODEL_FILE_CACHE))) return [];
    const cache = await storage.open(MODEL_FILE_CACHE);
    const requests = await cache.keys();
    return Promise.all(
      requests.map(async (req) => {
        const res = await cache.match(req);
        const length = Number(res?.headers.get('content-length') ?? NaN);
        // without a length header, read the body once to measure it
        const bytes = Number.isFinite(length) ? length : ((await res?.clone().arrayBuffer())?.byteLength ?? 0);
        return { url: req.url, bytes };
      }),
    );
  } catch {
    return [];
  }
}

export async function clearModelFiles(storage: CacheStorage | undefined = globalThis.caches): Promise<void> {
  await storage?.delete(MODEL_FILE_CACHE);
}
