import { create } from 'zustand';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createEmbeddingSlice, type EmbeddingSlice } from './embeddingSlice';
import { createSearchSlice, type SearchSlice } from './searchSlice';
import { createClusterSlice, type ClusterSlice } from './clusterSlice';

export type AppState = DatasetSlice & EmbeddingSlice & SearchSlice & ClusterSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createDatasetSlice(...a),
  ...createEmbeddingSlice(...a),
  ...createSearchSlice(...a),
  ...createClusterSlice(...a),
}));

const initialState = useAppStore.getState();

/** Back to a fresh page; tests call this after each case. */
export function resetAppStore(): void {
  useAppStore.setState(initialState, true);
}
