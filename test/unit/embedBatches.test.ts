// @vitest-environment node
/**
 * The worker's embedding loop (src/embedding/embedBatches.ts) with real transformers.js
 * pipelines on stand-in Hub models (test/fixtures/hub, scripts/build-test-models.ts):
 * the model's token limit is applied and counted, and a text's prefix reaches the model and
 * survives truncation. See standInHub.test.ts for why the FS cache is on in Node.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine } from '../../src/core/vectors';
import { embedBatches, type EmbedOptions } from '../../src/embedding/embedBatches';
import { weightsIdentity } from '../../src/embedding/weightsIdentity';
import { startStandInHub, type StandInHub } from '../helpers/standInHub.ts';

let hub: StandInHub;
let cacheDir: string;
const saved = { ...env };
let tiny: FeatureExtractionPipeline;
let probe: FeatureExtractionPipeline;

const options = (maxTokens: number, extra: Partial<EmbedOptions> = {}): EmbedOptions => ({ pooling: 'mean', maxTexts: 8, maxBatchTokens: 8192, maxTokens, ...extra });
const rowOf = (m: { vectors: Float32Array; dim: number }, i: number) => m.vectors.subarray(i * m.dim, (i + 1) * m.dim);

beforeAll(async () => {
  hub = await startStandInHub();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'embed-batches-cache-'));
  Object.assign(env, { remoteHost: `${hub.url}/`, allowRemoteModels: true, allowLocalModels: false, useFSCache: true, cacheDir });
  tiny = await pipeline('feature-extraction', 'test-org/tiny-embed', { dtype: 'fp32', device: 'cpu' });
  probe = await pipeline('feature-extraction', 'test-org/prefix-probe', { dtype: 'q8', device: 'cpu' });
});

afterAll(async () => {
  await tiny?.dispose();
  await probe?.dispose();
  const { remoteHost, allowRemoteModels, allowLocalModels, useFSCache } = saved;
  Object.assign(env, { remoteHost, allowRemoteModels, allowLocalModels, useFSCache, cacheDir: saved.cacheDir });
  await hub?.close();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

// 20 words, each one token in the stand-in vocabulary; with [CLS] and [SEP], 22 tokens
const BASE = 'python developer with docker and kubernetes experience building backend systems on aws using java kafka spark sql and react code';
const LONG_A = `${BASE} nurse patient care`;
const LONG_B = `${BASE} accountant ledger audit`;

describe('token limit', () => {
  it('cuts texts at the model limit: texts that differ only after it get the same vector, and are counted', async () => {
    const cut = await embedBatches(tiny, [LONG_A, 'nurse', LONG_B], options(16));
    expect(cut.truncated).toBe(2);
    expect(cut.maxTokensApplied).toBe(16);
    expect(cosine(rowOf(cut, 0), rowOf(cut, 2))).toBeCloseTo(1, 6);
    // the same texts under a limit they fit in: nothing cut, and the tails matter
    const whole = await embedBatches(tiny, [LONG_A, 'nurse', LONG_B], options(64));
    expect(whole.truncated).toBe(0);
    expect(cosine(rowOf(whole, 0), rowOf(whole, 2))).toBeLessThan(0.999);
    // texts within the limit are unchanged by it
    expect(Array.from(rowOf(cut, 1))).toEqual(Array.from(rowOf(whole, 1)));
  });

  it('matches the pipeline on texts within the limit, for mean and CLS pooling', async () => {
    const texts = ['registered nurse', 'python developer with docker'];
    for (const pooling of ['mean', 'cls'] as const) {
      const ours = await embedBatches(tiny, texts, options(64, { pooling }));
      const theirs = await tiny(texts, { pooling, normalize: true });
      const data = theirs.data as Float32Array;
      expect(Array.from(ours.vectors).map((x) => x.toFixed(5))).toEqual(Array.from(data).map((x) => x.toFixed(5)));
    }
  });

  it("never goes beyond the tokenizer's own limit (model_max_length 128 here)", async () => {
    const long = Array.from({ length: 200 }, () => 'nurse').join(' ');
    const out = await embedBatches(tiny, [long], options(4096));
    expect(out).toMatchObject({ truncated: 1, maxTokensApplied: 128 });
  });
});

describe('prefixes reach the model (prefix probe: the vector names the prefix; a "query" one leans by its next word)', () => {
  it('one "query: …" scores the same against every "passage: …", a text that lost its prefix 0', async () => {
    const texts = ['query: registered nurse', 'passage: Ada Park, nurse', 'passage: Zed Ode, accountant', 'Ada Park, nurse', 'query: accountant'];
    const out = await embedBatches(probe, texts, options(512));
    const jd = rowOf(out, 0);
    const s1 = cosine(jd, rowOf(out, 1));
    expect(s1).toBeGreaterThan(0.2);
    expect(s1).toBeLessThan(0.6);
    expect(cosine(jd, rowOf(out, 2))).toBeCloseTo(s1, 2);
    expect(cosine(jd, rowOf(out, 3))).toBeCloseTo(0, 6);
    expect(cosine(rowOf(out, 1), rowOf(out, 3))).toBeCloseTo(0, 6);
    // swapped prefixes would be caught: a "passage" job description against "query" profiles scores by each profile's first word
    expect(cosine(rowOf(out, 1), rowOf(out, 4))).not.toBeCloseTo(s1, 2);
  });

  it('the prefix survives truncation: texts are cut at the end', async () => {
    const long = `passage: ${Array.from({ length: 300 }, () => 'nurse').join(' ')}`;
    const out = await embedBatches(probe, [long, 'passage: nurse nurse'], options(8));
    expect(out.truncated).toBe(1);
    expect(cosine(rowOf(out, 0), rowOf(out, 1))).toBeCloseTo(1, 6);
  });
});

describe('weightsIdentity', () => {
  it('names the ONNX files by ETag or size, ignores other files, and is empty when nothing is known', () => {
    const a = weightsIdentity([{ file: 'onnx/model_quantized.onnx', bytes: 100, etag: '"abc"' }, { file: 'tokenizer.json', bytes: 5 }]);
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(weightsIdentity([{ file: 'onnx/model_quantized.onnx', bytes: 100, etag: '"abc"' }])).toBe(a);
    expect(weightsIdentity([{ file: 'onnx/model_quantized.onnx', bytes: 100, etag: '"abd"' }])).not.toBe(a);
    expect(weightsIdentity([{ file: 'onnx/model_quantized.onnx', bytes: 101 }])).not.toBe(weightsIdentity([{ file: 'onnx/model_quantized.onnx', bytes: 100 }]));
    expect(weightsIdentity([{ file: 'tokenizer.json', bytes: 5 }])).toBe('');
    expect(weightsIdentity([])).toBe('');
  });
});
