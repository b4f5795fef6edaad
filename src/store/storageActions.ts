import { clearModelFiles, listModelFiles, type CachedFile } from '../embedding/modelFileCache';
import type { ModelCacheSummary } from '../embedding/embeddingCache';
import { useAppStore } from './appStore';
import { getServices } from './services';

export interface StorageReport {
  embeddings: ModelCacheSummary[];
  modelFiles: CachedFile[];
  usage: { usage: number; quota: number } | null;
  cacheState: string;
}

/** What is stored for offline use; the storage panel asks for it when opened. */
export async function readStorage(): Promise<StorageReport> {
  const cache = await getServices().openCache();
  const [embeddings, modelFiles, usage] = await Promise.all([cache.summary(), listModelFiles(), cache.estimate()]);
  return { embeddings, modelFiles, usage, cacheState: cache.status.state === 'ready' ? 'on' : cache.status.reason };
}

/** Deletes cached embeddings (one model's, or all). What is on screen stays. */
export async function clearEmbeddings(modelKey?: string): Promise<void> {
  const cache = await getServices().openCache();
  await cache.clear(modelKey);
}

export async function clearDownloadedModels(): Promise<void> {
  await clearModelFiles();
  useAppStore.setState({ modelFiles: {} });
}
