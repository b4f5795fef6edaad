import type { StateCreator } from 'zustand';
import type { EmbeddingMatrix } from '../core/vectors';
import type { DeviceChoice, EmbedProgress } from '../embedding/protocol';
import { BUNDLED_MODEL, type DType } from '../embedding/catalogue';
import { DEFAULT_REMOTE_HOST, DEFAULT_STALL_MS } from '../embedding/loadSpec';
import type { GpuSupport } from '../embedding/webgpu';
import type { AppState } from './appStore';
import type { VectorEncoding } from '../data/import/vectors';

export interface FileProgress {
  loaded: number;
  total: number;
}

export type DevicePreference = 'auto' | DeviceChoice;

export interface ProfileEmbeddings {
  /** Model, dtype and device that produced these vectors, so the UI can say what is on screen. */
  modelId: string;
  dtype: DType;
  device: DeviceChoice;
  matrix: EmbeddingMatrix;
  elapsedMs: number;
  /** How many vectors came from the cache, how many distinct texts were computed now, and how
   * many profiles repeated the text of another and shared its vector (fromCache + embedded +
   * duplicates = profiles). */
  fromCache: number;
  /** Of `fromCache`, how many came from the vectors built with the app (src/embedding/prebuilt.ts). */
  prebuilt?: number;
  embedded: number;
  duplicates: number;
  /** Texts cut at the model's token limit, among those embedded now; null if none were. */
  truncation: Truncation | null;
  /**
   * Increases with every new set of embeddings; part of the key that ties clusters to them.
   * The snapshots of one progressive run share it, so clusters fitted on part of the profiles
   * keep applying (new profiles are placed in them) until they are fitted again.
   */
  version: number;
  /** Set when the vectors are the dataset file's own (no profile was embedded): how the file held them. */
  fromFile?: { encoding: VectorEncoding; rescaled: number };
  /** While a slow model is still embedding (or was stopped): which profiles have a vector; null once all have one. */
  coverage?: Coverage | null;
}

/** The profiles embedded so far; rows without a vector are zero in the matrix and score NaN. */
export interface Coverage {
  /** 1 where the profile has its vector, by profile index. */
  has: Uint8Array;
  count: number;
}

export interface Truncation {
  /** Texts longer than `maxTokens` tokens, cut at the end. */
  truncated: number;
  /** Texts embedded (and counted) now; cached vectors were counted when they were made. */
  of: number;
  maxTokens: number;
}

/** WebGPU against WebAssembly on a few texts, measured before WebGPU is trusted with the profiles. */
export interface Agreement {
  modelId: string;
  dtype: DType;
  meanCosine: number;
  minCosine: number;
  /** meanCosine reached AGREEMENT_THRESHOLD; if not, the model ran on WebAssembly instead. */
  passed: boolean;
}

export interface EmbeddingSlice {
  /** The model the user chose; profileEmbeddings.modelId says which one is on screen. */
  modelId: string;
  dtype: DType;
  devicePreference: DevicePreference;
  /** Hub model ids the user typed in, offered alongside the catalogue. */
  customModelIds: string[];
  /** Where Hub models are downloaded from now, ending in '/'. */
  remoteHost: string;
  /** Who chose remoteHost: the default Hub, the user in the settings, or a link the user confirmed. */
  remoteHostSource: 'hub' | 'settings' | 'link';
  /** The mirror the user typed in the settings (remembered), or null for the Hub itself. */
  savedMirror: string | null;
  /** A mirror that came with the link (?hub=), not used until the user says so. */
  pendingMirror: string | null;
  /** What was wrong with the link's parameters (?hub=, ?threads=, ?stall=), in words. */
  linkNotices: string[];
  /** A download that sends no bytes for this long is stopped (?stall=S sets it, for tests). */
  stallMs: number;
  /** The model whose load failed in a way worth retrying (a stalled or unreachable host). */
  retryModel: { modelId: string; dtype: DType } | null;
  gpu: GpuSupport | null;
  /** Why the app is not using the device the user asked for, if it is not. */
  deviceNotice: string | null;
  embeddingStatus: 'idle' | 'loading-model' | 'embedding' | 'ready' | 'error';
  /** Per-file download progress while a model loads, keyed by file name. */
  modelFiles: Record<string, FileProgress>;
  modelLoadMs: number | null;
  /** Progress over all profiles; the first `embedCached + embedDuplicates` of `done` needed no model. */
  embedProgress: EmbedProgress | null;
  embedCached: number;
  /** Profiles whose text repeats another uncached profile's: embedded once, counted here. */
  embedDuplicates: number;
  embeddingError: string | null;
  profileEmbeddings: ProfileEmbeddings | null;
  agreement: Agreement | null;
  /** Set when the embedding cache had to be turned off (e.g. storage full). */
  cacheNotice: string | null;
}

export const createEmbeddingSlice: StateCreator<AppState, [], [], EmbeddingSlice> = () => ({
  modelId: BUNDLED_MODEL.id,
  dtype: BUNDLED_MODEL.defaultDtype,
  devicePreference: 'auto',
  customModelIds: [],
  remoteHost: DEFAULT_REMOTE_HOST,
  remoteHostSource: 'hub',
  savedMirror: null,
  pendingMirror: null,
  linkNotices: [],
  stallMs: DEFAULT_STALL_MS,
  retryModel: null,
  gpu: null,
  deviceNotice: null,
  embeddingStatus: 'idle',
  modelFiles: {},
  modelLoadMs: null,
  embedProgress: null,
  embedCached: 0,
  embedDuplicates: 0,
  embeddingError: null,
  profileEmbeddings: null,
  agreement: null,
  cacheNotice: null,
});
