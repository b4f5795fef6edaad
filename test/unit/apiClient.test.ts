import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  buildEmbeddingsRequest,
  embedTexts,
  parseEmbeddingsReply,
  planBatches,
  postJsonWithRetry,
  retryDelayMs,
  type CallDeps,
  type EndpointConfig,
} from '../../src/api/openaiClient';
import { costUsd, formatUsd, priceFor } from '../../src/api/cost';
import { apiCacheKey, apiModelEntry, parseApiModelId } from '../../src/api/models';
import { checkBaseUrl, isLocalUrl } from '../../src/api/presets';
import { cacheKeyFor } from '../../src/store/modelActions';
import { startStandInOpenAI, type StandInOpenAI } from '../helpers/standInOpenAI';

const noSleep = { waits: [] as number[] };
const deps = (extra: Partial<CallDeps> = {}): CallDeps => ({
  fetch: (url, init) => fetch(url, init),
  sleep: async (ms) => void noSleep.waits.push(ms),
  retry: { retries: 3, baseMs: 100, maxMs: 10_000, timeoutMs: 2000 },
  ...extra,
});

describe('planBatches', () => {
  it('cuts at the input count', () => {
    expect(planBatches(['a', 'b', 'c', 'd', 'e'], { maxInputs: 2, maxTokens: 1000 })).toEqual([[0, 2], [2, 4], [4, 5]]);
  });
  it('cuts at the estimated token sum, and a long text goes alone', () => {
    const texts = ['x'.repeat(40), 'x'.repeat(40), 'x'.repeat(400), 'x'.repeat(4)]; // 10, 10, 100, 1 tokens
    expect(planBatches(texts, { maxInputs: 100, maxTokens: 25 })).toEqual([[0, 2], [2, 3], [3, 4]]);
  });
  it('never exceeds OpenAI\'s 2048 inputs per request, whatever it is asked', () => {
    const texts = Array.from({ length: 5000 }, () => 'a');
    const batches = planBatches(texts, { maxInputs: 10_000, maxTokens: 1e9 });
    expect(batches.map(([s, e]) => e - s)).toEqual([2048, 2048, 904]);
  });
  it('plans nothing for no texts', () => {
    expect(planBatches([])).toEqual([]);
  });
});

