import { create } from 'zustand';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createEmbeddingSlice, type EmbeddingSlice } from './embeddingSlice';
import { createSearchSlice, type SearchSlice } from './searchSlice';
import { createClusterSlice, type ClusterSlice } from './clusterSlice';
import { createCompareSlice, type CompareSlice } from './compareSlice';

export type AppState = DatasetSlice & EmbeddingSlice & SearchSlice & ClusterSlice & CompareSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createDatasetSlice(...a),
  ...createEmbeddingSlice(...a),
  ...createSearchSlice(...a),
  ...createClusterSlice(...a),
  ...createCompareSlice(...a),
}));

const initialState = useAppStore.getState();

/** Back to a fresh page; tests call this after each case. */
export function resetAppStore(): void {
  useAppStore.setState(initialState, true);
}
