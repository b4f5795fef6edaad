// @vitest-environment node
/**
 * Loads the bundled offline model (public/models/glove-sif-100d, built by
 * scripts/build-bundled-model.ts) through transformers.js exactly as the app does, but in
 * Node (onnxruntime-node), and checks that it produces sensible sentence embeddings.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/models');
const MODEL_ID = 'glove-sif-100d';
const DTYPE = 'q8'; // → onnx/model_quantized.onnx

let extractor: FeatureExtractionPipeline;

async function embed(texts: string[]): Promise<number[][]> {
  const out = await extractor(texts, { pooling: 'mean', normalize: true });
  expect(out.dims).toEqual([texts.length, 100]);
  return out.tolist() as number[][];
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = MODELS_DIR + path.sep;
  extractor = await pipeline('feature-extraction', MODEL_ID, { dtype: DTYPE });
});

describe('bundled glove-sif-100d model', () => {
  it('embeds a batch into 100-d unit vectors', async () => {
    const vectors = await embed([
      'Senior Python developer',
      'registered nurse in an intensive care unit, night shifts, patient care and medication',
      'truck driver',
    ]);
    for (const v of vectors) {
      expect(v).toHaveLength(100);
      expect(v.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
  });

  it('ranks a related job description above an unrelated one', async () => {
    const [query, related, unrelated] = await embed([
      'product manager roadmap backlog prioritization',
      'product owner planning the backlog and roadmap',
      'payroll accountant reconciling ledgers',
    ]);
    const simRelated = dot(query, related);
    const simUnrelated = dot(query, unrelated);
    expect(simRelated).toBeGreaterThan(simUnrelated + 0.2);
    expect(simRelated).toBeGreaterThan(0.6);
  });

  it('normalises case and accents like BERT-uncased and maps unknown words to [UNK]', async () => {
    const tokens = extractor.tokenizer.tokenize('Résumé of a Qwzxvbn ENGINEER');
    expect(tokens).toContain('resume');
    expect(tokens).toContain('engineer');
    expect(tokens).toContain('[UNK]');
    const [a, b] = await embed(['Résumé ENGINEER', 'resume engineer']);
    expect(dot(a, b)).toBeCloseTo(1, 5);
  });

  it('ignores unknown words and never throws on them', async () => {
    const [known, mixed, unknown, empty] = await embed([
      'nurse practitioner',
      'qwzxvbn nurse flurbnogz practitioner ☃ 🚀 漢字',
      'qwzxvbn flurbnogz',
      '',
    ]);
    // Unknown words (and [CLS]/[SEP]/[PAD]) have zero rows, so they do not move the mean's direction.
    expect(dot(known, mixed)).toBeCloseTo(1, 5);
    // A text with no known word pools to the zero vector; normalize() turns that into NaNs.
    // Callers must treat such a vector as "no signal" rather than compare with it.
    expect(unknown).toHaveLength(100);
    expect(unknown.every(Number.isNaN)).toBe(true);
    expect(empty.every(Number.isNaN)).toBe(true);
  });
});

describe('bundled model revision', () => {
  it('matches the committed weights, so cached embeddings of older weights are never reused', async () => {
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const { BUNDLED_MODEL } = await import('../../src/embedding/catalogue');
    const sha = createHash('sha256').update(readFileSync('public/models/glove-sif-100d/onnx/model_quantized.onnx')).digest('hex');
    expect(BUNDLED_MODEL.revision).toBe(sha.slice(0, 8));
  });
});
