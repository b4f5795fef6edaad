// The global IDB classes let idb recognise fake-indexeddb's objects; every test still gets a
// fresh, empty factory of its own through the `indexedDB` option.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore, IDBOpenDBRequest } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cacheModelKey,
  dimsOfModelKey,
  embedWithCache,
  EmbeddingCache,
  isQuotaError,
  type EmbeddingCacheOptions,
  type EmbeddingCacheStatus,
} from '../../src/embedding/embeddingCache';
import { assembleRows, planMissing } from '../../src/core/assembleRows';
import { hashText } from '../../src/core/textHash';
import { row, rowCount, type EmbeddingMatrix } from '../../src/core/vectors';

const DIM = 4;
const KEY = cacheModelKey({ modelId: 'Xenova/all-MiniLM-L6-v2', weights: '', dtype: 'q8', device: 'wasm', dims: DIM });

/** A deterministic stand-in for the model: each text's vector depends on the text alone. */
function fakeVector(text: string, dim = DIM): Float32Array {
  const v = new Float32Array(dim);
  for (let j = 0; j < dim; j++) v[j] = ((hashText(`${j}:${text}`).charCodeAt(j) * 31 + text.length) % 997) / 997 - 0.5;
  return v;
}

function fakeEmbedder(dim = DIM) {
  const calls: string[][] = [];
  const embed = async (texts: string[]): Promise<EmbeddingMatrix> => {
    calls.push([...texts]);
    const vectors = new Float32Array(texts.length * dim);
    texts.forEach((t, i) => vectors.set(fakeVector(t, dim), i * dim));
    return { vectors, dim };
  };
  return { embed, calls };
}

function matrixOf(texts: string[], dim = DIM): EmbeddingMatrix {
  const vectors = new Float32Array(texts.length * dim);
  texts.forEach((t, i) => vectors.set(fakeVector(t, dim), i * dim));
  return { vectors, dim };
}

function rows(m: EmbeddingMatrix): number[][] {
  return Array.from({ length: rowCount(m) }, (_, i) => Array.from(row(m, i)));
}

const opened: EmbeddingCache[] = [];
async function openCache(options: EmbeddingCacheOptions = {}, name = 'test'): Promise<EmbeddingCache> {
  const cache = await EmbeddingCache.open(name, { indexedDB: new IDBFactory(), ...options });
  opened.push(cache);
  return cache;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const c of opened.splice(0)) c.close();
});

/** Makes the fake store fail the way Chromium does when the quota runs out: the put request
 * errors with QuotaExceededError and the transaction aborts with that error. Returns the undo. */
function failStoreWritesWithQuota(): () => void {
  type RawStore = { storeRecord: (...args: unknown[]) => unknown };
  const patched = new Map<RawStore, RawStore['storeRecord']>();
  const put = IDBObjectStore.prototype.put;
  const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const rawStore = (this as unknown as { _rawObjectStore: RawStore })._rawObjectStore;
    if (!patched.has(rawStore)) {
      patched.set(rawStore, rawStore.storeRecord);
      rawStore.storeRecord = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }
    return put.call(this, value, key);
  });
  return () => {
    spy.mockRestore();
    for (const [rawStore, original] of patched) rawStore.storeRecord = original;
  };
}

