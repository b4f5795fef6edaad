// @vitest-environment node
/**
 * The re-ranking worker's code for real: transformers.js (onnxruntime-node) loading the tiny
 * cross-encoder of scripts/build-test-reranker.ts from the stand-in Hub, pair batching, the
 * order it gives, progress, cancel through the client, and the score cache (fake IndexedDB).
 */
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { env, type ProgressInfo } from '@huggingface/transformers';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRerankerFiles, RERANKER_DIR, RERANKER_FILES, RERANKER_REPO } from '../../scripts/build-test-reranker.ts';
import { loadCrossEncoder, scorePairs, sigmoid, type CrossEncoder } from '../../src/embedding/crossEncoder';
import { EmbeddingCache } from '../../src/embedding/embeddingCache';
import { loadSpecFor } from '../../src/embedding/loadSpec';
import type { LoadSpec } from '../../src/embedding/protocol';
import { RerankClient } from '../../src/embedding/rerankClient';
import type { ScoreProgress } from '../../src/embedding/rerankProtocol';
import { MemoryFirstStore, scoreCacheKey, scoresWithCache } from '../../src/embedding/scoreCache';
import { InProcessRerankWorker, nodeConfigure } from '../helpers/inProcessRerankWorker';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';

const QUERY = 'Registered nurse for the ICU: patient care and medication';
const DOCS = [
  'Senior Python developer, Django and AWS, microservices',
  'ICU nurse with patient care, medication and night shifts',
  'Payroll accountant, ledgers and tax',
  'Nurse and software engineer: clinical python tools for the hospital',
];

let hub: StandInHub;
let cacheDir: string;
const saved = { ...env };

function specFor(dtype: 'fp32' | 'q8', remoteHost = `${hub.url}/`): LoadSpec {
  return loadSpecFor({ id: RERANKER_REPO, source: 'hub' }, { dtype, device: 'wasm', remoteHost, threads: 1 }, 'http://127.0.0.1', '/');
}

async function load(dtype: 'fp32' | 'q8', events?: ProgressInfo[]): Promise<CrossEncoder> {
  const spec = specFor(dtype);
  nodeConfigure(cacheDir)(spec);
  return loadCrossEncoder({ ...spec, device: 'cpu' as never }, (e) => events?.push(e));
}

beforeAll(async () => {
  hub = await startStandInHub();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'rerank-cache-'));
});

