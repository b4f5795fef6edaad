/**
 * The browser's Cache Storage entry where transformers.js keeps downloaded model files
 * (env.useBrowserCache). Listing it lets the storage panel show what is cached offline.
 * Failures reject with a plain-words reason: an empty list would claim nothing is stored.
 */
export const MODEL_FILE_CACHE = 'transformers-cache';

export interface CachedFile {
  url: string;
  bytes: number;
}

const NO_CACHE_STORAGE = 'This browser does not offer Cache Storage here, so model files are not kept for offline use.';

function describe(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/** The downloaded model files; [] when none were kept. Rejects if Cache Storage is missing or fails. */
export async function listModelFiles(storage: CacheStorage | undefined = globalThis.caches): Promise<CachedFile[]> {
  if (!storage) throw new Error(NO_CACHE_STORAGE);
  try {
    if (!(await storage.has(MODEL_FILE_CACHE))) return [];
    const cache = await storage.open(MODEL_FILE_CACHE);
    const requests = await cache.keys();
    return await Promise.all(
      requests.map(async (req) => {
        const res = await cache.match(req);
        const length = Number(res?.headers.get('content-length') ?? NaN);
        // without a length header, read the body once to measure it
        const bytes = Number.isFinite(length) ? length : ((await res?.clone().arrayBuffer())?.byteLength ?? 0);
        return { url: req.url, bytes };
      }),
    );
  } catch (err) {
    throw new Error(`The downloaded model files could not be listed (${describe(err)}).`, { cause: err });
  }
}

/** Deletes every downloaded model file. Rejects if Cache Storage is missing or refuses. */
export async function clearModelFiles(storage: CacheStorage | undefined = globalThis.caches): Promise<void> {
  if (!storage) throw new Error(NO_CACHE_STORAGE);
  try {
    await storage.delete(MODEL_FILE_CACHE);
  } catch (err) {
    throw new Error(`The downloaded model files could not be deleted (${describe(err)}).`, { cause: err });
  }
}
