import type { StateCreator } from 'zustand';
import type { EmbeddingMatrix } from '../core/vectors';
import type { EmbedProgress } from '../embedding/protocol';
import { BUNDLED_MODEL } from '../embedding/catalogue';
import type { AppState } from './appStore';

export interface FileProgress {
  loaded: number;
  total: number;
}

export interface ProfileEmbeddings {
  /** Model that produced these vectors, so the UI can say what is on screen. */
  modelId: string;
  dtype: string;
  matrix: EmbeddingMatrix;
  elapsedMs: number;
  /** Increases with every new set of embeddings; part of the key that ties clusters to them. */
  version: number;
}

export interface EmbeddingSlice {
  modelId: string;
  embeddingStatus: 'idle' | 'loading-model' | 'embedding' | 'ready' | 'error';
  /** Per-file download progress while a model loads, keyed by file name. */
  modelFiles: Record<string, FileProgress>;
  modelLoadMs: number | null;
  embedProgress: EmbedProgress | null;
  embeddingError: string | null;
  profileEmbeddings: ProfileEmbeddings | null;
}

export const createEmbeddingSlice: StateCreator<AppState, [], [], EmbeddingSlice> = () => ({
  modelId: BUNDLED_MODEL.id,
  embeddingStatus: 'idle',
  modelFiles: {},
  modelLoadMs: null,
  embedProgress: null,
  embeddingError: null,
  profileEmbeddings: null,
});
