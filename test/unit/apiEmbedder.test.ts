import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEmbedder, RoutedEmbeddingClient, type ApiEmbedderDeps, type ConsentRequest, type EmbeddingBackend } from '../../src/api/apiEmbedder';
import { apiCacheKey } from '../../src/api/models';
import { hashText } from '../../src/core/textHash';
import { EmbeddingCache, embedWithCache } from '../../src/embedding/embeddingCache';
import type { LoadSpec } from '../../src/embedding/protocol';
import { startStandInOpenAI, type StandInOpenAI } from '../helpers/standInOpenAI';

const MODEL = 'custom:stand-in-embed';
const spec = (modelId = MODEL) => ({ modelId, maxTokens: 8192 }) as LoadSpec;
let server: StandInOpenAI;

beforeAll(async () => {
  server = await startStandInOpenAI();
});
afterAll(() => server.close());

async function setup(overrides: Partial<ApiEmbedderDeps> = {}) {
  const cache = await EmbeddingCache.open('api-test', { indexedDB: new IDBFactory() });
  const asked: ConsentRequest[] = [];
  const consented = new Set<string>();
  const deps: ApiEmbedderDeps = {
    fetch: (url, init) => fetch(url, init),
    sleep: async () => undefined,
    retry: { retries: 0, baseMs: 1, maxMs: 1, timeoutMs: 2000 },
    limits: { maxInputs: 2, maxTokens: 10_000 },
    endpointFor: (ref) => (ref.provider === 'custom' ? { baseUrl: server.baseUrl, apiKey: '' } : null),
    hasConsent: (u) => consented.has(u),
    consent: async (r) => {
      asked.push(r);
      consented.add(r.baseUrl);
      return true;
    },
    openCache: async () => cache,
    ...overrides,
  };
  return { embedder: new ApiEmbedder(deps), cache, asked };
}

const texts = ['java developer', 'nurse on a ward', 'accountant month end', 'product manager roadmap', 'data engineer kafka'];

describe('ApiEmbedder', () => {
  it('sends nothing for a provider nobody set up, nor without consent', async () => {
    const before = server.requests.length;
    const { embedder } = await setup({ consent: async () => false });
    await expect(embedder.load(spec('openai:text-embedding-3-small'))).rejects.toThrow(/No OpenAI endpoint is set up/);
    await expect(embedder.embed(spec('openai:text-embedding-3-small'), ['a'])).rejects.toThrow(/nothing was sent/i);
    await expect(embedder.embed(spec(), ['a'])).rejects.toThrow(/did not allow/);
    expect(server.requests.length).toBe(before);
  });

  it('asks once per endpoint with the count, tokens and price, then embeds in batches', async () => {
    const { embedder, asked } = await setup();
    const progress: number[] = [];
    const out = await embedder.embed(spec(), texts, 'mean', (p) => progress.push(p.done));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ texts: 5, local: true, usd: 0, baseUrl: server.baseUrl });
    expect(asked[0].tokens).toBeGreaterThan(0);
    expect(progress).toEqual([2, 4, 5]);
    expect(out.vectors.length).toBe(5 * out.dim);
    await embedder.embed(spec(), ['one more']);
    expect(asked).toHaveLength(1);
  });

  it('keeps the batches done before a failure in the cache, so the next run sends only the rest', async () => {
    const { embedder, cache } = await setup();
    const key = apiCacheKey(MODEL);
    // batch 1 succeeds, batch 2 gets a 500 (no retries here)
    server.failNext('ok', { status: 500 });
    await expect(embedWithCache(cache, key, texts, (missing) => embedder.embed(spec(), missing).then((r) => ({ vectors: r.vectors, dim: r.dim })))).rejects.toThrow(
      /2 of 5 texts embedded before that are saved/,
    );
    const { found } = await cache.getMany(key, texts.map(hashText));
    expect([...found.keys()].sort()).toEqual([0, 1]);
    const before = server.requests.length;
    const again = await embedWithCache(cache, key, texts, (missing) => embedder.embed(spec(), missing).then((r) => ({ vectors: r.vectors, dim: r.dim })));
    expect(again.fromCache).toBe(2);
    expect(again.embedded).toBe(3);
    expect(server.requests.slice(before).reduce((n, r) => n + r.inputs, 0)).toBe(3);
  });

  it('a cancel closes an open consent question and sends nothing', async () => {
    let withdrawn = 0;
    const { embedder } = await setup({ consent: () => new Promise(() => undefined), withdrawConsent: () => void withdrawn++ });
    const before = server.requests.length;
    const run = embedder.embed(spec(), ['a']);
    await Promise.resolve();
    embedder.terminate('Cancelled by you.');
    await expect(run).rejects.toThrow('Cancelled by you.');
    expect(withdrawn).toBe(1);
    expect(server.requests.length).toBe(before);
  });
});

describe('RoutedEmbeddingClient', () => {
  it('sends provider:model ids to the API backend and the rest to the worker', async () => {
    const calls: string[] = [];
    const fake = (name: string): EmbeddingBackend => ({
      load: async (s) => (calls.push(`${name}:load:${s.modelId}`), { modelId: s.modelId, dtype: 'fp32', device: 'wasm', weights: '', loadMs: 0 }),
      embed: async () => (calls.push(`${name}:embed`), { vectors: new Float32Array(0), dim: 0, truncated: 0, maxTokensApplied: 0, elapsedMs: 0 }),
      agreement: async () => ({ cosines: [] }),
      terminate: () => void calls.push(`${name}:terminate`),
    });
    const routed = new RoutedEmbeddingClient(fake('local'), fake('api'));
    await routed.load(spec('glove-sif-100d'));
    await routed.load(spec('openai:text-embedding-3-small'));
    await routed.embed(spec('evil:thing'), [], 'mean');
    routed.terminate();
    expect(calls).toEqual(['local:load:glove-sif-100d', 'api:load:openai:text-embedding-3-small', 'api:embed', 'local:terminate', 'api:terminate']);
  });
});
