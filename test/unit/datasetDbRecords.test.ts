import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DatasetDb, PROFILES_PER_RECORD, joinVectors, vectorRecords } from '../../src/import/datasetDb';
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

  it('cuts vectors into records under the browser\'s largest value and joins them back equal', () => {
    const dims = 3;
    const rows = 10;
    const matrix = Float32Array.from({ length: rows * dims }, (_, i) => Math.sin(i));
    const codes = Int8Array.from({ length: rows * dims }, (_, i) => i - 15);
    const scales = Float32Array.from({ length: rows }, (_, i) => 1 / (i + 1));
    const vectors = { modelId: 'm', encoding: 'int8' as const, dims, rescaled: 0, matrix, int8: { codes, scales } };
    // 19 bytes a row (3 floats, 3 codes, a scale): 4 rows fit in 76 bytes, so records of 4, 4 and 2 rows
    const parts = vectorRecords(vectors, 76);
    expect(parts.map((p) => p.int8?.scales.length)).toEqual([4, 4, 2]);
    // each record owns its bytes (a view would be stored with its whole buffer)
    expect(parts.every((p) => p.matrix.buffer.byteLength === p.matrix.byteLength)).toBe(true);
    const back = joinVectors(parts);
    expect(back).toEqual(vectors);
    expect(vectorRecords(vectors)).toEqual([vectors]);
  });
});
