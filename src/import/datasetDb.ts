/**
 * Imported datasets kept in IndexedDB, so they survive a reload and several can be kept.
 * Two object stores keyed by dataset id: 'meta' (small: listing all of them reads no
 * profiles) and 'profiles' (the profile list, in records of PROFILES_PER_RECORD: the first
 * under the dataset id, the rest under `id:000001`, ...), and 'vectors' split the same way by
 * VECTOR_BYTES_PER_RECORD. Writes go in one transaction, so a
 * dataset is saved whole or not at all. Any failure rejects with a message that says what failed.
 */
import type { FileInt8Codes } from '../data/import/embeddingsFile';
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { JobDescription, Profile } from '../data/schema';
import type { VectorEncoding } from '../data/import/vectors';

export const DATASET_DB_NAME = 'candidate-search-datasets';
/** 2 added the 'vectors' store (precomputed embeddings that came with a file). */
const DB_VERSION = 2;

/** Where a dataset's precomputed vectors came from, without the vectors (listing reads none). */
export interface VectorsInfo {
  /** The catalogue id of the model that made them. */
  modelId: string;
  /** How the file held them: float numbers, int8 codes, or sign bits (coarse). */
  encoding: VectorEncoding;
  dims: number;
  /** Rows that were not unit length in the file and were scaled to it. */
  rescaled: number;
}

/** Precomputed embeddings kept with a dataset: one unit row per profile, in the profiles' order. */
export interface DatasetVectors extends VectorsInfo {
  matrix: Float32Array;
  /** The file's own int8 codes (embeddings-layout files), used by the int8 index as they are. */
  int8?: FileInt8Codes;
}

export interface DatasetMeta {
  id: string;
  /** Given by the user (the file name by default). */
  name: string;
  fileName: string;
  rows: number;
  /** Profiles with a label (evaluation and clustering quality use only these). */
  labelled: number;
  /** The profiles' text in UTF-16 code units: close to the bytes the browser stores for mostly-ASCII text. */
  approxBytes: number;
  /** ms since the epoch. */
  createdAt: number;
  /** Present when the file's own vectors are used for `vectors.modelId`. */
  vectors?: VectorsInfo;
}

interface DatasetSchema extends DBSchema {
  meta: { key: string; value: DatasetMeta };
  profiles: { key: string; value: Profile[] };
  /** Imported job descriptions, by the id of the dataset they go with ('bundled' included). */
  jobs: { key: string; value: JobDescription[] };
  vectors: { key: string; value: DatasetVectors };
}

/** The characters of a profile list's strings, as a size estimate. */
export function approxProfileBytes(profiles: readonly Profile[]): number {
  let n = 0;
  for (const p of profiles) n += p.id.length + p.name.length + p.headline.length + (p.text?.length ?? 0) + p.label.role.length + 64;
  return n;
}

/** Profiles per IndexedDB record: Chromium aborts the put of a million profiles as one value. */
export const PROFILES_PER_RECORD = 50_000;
/** The key of a dataset's k-th record of profiles (k ≥ 1), zero-padded so keys sort in order. */
const recordKey = (id: string, k: number) => `${id}:${String(k).padStart(6, '0')}`;
/**
 * Bytes of vectors per IndexedDB record: Chromium refuses a value over 127 MiB ("The
 * serialized keys and/or value are too large"), and a million 100-d rows are 500 MB.
 */
export const VECTOR_BYTES_PER_RECORD = 64e6;

/** Rows [start, end) of the vectors, as a record of their own (sliced: a view would carry its whole buffer). */
function vectorRows(v: DatasetVectors, start: number, end: number): DatasetVectors {
  const { matrix, int8, ...info } = v;
  const d = v.dims;
  return { ...info, matrix: matrix.slice(start * d, end * d), ...(int8 ? { int8: { codes: int8.codes.slice(start * d, end * d), scales: int8.scales.slice(start, end) } } : {}) };
}

/** The vectors cut into records of at most `bytesPerRecord` (one record when they fit). */
export function vectorRecords(v: DatasetVectors, bytesPerRecord = VECTOR_BYTES_PER_RECORD): DatasetVectors[] {
  const rows = v.matrix.length / v.dims;
  const perRecord = Math.max(1, Math.floor(bytesPerRecord / (v.dims * (v.int8 ? 5 : 4) + 4)));
  if (rows <= perRecord) return [v];
  const out: DatasetVectors[] = [];
  for (let start = 0; start < rows; start += perRecord) out.push(vectorRows(v, start, Math.min(rows, start + perRecord)));
  return out;
}