afterAll(async () => {
  Object.assign(env, {
    remoteHost: saved.remoteHost,
    allowRemoteModels: saved.allowRemoteModels,
    allowLocalModels: saved.allowLocalModels,
    useBrowserCache: saved.useBrowserCache,
    useFSCache: saved.useFSCache,
    cacheDir: saved.cacheDir,
  });
  await hub?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('the tiny re-ranker fixture', () => {
  it('is exactly what scripts/build-test-reranker.ts builds', () => {
    const expected = buildRerankerFiles();
    const onDisk = readdirSync(RERANKER_DIR, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(RERANKER_DIR, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
      .sort();
    expect(onDisk).toEqual(Object.keys(expected).sort());
    for (const [file, data] of Object.entries(expected)) {
      expect(readFileSync(path.join(RERANKER_DIR, file)).equals(Buffer.from(data)), `${file} is stale: run npx tsx scripts/build-test-reranker.ts`).toBe(true);
    }
  });
});

describe('cross-encoder through transformers.js', () => {
  it('downloads the dtype’s ONNX file with progress and scores pairs as sigmoid(logit)', async () => {
    hub.requests.length = 0;
    const events: ProgressInfo[] = [];
    const encoder = await load('q8', events);
    const paths = hub.requests.filter((r) => r.status === 200).map((r) => r.path);
    expect(paths).toContain(`/${RERANKER_REPO}/resolve/main/${RERANKER_FILES.q8}`);
    expect(paths).not.toContain(`/${RERANKER_REPO}/resolve/main/${RERANKER_FILES.fp32}`);
    const fileEvents = events.filter((e) => 'file' in e && e.file === RERANKER_FILES.q8).map((e) => e.status);
    expect(fileEvents).toEqual(expect.arrayContaining(['initiate', 'progress', 'done']));

    const scores = await scorePairs(encoder, QUERY, DOCS, 128, { maxTexts: 8, maxTokens: 8192 });
    // logit = 8·(query topics · document topics) − 2: the Python developer and the accountant share no topic with the query
    expect(scores[0]).toBeCloseTo(sigmoid(-2), 5);
    expect(scores[2]).toBeCloseTo(sigmoid(-2), 5);
    expect(scores[1]).toBeGreaterThan(scores[3]);
    expect(scores[3]).toBeGreaterThan(scores[0]);
    for (const s of scores) expect(s > 0 && s < 1).toBe(true);
    await encoder.model.dispose();
  });

  it('gives the same scores in batches of 1, 2 or all, in document order, with a progress call per batch', async () => {
    const encoder = await load('fp32');
    const all = await scorePairs(encoder, QUERY, DOCS, 128, { maxTexts: 8, maxTokens: 8192 });
    const progress: number[] = [];
    const pairs = await scorePairs(encoder, QUERY, DOCS, 128, { maxTexts: 2, maxTokens: 8192 }, (done) => progress.push(done));
    expect(progress).toEqual([2, 4]);
    const single = await scorePairs(encoder, QUERY, DOCS, 128, { maxTexts: 1, maxTokens: 8192 });
    for (let i = 0; i < DOCS.length; i++) {
      expect(pairs[i]).toBeCloseTo(all[i], 6);
      expect(single[i]).toBeCloseTo(all[i], 6);
    }
    await encoder.model.dispose();
  });

  it('truncates a long pair to the length asked for instead of failing', async () => {
    const encoder = await load('fp32');
    const long = Array.from({ length: 400 }, () => 'nurse patient').join(' ');
    const [score] = await scorePairs(encoder, QUERY, [long], 64, { maxTexts: 8, maxTokens: 8192 });
    expect(score).toBeGreaterThan(sigmoid(0));
    await encoder.model.dispose();
  });
});

describe('the re-ranking client with the real handlers in-process', () => {
  it('loads, scores with progress, and cancels at once (the next call starts afresh)', async () => {
    const workers: InProcessRerankWorker[] = [];
    const client = new RerankClient(() => {
      const w = new InProcessRerankWorker(cacheDir);
      workers.push(w);
      return w;
    });
    const progress: ScoreProgress[] = [];
    const out = await client.score(specFor('fp32'), QUERY, DOCS, 128, (p) => progress.push(p), { maxTexts: 2, maxTokens: 8192 });
    expect(Array.from(out.scores).map((s) => Number(s.toFixed(4)))).toHaveLength(4);
    expect(out.scores[1]).toBeGreaterThan(out.scores[0]);
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [2, 4],
      [4, 4],
    ]);

    // A slow Hub serving a copy under another id (transformers.js shares in-flight downloads
    // by file path, so the abandoned download must not be one a later load waits for).
    const slowRoot = mkdtempSync(path.join(os.tmpdir(), 'rerank-slow-hub-'));
    cpSync(RERANKER_DIR, path.join(slowRoot, 'test-org', 'slow-rerank'), { recursive: true });
    const slowHub = await startStandInHub({ root: slowRoot, chunkSize: 512, chunkDelayMs: 50 });
    const slowCache = mkdtempSync(path.join(os.tmpdir(), 'rerank-slow-'));
    try {
      const slowClient = new RerankClient(() => new InProcessRerankWorker(slowCache));
      const pending = slowClient.load({ ...specFor('q8', `${slowHub.url}/`), modelId: 'test-org/slow-rerank' });
      await new Promise((r) => setTimeout(r, 100));
      slowClient.terminate('Cancelled by you.');
      await expect(pending).rejects.toThrow('Cancelled by you.');

      client.terminate();
      expect(workers[0].terminated).toBe(true);
      const again = await client.score(specFor('fp32'), QUERY, DOCS.slice(0, 1), 128);
      expect(workers).toHaveLength(2);
      expect(again.scores[0]).toBeCloseTo(out.scores[0], 6);
    } finally {
      await slowHub.close();
      rmSync(slowCache, { recursive: true, force: true });
      rmSync(slowRoot, { recursive: true, force: true });
    }
  });

  it('explains a model that does not exist as an error, not a hang', async () => {
    const client = new RerankClient(() => new InProcessRerankWorker(cacheDir));
    const spec = { ...specFor('q8'), modelId: 'test-org/no-such-reranker' };
    await expect(client.load(spec)).rejects.toThrow(/could not locate file/i);
  });
});

describe('score cache', () => {
  it('scores each (re-ranker, job, profile) once: later lookups come from memory or IndexedDB', async () => {
    const cache = await EmbeddingCache.open('rerank-test', { indexedDB: new IDBFactory() });
    const memory = new MemoryFirstStore(cache);
    const encoder = await load('fp32');
    const calls: string[][] = [];
    const score = async (docs: string[]) => {
      calls.push(docs);
      return scorePairs(encoder, QUERY, docs, 128, { maxTexts: 8, maxTokens: 8192 });
    };
    const key = scoreCacheKey(RERANKER_REPO, 'fp32', QUERY);
    const first = await scoresWithCache(memory, key, DOCS.slice(0, 2), score);
    expect(first).toMatchObject({ fromCache: 0, scored: 2 });
    await first.saved;

    const second = await scoresWithCache(memory, key, DOCS, score);
    expect(second).toMatchObject({ fromCache: 2, scored: 2 });
    expect(calls[1]).toEqual(DOCS.slice(2));
    expect(second.scores[1]).toBeCloseTo(first.scores[1], 6);
    await second.saved;

    // a fresh page: empty memory, the same IndexedDB
    const reloaded = await scoresWithCache(new MemoryFirstStore(cache), key, DOCS, score);
    expect(reloaded).toMatchObject({ fromCache: 4, scored: 0 });
    expect(calls).toHaveLength(2);

    // another job description or dtype is another key: scored afresh
    expect(scoreCacheKey(RERANKER_REPO, 'fp32', 'Accountant')).not.toBe(key);
    expect(scoreCacheKey(RERANKER_REPO, 'q8', QUERY)).not.toBe(key);
    const other = await scoresWithCache(memory, scoreCacheKey(RERANKER_REPO, 'fp32', 'Payroll accountant'), DOCS.slice(2, 3), score);
    expect(other.scored).toBe(1);
    await encoder.model.dispose();
  });

  it('answers from memory without touching the store below', async () => {
    let reads = 0;
    const below = {
      getMany: async (_key: string, hashes: readonly string[]) => {
        reads++;
        return { found: new Map<number, Float32Array>(), missing: hashes.map((_, i) => i) };
      },
      putMany: async () => true,
    };
    const memory = new MemoryFirstStore(below, 2);
    await scoresWithCache(memory, 'k|q8|1', ['a', 'b', 'c'], async (docs) => Float32Array.from(docs, (_, i) => i / 10));
    expect(memory.size).toBe(2); // bounded: the oldest was dropped
    reads = 0;
    const again = await scoresWithCache(memory, 'k|q8|1', ['b', 'c'], async () => {
      throw new Error('should not score');
    });
    expect(reads).toBe(0);
    expect(Array.from(again.scores)).toEqual([Math.fround(0.1), Math.fround(0.2)]);
  });
});
