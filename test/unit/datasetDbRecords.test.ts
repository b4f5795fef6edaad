import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DatasetDb, PROFILES_PER_RECORD } from '../../src/import/datasetDb';
import { importedProfile } from '../../src/data/import/build';

const meta = (id: string, rows: number) => ({ id, name: id, fileName: `${id}.parquet`, rows, labelled: 0, approxBytes: 0, createdAt: 1 });
const profiles = (n: number, tag: string) => Array.from({ length: n }, (_, i) => importedProfile(`${tag}${i}`, `text ${i}`, `Name ${i}`, '', ''));

describe('a large dataset kept in records of PROFILES_PER_RECORD profiles', () => {
  it('reads back the same profiles in order, and deleting it removes every record', async () => {
    const factory = new IDBFactory();
    const db = await DatasetDb.open('records', factory);
    /** The keys of the records in the profiles store, read past DatasetDb. */
    const recordKeys = async () => {
      const request = factory.open('records');
      const raw = await new Promise<IDBDatabase>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const r = raw.transaction('profiles').objectStore('profiles').getAllKeys();
        r.onsuccess = () => resolve(r.result);
      });
      raw.close();
      return keys;
    };
    // two whole records and one profile in a third
    const big = profiles(2 * PROFILES_PER_RECORD + 1, 'b');
    const small = profiles(3, 's');
    await db.put(meta('ds-big', big.length), big);
    await db.put(meta('ds-small', small.length), small);
    expect(await recordKeys()).toEqual(['ds-big', 'ds-big:000001', 'ds-big:000002', 'ds-small']);
    const back = await db.profiles('ds-big');
    expect(back).toHaveLength(big.length);
    expect(back?.map((p) => p.id)).toEqual(big.map((p) => p.id));
    expect(await db.profiles('ds-small')).toEqual(small);
    await db.delete('ds-big');
    expect(await db.profiles('ds-big')).toBeUndefined();
    expect(await recordKeys()).toEqual(['ds-small']);
    expect(await db.profiles('ds-small')).toEqual(small);
    expect((await db.list()).map((m) => m.id)).toEqual(['ds-small']);
  });
});