/** The records of one dataset's vectors joined again, in order. */
export function joinVectors(parts: DatasetVectors[]): DatasetVectors {
  if (parts.length === 1) return parts[0];
  const join = <T extends Float32Array | Int8Array>(arrays: T[], make: (n: number) => T): T => {
    const out = make(arrays.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  const int8 = parts[0].int8 ? { codes: join(parts.map((p) => p.int8!.codes), (n) => new Int8Array(n)), scales: join(parts.map((p) => p.int8!.scales), (n) => new Float32Array(n)) } : undefined;
  return { ...parts[0], matrix: join(parts.map((p) => p.matrix), (n) => new Float32Array(n)), ...(int8 ? { int8 } : {}) };
}

/** Every record of a dataset's profiles (or vectors) after the first (ids have no ':'). */
const laterRecords = (id: string) => IDBKeyRange.bound(`${id}:`, `${id}:\uffff`);

const describe = (err: unknown) => (err instanceof Error || err instanceof DOMException ? err.message || err.name : String(err));

export class DatasetDb {
  private constructor(private readonly db: IDBPDatabase<DatasetSchema>) {}

  /** Opens the database; rejects with a plain message when the browser has no IndexedDB or refuses it. */
  static async open(name = DATASET_DB_NAME, factory: IDBFactory | null | undefined = globalThis.indexedDB): Promise<DatasetDb> {
    if (!factory) throw new Error('This browser does not offer IndexedDB (a private window, perhaps), so imported datasets last only until the page is closed.');
    const request = factory.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      if (!db.objectStoreNames.contains('profiles')) db.createObjectStore('profiles');
      if (!db.objectStoreNames.contains('jobs')) db.createObjectStore('jobs');
      if (!db.objectStoreNames.contains('vectors')) db.createObjectStore('vectors');
    };
    try {
      return new DatasetDb(await (wrap(request) as Promise<IDBPDatabase<DatasetSchema>>));
    } catch (err) {
      throw new Error(`The dataset store could not be opened (${describe(err)}).`, { cause: err });
    }
  }

  /** Every kept dataset, oldest first. */
  async list(): Promise<DatasetMeta[]> {
    const all = await this.db.getAll('meta');
    return all.sort((a, b) => a.createdAt - b.createdAt);
  }

  async profiles(id: string): Promise<Profile[] | undefined> {
    const store = this.db.transaction('profiles').store;
    const [first, later] = await Promise.all([store.get(id), store.getAll(laterRecords(id))]);
    return first && later.length > 0 ? first.concat(...later) : first;
  }

  async vectors(id: string): Promise<DatasetVectors | undefined> {
    const store = this.db.transaction('vectors').store;
    const [first, later] = await Promise.all([store.get(id), store.getAll(laterRecords(id))]);
    return first && joinVectors([first, ...later]);
  }

  /** Saves the dataset (and its file's vectors, if any) whole or not at all. */
  async put(meta: DatasetMeta, profiles: Profile[], vectors: DatasetVectors | null = null): Promise<void> {
    try {
      const tx = this.db.transaction(['meta', 'profiles', 'vectors'], 'readwrite');
      // a failed request aborts the transaction and tx.done rejects with its error: the requests' own rejections are not needed
      const quiet = (request: Promise<unknown>) => void request.catch(() => undefined);
      try {
        quiet(tx.objectStore('meta').put(meta, meta.id));
        for (let k = 0; k === 0 || k * PROFILES_PER_RECORD < profiles.length; k++) {
          quiet(tx.objectStore('profiles').put(profiles.slice(k * PROFILES_PER_RECORD, (k + 1) * PROFILES_PER_RECORD), k === 0 ? meta.id : recordKey(meta.id, k)));
        }
        if (vectors) vectorRecords(vectors).forEach((part, k) => quiet(tx.objectStore('vectors').put(part, k === 0 ? meta.id : recordKey(meta.id, k))));
      } catch (err) {
        quiet(tx.done);
        try {
          tx.abort();
        } catch {
          // already over (aborted by the browser): nothing of it was written
        }
        throw err;
      }
      await tx.done;
    } catch (err) {
      const quota = err instanceof DOMException && err.name === 'QuotaExceededError';
      throw new Error(
        quota
          ? 'The browser has no storage space left for this dataset. Delete a kept dataset or clear cached models under Storage, then import again.'
          : `The dataset could not be saved (${describe(err)}).`,
        { cause: err },
      );
    }
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(['meta', 'profiles', 'jobs', 'vectors'], 'readwrite');
    await Promise.all([tx.objectStore('meta').delete(id), tx.objectStore('profiles').delete(id), tx.objectStore('profiles').delete(laterRecords(id)), tx.objectStore('jobs').delete(id), tx.objectStore('vectors').delete(id), tx.objectStore('vectors').delete(laterRecords(id)), tx.done]);
  }

  async jobs(datasetId: string): Promise<JobDescription[] | undefined> {
    return this.db.get('jobs', datasetId);
  }

  /** Keeps job descriptions with a dataset; null removes them (the bundled ones are used again). */
  async putJobs(datasetId: string, jobs: JobDescription[] | null): Promise<void> {
    try {
      if (jobs) await this.db.put('jobs', jobs, datasetId);
      else await this.db.delete('jobs', datasetId);
    } catch (err) {
      throw new Error(`The job descriptions could not be saved (${describe(err)}).`, { cause: err });
    }
  }

  close(): void {
    this.db.close();
  }
}