describe('retryDelayMs', () => {
  const policy = { baseMs: 1000, maxMs: 30_000 };
  it('doubles without Retry-After', () => {
    expect([0, 1, 2, 3].map((a) => retryDelayMs(a, null, policy))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('honours Retry-After in seconds and as a date, capped', () => {
    expect(retryDelayMs(0, '7', policy)).toBe(7000);
    expect(retryDelayMs(0, new Date(10_000 + 12_000).toUTCString(), policy, 10_000)).toBe(12_000);
    expect(retryDelayMs(0, '3600', policy)).toBe(30_000);
  });
});

describe('request and reply', () => {
  const config: EndpointConfig = { baseUrl: 'https://api.example/v1', apiKey: 'sk-x', model: 'm', dimensions: 256 };
  it('builds the OpenAI request with the key and dimensions', () => {
    const { url, init } = buildEmbeddingsRequest(config, ['a', 'b']);
    expect(url).toBe('https://api.example/v1/embeddings');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer sk-x');
    expect(JSON.parse(init.body as string)).toEqual({ model: 'm', input: ['a', 'b'], encoding_format: 'float', dimensions: 256 });
    const noKey = buildEmbeddingsRequest({ ...config, apiKey: '', dimensions: null }, ['a']);
    expect((noKey.init.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(JSON.parse(noKey.init.body as string).dimensions).toBeUndefined();
  });
  it('orders rows by index, normalises them and reads usage', () => {
    const r = parseEmbeddingsReply({ data: [{ index: 1, embedding: [0, 2] }, { index: 0, embedding: [3, 4] }], usage: { prompt_tokens: 9 } }, 2);
    expect(Array.from(r.vectors)).toEqual([0.6, 0.8, 0, 1].map((x) => Math.fround(x)));
    expect(r.billedTokens).toBe(9);
  });
  it('refuses a reply with the wrong number of vectors, bad numbers or no data', () => {
    expect(() => parseEmbeddingsReply({ data: [{ embedding: [1] }] }, 2)).toThrow(/1 vectors for 2 texts/);
    expect(() => parseEmbeddingsReply({ data: [{ embedding: 'AAAA' }] }, 1)).toThrow(/not a list of numbers/);
    expect(() => parseEmbeddingsReply({ object: 'error' }, 1)).toThrow(/"data"/);
    expect(() => parseEmbeddingsReply({ data: [{ embedding: [1, 2] }] }, 1, 3)).toThrow(/2-dimensional/);
  });
});

describe('against the stand-in server', () => {
  let server: StandInOpenAI;
  beforeAll(async () => {
    server = await startStandInOpenAI({ key: 'sk-test', slowMs: 4000 });
  });
  afterAll(() => server.close());
  const cfg = (): EndpointConfig => ({ baseUrl: server.baseUrl, apiKey: 'sk-test', model: 'stand-in-embed', dimensions: null });

  it('embeds in batches, keeps the order and counts billed tokens', async () => {
    const before = server.requests.length;
    const texts = ['java developer', 'registered nurse on a ward', 'java kafka developer'];
    const batches: number[][] = [];
    const out = await embedTexts(deps(), cfg(), texts, { limits: { maxInputs: 2, maxTokens: 1000 }, onBatch: (b) => void batches.push(b.range) });
    expect(batches).toEqual([[0, 2], [2, 3]]);
    expect(server.requests.length - before).toBe(2);
    expect(out.dim).toBe(64);
    expect(out.billedTokens).toBe(2 + 5 + 3);
    const dot = (i: number, j: number) => out.vectors.slice(i * 64, i * 64 + 64).reduce((s, x, k) => s + x * out.vectors[j * 64 + k], 0);
    expect(dot(0, 2)).toBeGreaterThan(dot(0, 1));
  });

  it('sends the dimensions option', async () => {
    const out = await embedTexts(deps(), { ...cfg(), dimensions: 16 }, ['a b'], {});
    expect(out.dim).toBe(16);
    expect(server.requests.at(-1)?.dimensions).toBe(16);
  });

  it('says the key is wrong on 401, without retrying', async () => {
    const before = server.requests.length;
    await expect(embedTexts(deps(), { ...cfg(), apiKey: 'sk-wrong' }, ['a'])).rejects.toThrow(/refused the key \(401/);
    expect(server.requests.length - before).toBe(1);
  });

  it('retries a 429 after the Retry-After it gives, then a 500 with backoff, then succeeds', async () => {
    noSleep.waits = [];
    const retries: Array<number | null> = [];
    server.failNext({ status: 429, retryAfter: '3' }, { status: 500 });
    const out = await embedTexts(deps({ onRetry: (r) => void retries.push(r.status) }), cfg(), ['a b c']);
    expect(out.dim).toBe(64);
    expect(retries).toEqual([429, 500]);
    expect(noSleep.waits).toEqual([3000, 200]);
  });

  it('gives up after the retries with a clear message', async () => {
    server.failNext({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    await expect(embedTexts(deps(), cfg(), ['a'])).rejects.toThrow(/server error \(500\) after several retries/);
  });

  it('says when a reply is not JSON, or has the wrong number of vectors', async () => {
    server.failNext('malformed');
    await expect(embedTexts(deps(), cfg(), ['a'])).rejects.toThrow(/not JSON/);
    server.failNext('wrong-count');
    await expect(embedTexts(deps(), cfg(), ['a', 'b'])).rejects.toThrow(/1 vectors for 2 texts/);
  });

  it('times out a slow reply and retries it', async () => {
    server.failNext('slow');
    const d = deps({ retry: { retries: 1, baseMs: 1, maxMs: 1, timeoutMs: 300 } });
    const out = await embedTexts(d, cfg(), ['a']);
    expect(out.dim).toBe(64);
    server.failNext('slow', 'slow');
    await expect(embedTexts(d, cfg(), ['a'])).rejects.toThrow(/did not answer within/);
  });

  it('keeps the batches done before a failure, and stops at once when cancelled', async () => {
    const kept: number[][] = [];
    server.failNext('malformed');
    // the first batch fails: nothing kept; then a run where the second batch fails
    await expect(embedTexts(deps(), cfg(), ['a', 'b'], { limits: { maxInputs: 1, maxTokens: 100 }, onBatch: (b) => void kept.push(b.range) })).rejects.toThrow();
    expect(kept).toEqual([]);
    const controller = new AbortController();
    const run = embedTexts(deps(), cfg(), ['a', 'b', 'c'], {
      limits: { maxInputs: 1, maxTokens: 100 },
      signal: controller.signal,
      onBatch: (b) => {
        kept.push(b.range);
        controller.abort(new Error('Cancelled by you.'));
      },
    });
    await expect(run).rejects.toThrow('Cancelled by you.');
    expect(kept).toEqual([[0, 1]]);
  });

  it('explains an unreachable server', async () => {
    await expect(postJsonWithRetry(deps({ retry: { retries: 0, baseMs: 1, maxMs: 1, timeoutMs: 1000 } }), 'http://127.0.0.1:9/v1/embeddings', { method: 'POST' }, { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('cost', () => {
  it('prices OpenAI models from the dated list, local servers at 0, others unknown', () => {
    expect(priceFor({ provider: 'openai', model: 'text-embedding-3-small' })?.usdPer1M).toBe(0.02);
    expect(costUsd(1_000_000, { provider: 'openai', model: 'text-embedding-3-large' }, 'https://api.openai.com/v1')).toBeCloseTo(0.13);
    expect(costUsd(5000, { provider: 'ollama', model: 'nomic-embed-text' }, 'http://localhost:11434/v1')).toBe(0);
    expect(costUsd(5000, { provider: 'custom', model: 'x' }, 'https://proxy.example/v1')).toBeNull();
    expect(costUsd(null, { provider: 'openai', model: 'text-embedding-3-small' }, 'https://api.openai.com/v1')).toBeNull();
    expect(formatUsd(null)).toBe('–');
    expect(formatUsd(0.000612)).toBe('$0.00061');
  });
});

describe('API model ids and endpoints', () => {
  it('parses provider:model@dims and refuses unknown providers', () => {
    expect(parseApiModelId('openai:text-embedding-3-large@256')).toEqual({ provider: 'openai', model: 'text-embedding-3-large', dimensions: 256 });
    expect(parseApiModelId('evil:model')).toBeNull();
    expect(parseApiModelId('Xenova/all-MiniLM-L6-v2')).toBeNull();
    expect(apiModelEntry('openai:text-embedding-3-small')?.dims).toBe(1536);
    expect(apiModelEntry('openai:text-embedding-3-large@256')?.dims).toBe(256);
  });
  it('saves partial batches under the key the store reads', () => {
    for (const id of ['openai:text-embedding-3-small', 'ollama:nomic-embed-text', 'custom:stand-in-embed']) {
      const entry = apiModelEntry(id)!;
      expect(apiCacheKey(id)).toBe(cacheKeyFor(entry, 'fp32', 'wasm', ''));
    }
  });
  it('accepts https anywhere and http only on this machine', () => {
    expect(checkBaseUrl('https://api.openai.com/v1/')).toEqual({ url: 'https://api.openai.com/v1' });
    expect(checkBaseUrl('http://localhost:11434/v1')).toEqual({ url: 'http://localhost:11434/v1' });
    expect(checkBaseUrl('http://example.com/v1')).toHaveProperty('error');
    expect(checkBaseUrl('https://user:pw@example.com/v1')).toHaveProperty('error');
    expect(checkBaseUrl('javascript:alert(1)')).toHaveProperty('error');
    expect(isLocalUrl('http://127.0.0.1:5191/v1')).toBe(true);
    expect(isLocalUrl('https://api.openai.com/v1')).toBe(false);
  });
});

