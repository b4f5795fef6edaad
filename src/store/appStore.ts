import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createEmbeddingSlice, type EmbeddingSlice } from './embeddingSlice';
import { createSearchSlice, type SearchSlice } from './searchSlice';
import { createClusterSlice, type ClusterSlice } from './clusterSlice';
import { createCompareSlice, type CompareSlice } from './compareSlice';
import { createRerankSlice, type RerankSlice } from './rerankSlice';
import { createWhySlice, type WhySlice } from './whySlice';
import { createApiSlice, type ApiSlice } from './apiSlice';
import { deferredFieldStorage } from './deferredStorage';

export type AppState = DatasetSlice & EmbeddingSlice & SearchSlice & ClusterSlice & CompareSlice & RerankSlice & WhySlice & ApiSlice;

/** Where there is no localStorage (Node, some private windows), settings live for the page only. */
function memoryStorage(): StateStorage {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

function browserStorage(): StateStorage {
  try {
    return globalThis.localStorage ?? memoryStorage();
  } catch {
    return memoryStorage();
  }
}

/**
 * What survives a reload: the job description being written and the user's choices. Data,
 * vectors and results are rebuilt (vectors come back from the IndexedDB cache).
 */
export const PERSISTED_KEYS = ['query', 'resultCount', 'modelId', 'dtype', 'devicePreference', 'customModelIds', 'k', 'filterMode', 'compareTargets', 'rankingKind', 'fusionWeight', 'rerankEnabled', 'rerankerId', 'rerankDtype', 'rerankTopN', 'customRerankerIds', 'termRules', 'savedMirror', 'rankedQueryHash', 'apiModelIds', 'datasetId'] as const;

/** API endpoints survive a reload, but their keys only where the user ticked "remember on this device". */
function persistedEndpoints(s: AppState): AppState['apiEndpoints'] {
  return Object.fromEntries(Object.entries(s.apiEndpoints).map(([k, e]) => [k, e && !e.remember ? { ...e, apiKey: '' } : e]));
}

/** Settings storage; typing the job description is saved when typing pauses, not per keystroke. */
const settingsStorage = deferredFieldStorage<Partial<AppState>>(createJSONStorage(browserStorage), 'query');

/** Writes a job description still waiting for a typing pause (tests; the page does it when hidden). */
export const flushSettings = settingsStorage.flush;

export const useAppStore = create<AppState>()(
  persist(
    (...a) => ({
      ...createDatasetSlice(...a),
      ...createEmbeddingSlice(...a),
      ...createSearchSlice(...a),
      ...createClusterSlice(...a),
      ...createCompareSlice(...a),
      ...createRerankSlice(...a),
      ...createWhySlice(...a),
      ...createApiSlice(...a),
    }),
    {
      name: 'candidate-search-settings',
      version: 1,
      storage: settingsStorage,
      partialize: (s) => ({ ...(Object.fromEntries(PERSISTED_KEYS.map((k) => [k, s[k]])) as Partial<AppState>), apiEndpoints: persistedEndpoints(s) }),
    },
  ),
);

const initialState = useAppStore.getState();

/** Back to a fresh page; tests call this after each case. */
export function resetAppStore(): void {
  useAppStore.persist.clearStorage();
  useAppStore.setState(initialState, true);
}
