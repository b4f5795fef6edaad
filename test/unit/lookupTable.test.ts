// @vitest-environment node
/**
 * The bundled model embedded in plain JavaScript (core/lookupTable, embedding/tableEmbedder)
 * against the ONNX path the worker runs (embedBatches over transformers.js and ONNX Runtime,
 * via embedLikeTheApp): every bundled job description and profile, vector by vector, and the
 * same top 10 for each job description.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedTokenIds, readLookupTable } from '../../src/core/lookupTable';
import { rankByCosine } from '../../src/core/search';
import { cosine, type EmbeddingMatrix } from '../../src/core/vectors';
import { BUNDLED_MODEL, withPrefix } from '../../src/embedding/catalogue';
import { createTableEmbedder, TABLE_MODEL_FILES, type TableEmbedder } from '../../src/embedding/tableEmbedder';
import { bundledProfileTexts, embedLikeTheApp } from '../../scripts/lib/prebuilt';
import { readBundledDataset } from '../../scripts/lib/bundledData';

const dir = path.join('public/models', BUNDLED_MODEL.id);
const read = (f: string) => readFileSync(path.join(dir, f));
let js: TableEmbedder;

beforeAll(() => {
  js = createTableEmbedder(JSON.parse(read(TABLE_MODEL_FILES.tokenizer).toString('utf8')), JSON.parse(read(TABLE_MODEL_FILES.config).toString('utf8')), read(TABLE_MODEL_FILES.onnx));
});

const row = (m: EmbeddingMatrix, i: number) => m.vectors.subarray(i * m.dim, (i + 1) * m.dim);

describe('the bundled model in plain JavaScript', () => {
  it('reads the table and its scales from the ONNX file', () => {
    const t = readLookupTable(read(TABLE_MODEL_FILES.onnx));
    expect(t.dim).toBe(BUNDLED_MODEL.dims);
    expect(t.rows).toBe(JSON.parse(read('config.json').toString('utf8')).vocab_size);
    expect(t.table.length).toBe(t.rows * t.dim);
    // special tokens are zero rows; real words are not
    expect(t.table.subarray(0, 4 * t.dim).every((v) => v === 0)).toBe(true);
    expect(t.scales.some((s) => s > 0)).toBe(true);
  });

  it('refuses an ONNX file that is not a lookup table', () => {
    expect(() => readLookupTable(new Uint8Array([0x08, 0x07]))).toThrow(/not a lookup-table model/);
  });

  it('gives a zero vector for a text with no known word, and unit vectors otherwise', () => {
    const out = new Float32Array(BUNDLED_MODEL.dims);
    embedTokenIds(readLookupTable(read(TABLE_MODEL_FILES.onnx)), [2, 1, 3], out);
    expect(out.every((v) => v === 0)).toBe(true);
    const v = js.embed(['registered nurse'], BUNDLED_MODEL.maxTokens).vectors;
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('equals the ONNX path for all 80 bundled job descriptions: cosine >= 0.9999 and the same top 10', async () => {
    const { jobs } = readBundledDataset();
    expect(jobs.length).toBe(80);
    const queries = jobs.map((j) => withPrefix(BUNDLED_MODEL, 'query', j.text));
    const onnx = await embedLikeTheApp(queries);
    const mine = js.embed(queries, BUNDLED_MODEL.maxTokens);
    const profiles = await embedLikeTheApp(bundledProfileTexts());
    let worst = 1;
    let maxDiff = 0;
    for (let q = 0; q < jobs.length; q++) {
      worst = Math.min(worst, cosine(row(onnx, q), row(mine, q)));
      for (let k = 0; k < mine.dim; k++) maxDiff = Math.max(maxDiff, Math.abs(row(onnx, q)[k] - row(mine, q)[k]));
      const ids = (query: Float32Array) => rankByCosine(profiles, query, 10).map((h) => h.index);
      expect(ids(row(mine, q)), jobs[q].id).toEqual(ids(row(onnx, q)));
    }
    expect(worst).toBeGreaterThanOrEqual(0.9999);
    // the arithmetic follows the graph and transformers.js step by step: bit for bit here
    expect(maxDiff).toBe(0);
  }, 300_000);

  it('equals the ONNX path for every bundled profile and counts cut texts the same way', async () => {
    const texts = bundledProfileTexts();
    const onnx = await embedLikeTheApp(texts);
    const mine = js.embed(texts, BUNDLED_MODEL.maxTokens);
    expect(mine.vectors).toEqual(onnx.vectors);
    // a tiny limit cuts every text: the same texts are counted and the same vectors come out
    const short = texts.slice(0, 20);
    expect(js.embed(short, 8).truncated).toBe(20);
  }, 300_000);
});
