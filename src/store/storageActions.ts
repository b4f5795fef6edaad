import { errorMessage } from '../core/assert';
import { clearModelFiles, listModelFiles, type CachedFile } from '../embedding/modelFileCache';
import type { ModelCacheSummary } from '../embedding/embeddingCache';
import { useAppStore } from './appStore';
import { getServices } from './services';
import { clearStoredVerdicts, countStoredVerdicts } from './llmRerankActions';

/** A part of the storage report: what was read, or why it could not be. */
export type Listing<T> = { ok: true; items: T[] } | { ok: false; error: string };

export interface StorageReport {
  embeddings: Listing<ModelCacheSummary>;
  modelFiles: Listing<CachedFile>;
  /** LLM pairwise verdicts kept so a pair is never paid for twice. */
  verdicts: { ok: true; count: number } | { ok: false; error: string };
  /** null where the browser does not report it. */
  usage: { usage: number; quota: number } | null;
  cacheState: string;
}

function listing<T>(result: PromiseSettledResult<T[]>): Listing<T> {
  if (result.status === 'fulfilled') return { ok: true, items: result.value };
  return { ok: false, error: errorMessage(result.reason) };
}

/** What is stored for offline use; the storage panel asks for it when opened. One part failing does not hide the other. */
export async function readStorage(): Promise<StorageReport> {
  const cache = await getServices().openCache();
  const [embeddings, modelFiles, verdicts] = await Promise.allSettled([cache.summary(), listModelFiles(), countStoredVerdicts()]);
  const usage = await cache.estimate();
  return {
    embeddings: listing(embeddings),
    modelFiles: listing(modelFiles),
    verdicts: verdicts.status === 'fulfilled' ? { ok: true, count: verdicts.value } : { ok: false, error: errorMessage(verdicts.reason) },
    usage,
    cacheState: cache.status.state === 'ready' ? 'on' : cache.status.reason,
  };
}

/** Deletes cached embeddings (one model's, or all); rejects, saying why, if that failed. What is on screen stays. */
export async function clearEmbeddings(modelKey?: string): Promise<void> {
  const cache = await getServices().openCache();
  if (!(await cache.clear(modelKey))) throw new Error(`There is no embedding cache to clear: ${cache.status.state === 'ready' ? 'it is closed' : cache.status.reason}`);
}

/** Deletes the downloaded model files; rejects, saying why, if that failed. */
export async function clearDownloadedModels(): Promise<void> {
  await clearModelFiles();
  useAppStore.setState({ modelFiles: {} });
}

/** Deletes the stored LLM verdicts; rejects, saying why, if that failed. A re-ranking on screen stays. */
export async function clearVerdicts(): Promise<void> {
  await clearStoredVerdicts();
}