describe('planMissing and assembleRows (pure)', () => {
  it('embeds each distinct missing text once, in original order', () => {
    const hashes = ['a', 'b', 'c', 'b', 'd', 'a'];
    const { toEmbed, rowFor } = planMissing(hashes, [5, 1, 3, 4]);
    expect(toEmbed).toEqual([1, 4, 5]);
    expect(Array.from(rowFor)).toEqual([-1, 0, -1, 0, 1, 2]);
    expect(() => planMissing(hashes, [6])).toThrow(/outside/);
  });

  it('merges cached and fresh rows in the original order', () => {
    const found = new Map([
      [0, Float32Array.from([1, 1])],
      [2, Float32Array.from([3, 3])],
    ]);
    const fresh = { vectors: Float32Array.from([2, 2, 4, 4]), dim: 2 };
    const m = assembleRows(5, found, fresh, [-1, 0, -1, 1, 0]);
    expect(m.dim).toBe(2);
    expect(rows(m)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [2, 2],
    ]);
  });

  it('takes dim from the cache when nothing is fresh, and checks that every row agrees', () => {
    const found = new Map([[0, Float32Array.from([1, 2, 3])]]);
    const none = { vectors: new Float32Array(0), dim: 0 };
    expect(assembleRows(1, found, none, [-1])).toEqual({ vectors: Float32Array.from([1, 2, 3]), dim: 3 });
    expect(assembleRows(0, new Map(), none, [])).toEqual({ vectors: new Float32Array(0), dim: 0 });
    expect(() => assembleRows(2, found, { vectors: Float32Array.from([1, 2]), dim: 2 }, [-1, 0])).toThrow(/3 dimensions where 2/);
    expect(() => assembleRows(1, found, none, [-1], 4)).toThrow(/3 dimensions where 4/);
    expect(() => assembleRows(2, found, none, [-1, -1])).toThrow(/row 1 is neither/);
    expect(() => assembleRows(1, new Map(), none, [0])).toThrow(/embedded row 0 of 0/);
  });
});

describe('cacheModelKey', () => {
  const source = { modelId: 'org/m', weights: '', dtype: 'fp16', device: 'wasm', dims: 256 };

  it('names model, weights, dtype, device and dims, and reads the dims back', () => {
    expect(cacheModelKey(source)).toBe('org/m|fp16|wasm|256');
    expect(cacheModelKey({ ...source, weights: 'ab12cd34', device: 'webgpu' })).toBe('org/m@ab12cd34|fp16|webgpu|256');
    expect(dimsOfModelKey(cacheModelKey(source))).toBe(256);
    expect(dimsOfModelKey('no dims here')).toBeUndefined();
  });

  it('gives a different key for every part that changes a vector', () => {
    const variants = [
      source,
      { ...source, modelId: 'org/other' },
      { ...source, weights: 'ab12cd34' },
      { ...source, weights: 'ef56ab78' },
      { ...source, dtype: 'q8' },
      { ...source, device: 'webgpu' },
      { ...source, dims: 128 },
    ];
    expect(new Set(variants.map(cacheModelKey)).size).toBe(variants.length);
  });

  it('keeps WebGPU vectors out of the WebAssembly key range', async () => {
    const cache = await openCache();
    const gpu = cacheModelKey({ ...source, dims: DIM, device: 'webgpu' });
    const wasm = cacheModelKey({ ...source, dims: DIM });
    await cache.putMany(gpu, ['h'], matrixOf(['from WebGPU']));
    expect((await cache.getMany(wasm, ['h'])).missing).toEqual([0]);
    expect((await cache.getMany(gpu, ['h'])).found.size).toBe(1);
  });
});

