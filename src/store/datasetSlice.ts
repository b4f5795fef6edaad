import type { StateCreator } from 'zustand';
import type { JobDescription, Profile } from '../data/schema';
import type { AppState } from './appStore';

export interface DatasetSlice {
  profiles: Profile[];
  jobs: JobDescription[];
  datasetStatus: 'idle' | 'loading' | 'ready' | 'error';
  datasetError: string | null;
}

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = () => ({
  profiles: [],
  jobs: [],
  datasetStatus: 'idle',
  datasetError: null,
});
