import type { StateCreator } from 'zustand';
import type { SkippedRow } from '../data/import/issues';
import type { ColumnMapping, ImportKind } from '../data/import/mapping';
import type { JobDescription, Profile } from '../data/schema';
import type { DatasetMeta, DatasetVectors } from '../import/datasetDb';
import type { HubInspection, ParseProgress, ParseResult } from '../import/protocol';
import type { AppState } from './appStore';

/** The id of the dataset shipped with the app; always in the picker, never deleted. */
export const BUNDLED_DATASET_ID = 'bundled';

/** An imported dataset in the picker; `sessionOnly` when it could not be saved and ends with the page. */
export type DatasetEntry = DatasetMeta & { sessionOnly?: boolean };

/** Where the import dialog is. A failed or cancelled import never touches the profiles on screen. */
export type ImportState =
  | { phase: 'idle'; notice: string | null }
  | { phase: 'reading'; fileName: string; progress: ParseProgress | null }
  | { phase: 'mapping' | 'building'; fileName: string; parsed: ParseResult; mapping: ColumnMapping; kind: ImportKind; name: string; error: string | null; built?: { done: number; total: number } }
  | {
      phase: 'done';
      kind: ImportKind;
      name: string;
      imported: number;
      columns: string[];
      skipped: SkippedRow[];
      notices: string[];
      saveError: string | null;
      /** The model named for the file's own vectors, when they are used (nothing is embedded). */
      vectorsFrom?: string | null;
    }
  | { phase: 'error'; fileName: string; message: string; columns: string[]; skipped: SkippedRow[] };

/** The "Hugging Face dataset" source of the import dialog: looked up, then files and columns chosen. */
export type HubLookup =
  | { status: 'idle' }
  | { status: 'looking'; dataset: string }
  | { status: 'ready'; inspection: HubInspection; files: string[]; columns: string[] }
  | { status: 'error'; dataset: string; message: string };

export interface DatasetSlice {
  profiles: Profile[];
  jobs: JobDescription[];
  datasetStatus: 'idle' | 'loading' | 'ready' | 'error';
  datasetError: string | null;
  /** The dataset on screen: BUNDLED_DATASET_ID or an imported one's id (persisted). */
  datasetId: string;
  /** Imported datasets, oldest first. */
  datasets: DatasetEntry[];
  /** A dataset problem that lost nothing: a failed switch, a stored dataset gone, no IndexedDB. */
  datasetNotice: string | null;
  /** Whether `jobs` are the bundled job descriptions or ones imported for this dataset. */
  jobsSource: 'bundled' | 'imported';
  /** The precomputed embeddings that came with the dataset on screen (aligned with `profiles`), or null. */
  datasetVectors: DatasetVectors | null;
  importState: ImportState;
  hubLookup: HubLookup;
}

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = () => ({
  profiles: [],
  jobs: [],
  datasetStatus: 'idle',
  datasetError: null,
  datasetId: BUNDLED_DATASET_ID,
  datasets: [],
  datasetNotice: null,
  jobsSource: 'bundled',
  datasetVectors: null,
  importState: { phase: 'idle', notice: null },
  hubLookup: { status: 'idle' },
});