describe('EmbeddingCache', () => {
  it('round-trips vectors exactly, each on a buffer of its own', async () => {
    const cache = await openCache();
    expect(cache.status).toEqual({ state: 'ready' });
    const hashes = ['h0', 'h1', 'h2'];
    const vectors = Float32Array.from([0.1, -0.2, 1e-45, -0, 3.4028234663852886e38, 0.3, 1 / 3, -1, 2, 4, 8, 16]);
    expect(await cache.putMany(KEY, hashes, { vectors, dim: DIM })).toBe(true);
    const { found, missing } = await cache.getMany(KEY, hashes);
    expect(missing).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const v = found.get(i)!;
      expect(v).toBeInstanceOf(Float32Array);
      expect(Array.from(v)).toEqual(Array.from(vectors.subarray(i * DIM, (i + 1) * DIM)));
      // A stored view would drag the whole matrix's buffer into every record.
      expect(v.buffer.byteLength).toBe(DIM * 4);
    }
    expect(Object.is(found.get(0)![3], -0)).toBe(true);
  });

  it('saves in batches within one transaction, copying every row before it returns', async () => {
    const cache = await openCache({ batchSize: 3 });
    const texts = Array.from({ length: 10 }, (_, i) => `row ${i}`);
    const m = matrixOf(texts);
    const expected = rows(m);
    const saving = cache.putMany(KEY, texts, m);
    m.vectors.fill(7); // the caller reuses its buffer straight away
    expect(await saving).toBe(true);
    const { found } = await cache.getMany(KEY, texts);
    expect(texts.map((_, i) => Array.from(found.get(i)!))).toEqual(expected);
  });

  it('keeps vectors across a reload (a new connection to the same database)', async () => {
    const factory = new IDBFactory();
    const first = await EmbeddingCache.open('reload', { indexedDB: factory });
    await first.putMany(KEY, ['x'], matrixOf(['x']));
    first.close();
    const second = await EmbeddingCache.open('reload', { indexedDB: factory });
    opened.push(second);
    const { found } = await second.getMany(KEY, ['x']);
    expect(Array.from(found.get(0)!)).toEqual(Array.from(fakeVector('x')));
  });

  it.each([
    ['auto', 1000],
    ['point', 1000],
    ['point', 7],
    ['range', 1000],
  ] as const)('getMany (%s, batches of %i) reports a mix of cached and uncached positions', async (readStrategy, batchSize) => {
    const cache = await openCache({ readStrategy, batchSize });
    const texts = Array.from({ length: 100 }, (_, i) => `profile ${i}`);
    const hashes = texts.map(hashText);
    const cached = [0, 2, 3, 50, 99];
    await cache.putMany(KEY, hashes, matrixOf(cached.map((i) => texts[i])), cached);
    // records of other models must not leak into this one, even where one key prefixes the other
    await cache.putMany(cacheModelKey({ modelId: 'other', weights: '', dtype: 'q8', device: 'wasm', dims: DIM }), [hashes[1]], matrixOf(['elsewhere']));
    const longer = cacheModelKey({ modelId: 'Xenova/all-MiniLM-L6-v2', weights: '', dtype: 'q8', device: 'wasm', dims: 40 }); // KEY is a prefix of it
    await cache.putMany(longer, [hashes[0], hashes[1]], matrixOf(['x', 'y'], 40));
    const { found, missing } = await cache.getMany(KEY, hashes);
    expect([...found.keys()].sort((a, b) => a - b)).toEqual(cached);
    expect(missing).toEqual(texts.map((_, i) => i).filter((i) => !cached.includes(i)));
    for (const i of cached) expect(Array.from(found.get(i)!)).toEqual(Array.from(fakeVector(texts[i])));
  });

  it('reads a few texts from a large model by point gets, and all texts by one range read', async () => {
    const cache = await openCache();
    const texts = Array.from({ length: 300 }, (_, i) => `t${i}`);
    const hashes = texts.map(hashText);
    await cache.putMany(KEY, hashes, matrixOf(texts));
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const few = await cache.getMany(KEY, hashes.slice(0, 70));
    expect(few.found.size).toBe(70);
    expect(getAll).not.toHaveBeenCalled();
    const all = await cache.getMany(KEY, [...hashes, hashText('new one')]);
    expect(all.found.size).toBe(300);
    expect(all.missing).toEqual([300]);
    expect(getAll).toHaveBeenCalledTimes(1);
  });

  it('treats a record of the wrong length as missing', async () => {
    const cache = await openCache();
    const { vectors } = matrixOf(['a', 'b']);
    // stored under a key that claims 8 dims, then read back through that key
    await cache.putMany(cacheModelKey({ modelId: 'm', weights: '', dtype: 'q8', device: 'wasm', dims: 8 }), ['a'], { vectors, dim: 8 });
    const weird = 'legacy-key-without-dims';
    await cache.putMany(weird, ['a'], { vectors, dim: 8 });
    expect((await cache.getMany(cacheModelKey({ modelId: 'm', weights: '', dtype: 'q8', device: 'wasm', dims: 8 }), ['a'])).found.size).toBe(1);
    expect((await cache.getMany(weird, ['a'])).found.get(0)?.length).toBe(8);
    await expect(cache.putMany(KEY, ['a'], { vectors, dim: 8 })).rejects.toThrow(/8-dimensional vectors under a key for 4/);
    await expect(cache.putMany(KEY, ['a', 'b'], matrixOf(['a']))).rejects.toThrow(/1 vectors for 2 texts/);
  });

  it('keeps models, dtypes and dims apart', async () => {
    const cache = await openCache();
    const texts = ['alpha', 'beta'];
    const hashes = texts.map(hashText);
    await cache.putMany(KEY, hashes, matrixOf(texts));
    for (const other of [
      cacheModelKey({ modelId: 'Xenova/all-MiniLM-L6-v2', weights: '', dtype: 'fp32', device: 'wasm', dims: DIM }),
      cacheModelKey({ modelId: 'Xenova/bge-small-en-v1.5', weights: '', dtype: 'q8', device: 'wasm', dims: DIM }),
      cacheModelKey({ modelId: 'Xenova/all-MiniLM-L6-v2', weights: '', dtype: 'q8', device: 'wasm', dims: 2 }),
    ]) {
      const { found, missing } = await cache.getMany(other, hashes);
      expect(found.size, other).toBe(0);
      expect(missing).toEqual([0, 1]);
    }
    const { embed, calls } = fakeEmbedder();
    const out = await embedWithCache(cache, cacheModelKey({ modelId: 'Xenova/all-MiniLM-L6-v2', weights: '', dtype: 'fp16', device: 'wasm', dims: DIM }), texts, embed);
    expect(calls).toEqual([texts]);
    expect(out).toMatchObject({ fromCache: 0, embedded: 2 });
  });

  it('summarises each model and clears one model or all of them', async () => {
    const cache = await openCache();
    const a = cacheModelKey({ modelId: 'a', weights: '', dtype: 'q8', device: 'wasm', dims: DIM });
    const b = cacheModelKey({ modelId: 'b', weights: '', dtype: 'fp32', device: 'wasm', dims: 2 });
    const a2 = cacheModelKey({ modelId: 'a', weights: '', dtype: 'q8', device: 'wasm', dims: 2 }); // a truncation of model a
    const a40 = cacheModelKey({ modelId: 'a', weights: '', dtype: 'q8', device: 'wasm', dims: 40 }); // `a` is a prefix of this key
    await cache.putMany(a, ['1', '2', '3'], matrixOf(['1', '2', '3']));
    await cache.putMany(b, ['1', '2'], matrixOf(['1', '2'], 2));
    await cache.putMany(a2, ['1'], matrixOf(['1'], 2));
    await cache.putMany(a40, ['1', '9'], matrixOf(['1', '9'], 40));
    expect(await cache.summary()).toEqual([
      { modelKey: a2, count: 1, dim: 2, bytes: 8 },
      { modelKey: a, count: 3, dim: 4, bytes: 48 },
      { modelKey: a40, count: 2, dim: 40, bytes: 320 },
      { modelKey: b, count: 2, dim: 2, bytes: 16 },
    ]);
    expect(await cache.clear(a)).toBe(true);
    expect((await cache.summary()).map((s) => s.modelKey)).toEqual([a2, a40, b]);
    expect((await cache.getMany(b, ['1', '2'])).found.size).toBe(2);
    expect(await cache.clear()).toBe(true);
    expect(await cache.summary()).toEqual([]);
  });

  it('estimates storage where the browser reports it', async () => {
    const cache = await openCache();
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1200, quota: 5000 }) } });
    expect(await cache.estimate()).toEqual({ usage: 1200, quota: 5000 });
    vi.stubGlobal('navigator', {});
    expect(await cache.estimate()).toBeNull();
    vi.unstubAllGlobals();
  });
});

