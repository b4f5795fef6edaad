/**
 * Which profiles are on screen: the bundled dataset or one of the imported datasets kept in
 * IndexedDB. The choice is persisted; switching re-embeds through the embedding cache (known
 * texts cost nothing), re-ranks a shown search and re-clusters (replaceProfiles). A failed
 * switch keeps what is on screen.
 */
import { errorMessage } from '../core/assert';
import type { Dataset } from '../data/bundled';
import type { JobDescription, Profile } from '../data/schema';
import { cancelComparison } from './compareActions';
import { DatasetDb, type DatasetVectors } from '../import/datasetDb';
import { replaceProfiles } from './actions';
import { useAppStore } from './appStore';
import { BUNDLED_DATASET_ID, type DatasetEntry } from './datasetSlice';
import { getServices, type Services } from './services';
import { findModel } from '../embedding/catalogue';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** The bundled dataset, fetched once per services object (tests swap services). */
const bundledBy = new WeakMap<Services, Promise<Dataset>>();
/** Datasets that could not be saved: they live in memory until the page closes. */
const sessionOnly = new Map<string, { profiles: Profile[]; vectors: DatasetVectors | null }>();

export interface DatasetData {
  profiles: Profile[];
  /** The file's own embeddings, when it came with them. */
  vectors: DatasetVectors | null;
}

export function bundledDataset(): Promise<Dataset> {
  const services = getServices();
  let p = bundledBy.get(services);
  if (!p) {
    p = services.loadDataset();
    bundledBy.set(services, p);
    p.catch(() => bundledBy.delete(services));
  }
  return p;
}

export function openDatasets(): Promise<DatasetDb> {
  const { openDatasets } = getServices();
  return openDatasets ? openDatasets() : DatasetDb.open();
}

/** Reads the list of kept datasets into the store; says so when the store cannot be read. */
export async function refreshDatasets(): Promise<void> {
  try {
    const stored: DatasetEntry[] = await (await openDatasets()).list();
    const session = get().datasets.filter((d) => d.sessionOnly);
    set({ datasets: [...stored, ...session] });
  } catch (err) {
    set({ datasetNotice: `Imported datasets cannot be kept: ${errorMessage(err)}` });
  }
}

/** The job descriptions kept with a dataset, or the bundled ones (a failed read falls back to them too). */
async function jobsOf(id: string): Promise<{ jobs: JobDescription[]; jobsSource: 'bundled' | 'imported' }> {
  try {
    const stored = await (await openDatasets()).jobs(id);
    if (stored?.length) return { jobs: stored, jobsSource: 'imported' };
  } catch {
    // no dataset store: the bundled job descriptions
  }
  return { jobs: (await bundledDataset()).jobs, jobsSource: 'bundled' };
}

async function dataOf(id: string): Promise<DatasetData> {
  if (id === BUNDLED_DATASET_ID) return { profiles: (await bundledDataset()).profiles, vectors: null };
  const inMemory = sessionOnly.get(id);
  if (inMemory) return inMemory;
  const db = await openDatasets();
  const stored = await db.profiles(id);
  if (!stored) throw new Error('it is no longer stored in this browser');
  const vectors = get().datasets.find((d) => d.id === id)?.vectors ? ((await db.vectors(id)) ?? null) : null;
  return { profiles: stored, vectors };
}

/**
 * The vectors go with the dataset before its profiles reach the screen. Switching to the
 * dataset also chooses their model (the file's vectors are only usable with the model that
 * made them; another model afterwards embeds the profiles as usual); a reload keeps the
 * model the user had (`chooseModel` false).
 */
function takeVectors(vectors: DatasetVectors | null, chooseModel: boolean): void {
  if (!vectors || !chooseModel) {
    set({ datasetVectors: vectors });
    return;
  }
  const s = get();
  const same = s.modelId === vectors.modelId;
  set({ datasetVectors: vectors, modelId: vectors.modelId, dtype: same ? s.dtype : (findModel(vectors.modelId)?.defaultDtype ?? s.dtype) });
}

