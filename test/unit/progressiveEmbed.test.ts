import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { EmbeddingCache, embedWithCache } from '../../src/embedding/embeddingCache';
import { embedInChunks, RunSuperseded, type ChunkProgress } from '../../src/embedding/progressiveEmbed';
import type { EmbeddingMatrix } from '../../src/core/vectors';
import { hashEmbed } from '../helpers/fakeWorker';

const KEY = 'test/model@w1|fp32|wasm|16';
const texts = Array.from({ length: 40 }, (_, i) => `profile ${i % 35} text words ${i % 7} and ${i % 35}`); // 5 repeats

function embedder() {
  const calls: string[][] = [];
  const fn = async (chunk: string[]): Promise<EmbeddingMatrix> => {
    calls.push(chunk);
    const vectors = new Float32Array(chunk.length * 16);
    chunk.forEach((t, i) => vectors.set(hashEmbed(t, 16), i * 16));
    return { vectors, dim: 16 };
  };
  return { calls, fn };
}

const openCache = () => EmbeddingCache.open('progressive-test', { indexedDB: new IDBFactory() });

describe('embedInChunks', () => {
  it('gives the same matrix as one call through the cache, a chunk at a time, each saved as it arrives', async () => {
    const cache = await openCache();
    const { calls, fn } = embedder();
    const saves: number[] = [];
    const counting = { getMany: cache.getMany.bind(cache), putMany: (...a: Parameters<EmbeddingCache['putMany']>) => (saves.push(a[3]?.length ?? 0), cache.putMany(...a)) };
    const reports: Omit<ChunkProgress, 'snapshot'>[] = [];
    const out = await embedInChunks(counting, KEY, texts, fn, { chunkSize: () => 8, onProgress: ({ snapshot: _s, ...p }) => reports.push(p) });
    const one = await embedWithCache(await EmbeddingCache.open('one-call', { indexedDB: new IDBFactory() }), KEY, texts, async (missing) => embedder().fn(missing));
    expect(Array.from(out.matrix.vectors)).toEqual(Array.from(one.matrix.vectors));
    expect({ fromCache: out.fromCache, embedded: out.embedded, duplicates: out.duplicates }).toEqual({ fromCache: 0, embedded: 35, duplicates: 5 });
    // 35 distinct texts in chunks of 8; every chunk saved on its own
    expect(calls.map((c) => c.length)).toEqual([8, 8, 8, 8, 3]);
    expect(saves).toEqual([8, 8, 8, 8, 3]);
    await out.saved;
    // one report after the cache read, one per chunk; done counts duplicates as they are filled
    expect(reports.map((r) => r.done)).toEqual([0, ...reports.slice(1).map((r) => r.done)]);
    expect(reports.at(-1)).toMatchObject({ done: 40, total: 40, computed: 35, duplicates: 5 });
    expect(reports.map((r) => r.done)).toEqual([...reports.map((r) => r.done)].sort((a, b) => a - b));
  });

  it('embeds in a seeded random order, so the first chunks are a fair sample of a sorted file', async () => {
    const sorted = Array.from({ length: 64 }, (_, i) => `role ${Math.floor(i / 16)} profile ${i}`);
    const { calls, fn } = embedder();
    await embedInChunks(await openCache(), KEY, sorted, fn, { chunkSize: () => 16 });
    const roles = new Set(calls[0].map((t) => t.split(' ')[1]));
    expect(roles.size).toBeGreaterThan(1);
    const again = embedder();
    await embedInChunks(await openCache(), KEY, sorted, again.fn, { chunkSize: () => 16 });
    expect(again.calls).toEqual(calls);
  });

  it('snapshots hold the rows embedded so far and flag them; the rest are zero', async () => {
    let snap: ReturnType<ChunkProgress['snapshot']> | null = null;
    const { fn } = embedder();
    let seen = 0;
    await embedInChunks(await openCache(), KEY, texts, fn, {
      chunkSize: () => 8,
      onProgress: (p) => {
        if (++seen === 2) snap = p.snapshot();
      },
    });
    const { matrix, has } = snap!;
    const flagged = [...has].filter(Boolean).length;
    expect(flagged).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < texts.length; i++) {
      const rowValues = Array.from(matrix.vectors.subarray(i * 16, (i + 1) * 16));
      expect(rowValues).toEqual(has[i] ? Array.from(hashEmbed(texts[i], 16)) : new Array(16).fill(0));
    }
  });

  it('a run stopped part way keeps its chunks; the next run embeds only the rest', async () => {
    const cache = await openCache();
    const first = embedder();
    let chunks = 0;
    await expect(embedInChunks(cache, KEY, texts, first.fn, { chunkSize: () => 8, isCurrent: () => ++chunks < 2 })).rejects.toBeInstanceOf(RunSuperseded);
    expect(first.calls.length).toBe(2);
    const embeddedBefore = new Set(first.calls.flat());
    const second = embedder();
    let initial: number | null = null;
    const out = await embedInChunks(cache, KEY, texts, second.fn, { chunkSize: () => 8, onProgress: (p) => (initial ??= p.done) });
    // nothing embedded before is embedded again, and the cache answers for it (duplicates included) at once
    expect(second.calls.flat().filter((t) => embeddedBefore.has(t))).toEqual([]);
    expect(second.calls.flat().length).toBe(35 - 16);
    expect(initial).toBe(texts.filter((t) => embeddedBefore.has(t)).length);
    const fresh = await embedWithCache(await EmbeddingCache.open('fresh', { indexedDB: new IDBFactory() }), KEY, texts, async (m) => embedder().fn(m));
    expect(Array.from(out.matrix.vectors)).toEqual(Array.from(fresh.matrix.vectors));
  });

  it('a chunk the model answers with the wrong number of vectors fails the run', async () => {
    await expect(embedInChunks(await openCache(), KEY, texts, async () => ({ vectors: new Float32Array(16), dim: 16 }), { chunkSize: () => 8 })).rejects.toThrow(/1 vectors for 8 texts/);
  });
});