describe('embedWithCache', () => {
  it('embeds only new and changed texts, and nothing on a second run', async () => {
    const cache = await openCache();
    const { embed, calls } = fakeEmbedder();
    const texts = ['ann: python', 'bob: sql', 'cat: go', 'dan: rust', 'eve: java'];

    const first = await embedWithCache(cache, KEY, texts, embed);
    expect(await first.saved).toBe(true);
    expect(calls).toEqual([texts]);
    expect(first).toMatchObject({ fromCache: 0, embedded: 5 });
    expect(rows(first.matrix)).toEqual(rows(matrixOf(texts)));

    const second = await embedWithCache(cache, KEY, texts, embed);
    expect(calls).toHaveLength(1); // embedMissing was not called at all
    expect(second).toMatchObject({ fromCache: 5, embedded: 0 });
    expect(rows(second.matrix)).toEqual(rows(first.matrix));

    // bob edited, a new profile, and the order shuffled
    const third = ['eve: java', 'new: kotlin', 'ann: python', 'bob: sql, dbt', 'cat: go', 'dan: rust'];
    const out = await embedWithCache(cache, KEY, third, embed);
    expect(calls[1]).toEqual(['new: kotlin', 'bob: sql, dbt']);
    expect(out).toMatchObject({ fromCache: 4, embedded: 2 });
    expect(out.matrix.dim).toBe(DIM);
    expect(rows(out.matrix)).toEqual(rows(matrixOf(third)));
  });

  it('embeds a repeated text once and copies it to every position', async () => {
    const cache = await openCache();
    const { embed, calls } = fakeEmbedder();
    const texts = ['same', 'other', 'same'];
    const out = await embedWithCache(cache, KEY, texts, embed);
    expect(calls).toEqual([['same', 'other']]);
    expect(out).toMatchObject({ fromCache: 0, embedded: 2, duplicates: 1 });
    expect(rows(out.matrix)).toEqual(rows(matrixOf(texts)));
  });

  it('counts repeats as duplicates, not as cache hits, and tells the embedder before it runs', async () => {
    const cache = await openCache();
    await embedWithCache(cache, KEY, ['cached'], fakeEmbedder().embed);
    const hits: unknown[] = [];
    const { embed } = fakeEmbedder();
    const texts = ['cached', 'new', 'new', 'cached', 'new', 'other'];
    const out = await embedWithCache(cache, KEY, texts, (missing, h) => {
      hits.push(h);
      return embed(missing);
    });
    // 'cached' twice from the cache; 'new' embedded once and repeated twice; 'other' embedded
    expect(out).toMatchObject({ fromCache: 2, embedded: 2, duplicates: 2 });
    expect(hits).toEqual([{ fromCache: 2, duplicates: 2 }]);
  });

  it('handles no texts without calling the model', async () => {
    const cache = await openCache();
    const { embed, calls } = fakeEmbedder();
    const out = await embedWithCache(cache, KEY, [], embed);
    expect(calls).toEqual([]);
    expect(out.matrix).toEqual({ vectors: new Float32Array(0), dim: DIM });
  });

  it('refuses a model result with the wrong row count or dims, and saves nothing', async () => {
    const cache = await openCache();
    await expect(embedWithCache(cache, KEY, ['a', 'b'], async () => matrixOf(['a']))).rejects.toThrow(/1 vectors for 2 texts/);
    await expect(embedWithCache(cache, KEY, ['a'], async () => matrixOf(['a'], 8))).rejects.toThrow(/8-dimensional.*says 4/);
    expect(await cache.summary()).toEqual([]);
  });

  it('propagates an embedding error', async () => {
    const cache = await openCache();
    await expect(
      embedWithCache(cache, KEY, ['a'], async () => {
        throw new Error('worker died');
      }),
    ).rejects.toThrow('worker died');
  });
});