/** The data to start with: the dataset chosen last time if it is still kept, else the bundled one (saying why). */
export async function loadStartupDataset(): Promise<Dataset> {
  const bundled = await bundledDataset();
  await refreshDatasets();
  let id = get().datasetId;
  let profiles = bundled.profiles;
  if (id !== BUNDLED_DATASET_ID) {
    try {
      const data = await dataOf(id);
      profiles = data.profiles;
      takeVectors(data.vectors, false);
    } catch (err) {
      id = BUNDLED_DATASET_ID;
      set({ datasetId: id, datasetNotice: `The dataset chosen last time could not be opened (${errorMessage(err)}), so the bundled profiles are shown.` });
    }
  }
  const { jobs, jobsSource } = await jobsOf(id);
  set({ jobsSource });
  return { profiles, jobs };
}

/**
 * Job descriptions for the dataset on screen (they feed the examples and the comparison
 * lab), kept with it; null goes back to the bundled ones. Resolves with a save error, if any.
 */
export async function setDatasetJobs(jobs: JobDescription[] | null): Promise<string | null> {
  const id = get().datasetId;
  let saveError: string | null = null;
  try {
    await (await openDatasets()).putJobs(id, jobs);
  } catch (err) {
    saveError = `${errorMessage(err)} They are used for this session only.`;
  }
  cancelComparison();
  set({ jobs: jobs ?? (await bundledDataset()).jobs, jobsSource: jobs ? 'imported' : 'bundled', compareRuns: [], compareKeyword: null, compareStatus: 'idle' });
  return saveError;
}

let switchSeq = 0;

/**
 * Puts a dataset on screen; only the newest switch applies, and a failed one keeps the current
 * profiles. `given`: its data already in memory (a fresh import), so it is not read back.
 */
export async function selectDataset(id: string, given?: DatasetData): Promise<void> {
  if (id === get().datasetId) return;
  const seq = ++switchSeq;
  set({ datasetNotice: null });
  let data: DatasetData;
  try {
    data = given ?? (await dataOf(id));
  } catch (err) {
    if (seq !== switchSeq) return;
    const name = get().datasets.find((d) => d.id === id)?.name ?? id;
    set({ datasetNotice: `Could not open "${name}": ${errorMessage(err)}. The profiles on screen are unchanged.` });
    return;
  }
  const { jobs, jobsSource } = await jobsOf(id);
  if (seq !== switchSeq) return;
  set({ datasetId: id, jobs, jobsSource });
  takeVectors(data.vectors, true);
  await replaceProfiles(data.profiles);
}

/** Adds a built dataset (with its file's vectors, if any): saved to IndexedDB when possible, else kept for this session. Resolves with the save error, if any. */
export async function addDataset(meta: DatasetEntry, profiles: Profile[], vectors: DatasetVectors | null = null): Promise<string | null> {
  let saveError: string | null = null;
  try {
    await (await openDatasets()).put(meta, profiles, vectors);
  } catch (err) {
    saveError = `${errorMessage(err)} The dataset is loaded for this session only and will be gone after a reload.`;
    sessionOnly.set(meta.id, { profiles, vectors });
  }
  set((s) => ({ datasets: [...s.datasets.filter((d) => d.id !== meta.id), saveError ? { ...meta, sessionOnly: true } : meta] }));
  return saveError;
}

/** Deletes a kept dataset (the UI asks first); the bundled one is shown if it was on screen. */
export async function deleteDataset(id: string): Promise<void> {
  if (id === BUNDLED_DATASET_ID) return;
  try {
    if (!sessionOnly.delete(id)) await (await openDatasets()).delete(id);
  } catch (err) {
    set({ datasetNotice: `Could not delete the dataset: ${errorMessage(err)}` });
    return;
  }
  set((s) => ({ datasets: s.datasets.filter((d) => d.id !== id) }));
  if (get().datasetId === id) await selectDataset(BUNDLED_DATASET_ID);
}

/** How much the site stores in all (datasets, embeddings, models), or null where the browser does not say. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const est = await globalThis.navigator?.storage?.estimate?.();
    return est?.usage === undefined || est.quota === undefined ? null : { usage: est.usage, quota: est.quota };
  } catch {
    return null;
  }
}
