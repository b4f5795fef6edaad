/**
 * LLM pairwise verdicts kept in IndexedDB, so a pair asked once is never paid for again, across
 * reloads too. Keyed by `verdictKey` (chat model at its endpoint, hash of the job description,
 * the ordered pair of profile-text hashes), like the embedding and score caches key by model and
 * text. Where IndexedDB is missing or fails, verdicts live for the page only (nothing breaks).
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { PairVerdicts } from './pairwise';

export const VERDICT_DB = 'candidate-search-verdicts';
const STORE = 'verdicts';

export interface VerdictStore {
  /** The stored verdicts among `keys`. */
  getMany(keys: readonly string[]): Promise<Map<string, PairVerdicts>>;
  putMany(entries: ReadonlyArray<readonly [string, PairVerdicts]>): Promise<void>;
  /** How many verdicts are stored; rejects, saying why, when the store cannot be read. */
  count(): Promise<number>;
  /** Deletes every stored verdict; rejects, saying why, when that failed. */
  clear(): Promise<void>;
}

export function openVerdictStore(name = VERDICT_DB): VerdictStore {
  let db: Promise<IDBPDatabase | null> | null = null;
  const open = () =>
    (db ??= globalThis.indexedDB
      ? openDB(name, 1, { upgrade: (d) => void d.createObjectStore(STORE) }).catch(() => null)
      : Promise.resolve(null));
  return {
    async getMany(keys) {
      const out = new Map<string, PairVerdicts>();
      const d = await open();
      if (!d || !keys.length) return out;
      try {
        const tx = d.transaction(STORE, 'readonly');
        const values = await Promise.all(keys.map((k) => tx.store.get(k) as Promise<PairVerdicts | undefined>));
        values.forEach((v, i) => v && out.set(keys[i], v));
      } catch {
        // unreadable: ask again
      }
      return out;
    },
    async putMany(entries) {
      const d = await open();
      if (!d || !entries.length) return;
      try {
        const tx = d.transaction(STORE, 'readwrite');
        await Promise.all([...entries.map(([k, v]) => tx.store.put(v, k)), tx.done]);
      } catch {
        // storage full or refused: the verdicts stay for this page only
      }
    },
    async count() {
      const d = await open();
      if (!d) throw new Error('IndexedDB is not available here, so no verdict is stored.');
      return d.count(STORE);
    },
    async clear() {
      const d = await open();
      if (!d) throw new Error('IndexedDB is not available here, so there are no stored verdicts to clear.');
      await d.clear(STORE);
    },
  };
}