describe('when storage fails', () => {
  it.each([1000, 1])('a quota error (batches of %i) switches writes off with a reason, and embedding still returns the right vectors', async (batchSize) => {
    const statuses: EmbeddingCacheStatus[] = [];
    const cache = await openCache({ batchSize, onStatusChange: (s) => statuses.push(s) });
    const { embed, calls } = fakeEmbedder();
    await (await embedWithCache(cache, KEY, ['kept'], embed)).saved;

    const restoreStorage = failStoreWritesWithQuota();
    const texts = ['kept', 'new 1', 'new 2'];
    const out = await embedWithCache(cache, KEY, texts, embed);
    expect(rows(out.matrix)).toEqual(rows(matrixOf(texts)));
    expect(out).toMatchObject({ fromCache: 1, embedded: 2 });
    expect(await out.saved).toBe(false);
    expect(cache.disabled).toBe(true);
    expect(cache.disabledReason).toMatch(/^The browser ran out of storage space for cached embeddings;/);
    expect(cache.status).toMatchObject({ state: 'disabled', cause: 'quota' });
    expect(statuses).toHaveLength(1);

    // nothing of the failed batch was saved, the earlier vector still reads, and no more writes are tried
    restoreStorage();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    expect((await cache.getMany(KEY, texts.map(hashText))).missing).toEqual([1, 2]);
    const again = await embedWithCache(cache, KEY, texts, embed);
    expect(await again.saved).toBe(false);
    expect(put).not.toHaveBeenCalled();
    expect(calls.map((c) => c.length)).toEqual([1, 2, 2]);

    // freeing space turns saving back on
    put.mockRestore();
    expect(await cache.clear(KEY)).toBe(true);
    expect(cache.status).toEqual({ state: 'ready' });
    expect(statuses.map((s) => s.state)).toEqual(['disabled', 'ready']);
    expect(await (await embedWithCache(cache, KEY, texts, embed)).saved).toBe(true);
  });

  it('a put that throws QuotaExceededError at once also disables writes, and saves none of the batch', async () => {
    const cache = await openCache({ batchSize: 2 }); // the throw comes in the second batch
    const put = IDBObjectStore.prototype.put;
    let n = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (++n === 3) throw new DOMException('full', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const texts = ['a', 'b', 'c', 'd'];
    expect(await cache.putMany(KEY, texts, matrixOf(texts))).toBe(false);
    expect(cache.status).toMatchObject({ state: 'disabled', cause: 'quota' });
    vi.restoreAllMocks();
    expect((await cache.getMany(KEY, texts)).missing).toEqual([0, 1, 2, 3]);
  });

  it('another write error disables writes with its own reason', async () => {
    const cache = await openCache();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('disk is read-only', 'InvalidStateError');
    });
    const { embed } = fakeEmbedder();
    const out = await embedWithCache(cache, KEY, ['a', 'b'], embed);
    expect(rows(out.matrix)).toEqual(rows(matrixOf(['a', 'b'])));
    expect(await out.saved).toBe(false);
    expect(cache.status).toMatchObject({ state: 'disabled', cause: 'write-failed' });
    expect(cache.disabledReason).toMatch(/InvalidStateError: disk is read-only/);
  });

  it('a failed read reports every text missing, and embedding goes ahead', async () => {
    const cache = await openCache();
    const texts = ['a', 'b'];
    await cache.putMany(KEY, texts.map(hashText), matrixOf(texts));
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(() => {
      throw new DOMException('gone', 'UnknownError');
    });
    expect(await cache.getMany(KEY, texts.map(hashText))).toEqual({ found: new Map(), missing: [0, 1] });
    const { embed, calls } = fakeEmbedder();
    const out = await embedWithCache(cache, KEY, texts, embed);
    expect(calls).toEqual([texts]);
    expect(rows(out.matrix)).toEqual(rows(matrixOf(texts)));
    expect(cache.status).toEqual({ state: 'ready' });
  });

  it('recognises quota errors by name, legacy name and legacy code', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('Not enough disk space', 'UnknownError'))).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('storage failures are reported, not hidden', () => {
  it('summary rejects with the reason when the read fails, instead of claiming nothing is cached', async () => {
    const cache = await openCache();
    await cache.putMany(KEY, ['a'], matrixOf(['a']));
    vi.spyOn(IDBObjectStore.prototype, 'openCursor').mockImplementation(() => {
      throw new DOMException('disk I/O failed', 'UnknownError');
    });
    await expect(cache.summary()).rejects.toThrow('The cached embeddings could not be read (UnknownError: disk I/O failed).');
  });

  it('clear rejects with the reason when the browser refuses', async () => {
    const cache = await openCache();
    await cache.putMany(KEY, ['a'], matrixOf(['a']));
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(() => {
      throw new DOMException('the database is read-only', 'ReadOnlyError');
    });
    await expect(cache.clear(KEY)).rejects.toThrow('The cached embeddings could not be deleted (ReadOnlyError: the database is read-only).');
    expect((await cache.getMany(KEY, ['a'])).found.size).toBe(1);
  });
});

