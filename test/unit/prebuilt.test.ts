// The global IDB classes let idb recognise fake-indexeddb's objects; each test opens its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { hashText } from '../../src/core/textHash';
import { decodeVectorFile, encodeVectorFile, type VectorFile } from '../../src/core/vectorFile';
import type { EmbeddingMatrix } from '../../src/core/vectors';
import { cacheModelKey, embedWithCache, EmbeddingCache } from '../../src/embedding/embeddingCache';
import { fetchPrebuilt, indexVectorFile, withPrebuilt } from '../../src/embedding/prebuilt';

const DIM = 3;
const KEY = cacheModelKey({ modelId: 'glove-sif-100d', weights: 'ec5c8ed0', dtype: 'q8', device: 'wasm', dims: DIM });
const TEXTS = ['nurse on a surgical ward', 'product manager, payments', 'site reliability engineer'];

/** What the build would write: row i is [i + 1, i + 1, i + 1] (never what the live embedder below gives). */
function fileFor(texts: readonly string[], modelKey = KEY): VectorFile {
  return { modelKey, dim: DIM, hashes: texts.map(hashText), vectors: Float32Array.from(texts.flatMap((_, i) => [i + 1, i + 1, i + 1])) };
}

/** The "live" model: -1 everywhere, so a row that came from the file is told apart at once. */
function liveEmbedder() {
  const calls: string[][] = [];
  const embed = async (texts: string[]): Promise<EmbeddingMatrix> => {
    calls.push([...texts]);
    return { vectors: new Float32Array(texts.length * DIM).fill(-1), dim: DIM };
  };
  return { embed, calls };
}

const openCache = () => EmbeddingCache.open('prebuilt-test', { indexedDB: new IDBFactory() });
const rows = (m: EmbeddingMatrix) => Array.from({ length: m.vectors.length / m.dim }, (_, i) => Array.from(m.vectors.subarray(i * m.dim, (i + 1) * m.dim)));

describe('vector file', () => {
  it('reads back what it wrote, bit for bit', () => {
    const file = { modelKey: KEY, dim: DIM, hashes: TEXTS.map(hashText), vectors: Float32Array.from([0.1, -0.2, 0.3, 1e-8, -0, 7, Math.PI, -1, 0.5]) };
    const back = decodeVectorFile(encodeVectorFile(file).slice().buffer);
    expect(back.modelKey).toBe(KEY);
    expect(back.hashes).toEqual(file.hashes);
    expect(Array.from(back.vectors)).toEqual(Array.from(file.vectors));
  });

  it('refuses what is not one: an HTML page, a cut download, rows that do not fit', () => {
    expect(() => decodeVectorFile(new TextEncoder().encode('<!doctype html><html></html>').buffer)).toThrow('not a vector file');
    const bytes = encodeVectorFile(fileFor(TEXTS));
    expect(() => decodeVectorFile(bytes.slice(0, bytes.length - 4).buffer)).toThrow('expected 3 rows of 3 values');
    expect(() => encodeVectorFile({ ...fileFor(TEXTS), dim: 2 })).toThrow();
  });
});

describe('prebuilt vectors in front of the embedding cache', () => {
  it('serves every text from the file: no embedding pass, and nothing written to IndexedDB', async () => {
    const cache = await openCache();
    const live = liveEmbedder();
    const layered = withPrebuilt(cache, indexVectorFile(fileFor(TEXTS)));
    const out = await embedWithCache(layered, KEY, TEXTS, live.embed);
    expect(live.calls).toEqual([]);
    expect(layered.served).toBe(3);
    expect(out).toMatchObject({ fromCache: 3, embedded: 0 });
    expect(rows(out.matrix)).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
    ]);
    await out.saved;
    expect((await cache.getMany(KEY, TEXTS.map(hashText))).missing).toEqual([0, 1, 2]);
  });

  it('never uses a row for a text that changed: that text alone is embedded (and cached), the rest come from the file', async () => {
    const cache = await openCache();
    const live = liveEmbedder();
    const edited = [TEXTS[0], `${TEXTS[1]} and growth`, TEXTS[2]];
    const out = await embedWithCache(withPrebuilt(cache, indexVectorFile(fileFor(TEXTS))), KEY, edited, live.embed);
    expect(live.calls).toEqual([[edited[1]]]);
    expect(rows(out.matrix)).toEqual([
      [1, 1, 1],
      [-1, -1, -1],
      [3, 3, 3],
    ]);
    await out.saved;
    const cached = await cache.getMany(KEY, edited.map(hashText));
    expect(cached.missing).toEqual([0, 2]);
    // and next time the edited text comes from IndexedDB, the others from the file
    const again = liveEmbedder();
    const next = await embedWithCache(withPrebuilt(cache, indexVectorFile(fileFor(TEXTS))), KEY, edited, again.embed);
    expect(again.calls).toEqual([]);
    expect(rows(next.matrix)).toEqual(rows(out.matrix));
  });

  it('ignores the whole file for another model key (a new model revision, dtype, device or dims)', async () => {
    const cache = await openCache();
    const live = liveEmbedder();
    const stale = fileFor(TEXTS, cacheModelKey({ modelId: 'glove-sif-100d', weights: '00000000', dtype: 'q8', device: 'wasm', dims: DIM }));
    const layered = withPrebuilt(cache, indexVectorFile(stale));
    const out = await embedWithCache(layered, KEY, TEXTS, live.embed);
    expect(live.calls).toEqual([TEXTS]);
    expect(layered.served).toBe(0);
    expect(rows(out.matrix).flat().every((x) => x === -1)).toBe(true);
  });

  it('fetchPrebuilt: null for a 404, for an HTML page (the dev server) and for a failed fetch; the rows otherwise', async () => {
    const answer = (body: string | ArrayBuffer, status = 200) => vi.fn(async () => new Response(body, { status }));
    await expect(fetchPrebuilt('/x.vec', answer('', 404))).resolves.toBeNull();
    await expect(fetchPrebuilt('/x.vec', answer('<!doctype html>'))).resolves.toBeNull();
    await expect(fetchPrebuilt('/x.vec', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))).resolves.toBeNull();
    const ok = await fetchPrebuilt('/x.vec', answer(encodeVectorFile(fileFor(TEXTS)).slice().buffer));
    expect(ok?.modelKey).toBe(KEY);
    expect(ok?.rowOf.get(hashText(TEXTS[2]))).toBe(2);
  });
});