describe('without IndexedDB', () => {
  async function expectNoOp(cache: EmbeddingCache, reason: RegExp) {
    expect(cache.status.state).toBe('unavailable');
    expect(cache.disabled).toBe(true);
    expect(cache.disabledReason).toMatch(reason);
    expect(await cache.getMany(KEY, ['a', 'b'])).toEqual({ found: new Map(), missing: [0, 1] });
    expect(await cache.putMany(KEY, ['a'], matrixOf(['a']))).toBe(false);
    expect(await cache.summary()).toEqual([]);
    expect(await cache.clear()).toBe(false);
    const { embed, calls } = fakeEmbedder();
    for (let run = 0; run < 2; run++) {
      const out = await embedWithCache(cache, KEY, ['a', 'b'], embed);
      expect(rows(out.matrix)).toEqual(rows(matrixOf(['a', 'b'])));
    }
    expect(calls).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  }

  it('gives a cache that holds nothing when there is no factory', async () => {
    await expectNoOp(await EmbeddingCache.open('x', { indexedDB: null }), /does not offer IndexedDB/);
  });

  it('gives a cache that holds nothing when opening throws (a private window)', async () => {
    const factory = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    await expectNoOp(await EmbeddingCache.open('x', { indexedDB: factory }), /could not be opened \(SecurityError/);
  });

  it('gives a cache that holds nothing when the open request fails', async () => {
    const factory = new IDBFactory();
    const newer = await new Promise<IDBDatabase>((resolve) => {
      const r = factory.open('versioned', 99);
      r.onsuccess = () => resolve(r.result);
    });
    newer.close();
    await expectNoOp(await EmbeddingCache.open('versioned', { indexedDB: factory }), /could not be opened \(VersionError/);
  });

  it('gives up on an open that never finishes', async () => {
    const factory = { open: () => new IDBOpenDBRequest() } as unknown as IDBFactory;
    const started = Date.now();
    await expectNoOp(await EmbeddingCache.open('x', { indexedDB: factory, openTimeoutMs: 50 }), /took too long/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('steps aside when another tab upgrades the database', async () => {
    const factory = new IDBFactory();
    const statuses: EmbeddingCacheStatus[] = [];
    const cache = await EmbeddingCache.open('shared', { indexedDB: factory, onStatusChange: (s) => statuses.push(s) });
    await cache.putMany(KEY, ['a'], matrixOf(['a']));
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open('shared', 2);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.onblocked = () => reject(new Error('blocked'));
    });
    upgraded.close();
    expect(statuses).toEqual([expect.objectContaining({ state: 'disabled', cause: 'closed', reason: expect.stringMatching(/Another tab/) })]);
    expect((await cache.getMany(KEY, ['a'])).missing).toEqual([0]);
  });
});
