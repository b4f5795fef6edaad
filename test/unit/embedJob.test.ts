// @vitest-environment node
/**
 * `npm run embed` (scripts/embed.ts, scripts/lib/embedJob): the row-to-shard rule, resume
 * after an interruption, shards merged, and the file's vectors against the app's own
 * embeddings of the same profiles.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, META, packSignBits } from '../../src/data/embeddingsParquet';
import { profileToText } from '../../src/data/profileText';
import type { Profile } from '../../src/data/schema';
import { DEFAULT_BATCH } from '../../src/embedding/client';
import { BUNDLED_MODEL, type ModelEntry } from '../../src/embedding/catalogue';
import { embedBatches } from '../../src/embedding/embedBatches';
import { hashText } from '../../src/core/textHash';
import { largeProfiles } from '../../scripts/dataset/large';
import { parseEmbedArgs, parseShard } from '../../scripts/lib/embedJob/args';
import { mergeParts } from '../../scripts/lib/embedJob/merge';
import { partsDir } from '../../scripts/lib/embedJob/parts';
import { mappingFor, toEmbeddingsRow } from '../../scripts/lib/embedJob/rows';
import { runShard, type DocumentEmbedder, type ShardOptions } from '../../scripts/lib/embedJob/run';
import { partFileName, partOfRow, shardOfRow } from '../../scripts/lib/embedJob/shards';
import { NodeEmbedder } from '../../scripts/lib/nodeEmbedder';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'embed-job-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in model: a fixed 16-d unit vector per text, so runs can be compared byte for byte. */
const FAKE: DocumentEmbedder = {
  model: { ...BUNDLED_MODEL, id: 'fake-16d', dims: 16 } satisfies ModelEntry,
  async embedDocumentsLikeApp(texts) {
    const dim = 16;
    const vectors = new Float32Array(texts.length * dim);
    texts.forEach((t, i) => {
      const h = hashText(t);
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += (vectors[i * dim + j] = parseInt(h[j], 16) - 7.5) ** 2;
      for (let j = 0; j < dim; j++) vectors[i * dim + j] /= Math.sqrt(norm);
    });
    return { vectors, dim };
  },
};

function writeJsonl(name: string, rows: unknown[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

const options = (input: string, out: string, extra: Partial<ShardOptions> = {}): ShardOptions => ({
  input,
  out,
  dtype: 'q8',
  store: ['float32', 'int8', 'binary'],
  partRows: 50,
  batch: 16,
  shard: { index: 1, count: 1 },
  resume: false,
  log: () => undefined,
  ...extra,
});

async function readRows(file: string) {
  const buf = await asyncBufferFromFile(file);
  const meta = await parquetMetadataAsync(buf);
  return { meta, rows: await parquetReadObjects({ file: buf, metadata: meta }) };
}

describe('shards', () => {
  it('puts every row in exactly one shard, whole parts at a time', () => {
    for (const count of [1, 2, 3, 7]) {
      const perShard = new Array<number>(count + 1).fill(0);
      for (let row = 0; row < 1000; row++) {
        const s = shardOfRow(row, 37, count);
        expect(s).toBeGreaterThanOrEqual(1);
        expect(s).toBeLessThanOrEqual(count);
        perShard[s]++;
        // rows of one part share a shard
        if (row > 0 && partOfRow(row, 37) === partOfRow(row - 1, 37)) expect(s).toBe(shardOfRow(row - 1, 37, count));
      }
      expect(perShard.reduce((a, b) => a + b, 0)).toBe(1000);
      // round robin: no shard gets more than one part more than another
      expect(Math.max(...perShard.slice(1)) - Math.min(...perShard.slice(1))).toBeLessThanOrEqual(37);
    }
  });

  it('reads --shard as I/N with 1 <= I <= N', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
    expect(parseEmbedArgs(['--input', 'a.csv', '--out', 'b.parquet']).store).toEqual(['int8', 'binary']);
    expect(parseEmbedArgs(['--input', 'a.csv', '--out', 'b.parquet', '--float32']).store).toContain('float32');
    expect(() => parseEmbedArgs(['--out', 'b.parquet'])).toThrow(/--input/);
  });
});

describe('rows', () => {
  it('guesses columns like the import dialog and numbers rows without an id', () => {
    const sample = [{ full_name: 'Ada', title: 'Nurse', summary: 'ICU nurse, night shifts.', role: 'Nurse' }];
    const m = mappingFor(sample);
    expect(m).toMatchObject({ id: null, name: 'full_name', headline: 'title', label: 'role' });
    expect(toEmbeddingsRow(sample[0], 4, m)).toEqual({ id: 'row-5', name: 'Ada', headline: 'Nurse', text: 'Nurse\nICU nurse, night shifts.', label: 'Nurse' });
    expect(toEmbeddingsRow({ full_name: 'B', title: '', summary: '', role: '' }, 0, m)).toBe('has no text');
    expect(() => mappingFor(sample, { textColumns: ['nope'] })).toThrow(/no column "nope"/);
  });
});

describe('resume and merge', () => {
  const profiles = [...largeProfiles(7, 230)];

  it('an interrupted run plus --resume writes the same file as an uninterrupted run, redoing a damaged part', async () => {
    const input = writeJsonl('resume.jsonl', profiles);
    const whole = path.join(dir, 'whole.parquet');
    await runShard(options(input, whole), FAKE);
    await mergeParts(whole, () => undefined);

    const resumed = path.join(dir, 'resumed.parquet');
    const first = await runShard(options(input, resumed, { stopAfterParts: 3 }), FAKE);
    expect(first.parts.map((p) => p.part)).toEqual([0, 1, 2]);
    expect(first.inputRows).toBeNull();
    await expect(mergeParts(resumed, () => undefined)).rejects.toThrow(/not finished/);
    await expect(runShard(options(input, resumed), FAKE)).rejects.toThrow(/--resume/);
    // a part damaged after it was recorded is redone
    writeFileSync(path.join(partsDir(resumed), partFileName(1)), 'not parquet');
    const lines: string[] = [];
    const second = await runShard(options(input, resumed, { resume: true, log: (l) => lines.push(l) }), FAKE);
    expect(lines[0]).toMatch(/2 finished parts kept, 1 damaged or missing parts redone/);
    expect(second.parts.map((p) => p.part)).toEqual([0, 1, 2, 3, 4]);
    expect(second.inputRows).toBe(230);
    await mergeParts(resumed, () => undefined);
    expect(readFileSync(resumed).equals(readFileSync(whole))).toBe(true);

    const { rows } = await readRows(whole);
    expect(rows.map((r) => r[COLUMNS.id])).toEqual(profiles.map((p) => p.id));
  });

  it('refuses to resume with other settings', async () => {
    const input = writeJsonl('settings.jsonl', profiles.slice(0, 60));
    const out = path.join(dir, 'settings.parquet');
    await runShard(options(input, out, { stopAfterParts: 1 }), FAKE);
    await expect(runShard(options(input, out, { resume: true, partRows: 40 }), FAKE)).rejects.toThrow(/partRows was 50, now 40/);
  });

  it('shards run apart and merged give the same file as one run', async () => {
    const input = writeJsonl('shards.jsonl', profiles);
    const one = path.join(dir, 'one.parquet');
    await runShard(options(input, one), FAKE);
    await mergeParts(one, () => undefined);
    const split = path.join(dir, 'split.parquet');
    const a = await runShard(options(input, split, { shard: { index: 1, count: 2 } }), FAKE);
    await expect(mergeParts(split, () => undefined)).rejects.toThrow(/Shard 2 of 2 has not started/);
    const b = await runShard(options(input, split, { shard: { index: 2, count: 2 } }), FAKE);
    expect(a.parts.map((p) => p.part)).toEqual([0, 2, 4]);
    expect(b.parts.map((p) => p.part)).toEqual([1, 3]);
    await mergeParts(split, () => undefined);
    expect(readFileSync(split).equals(readFileSync(one))).toBe(true);
  });
});

describe('vectors', () => {
  let extractor: FeatureExtractionPipeline;
  const saved = { ...env };
  beforeAll(async () => {
    Object.assign(env, { allowRemoteModels: false, allowLocalModels: true, localModelPath: path.resolve('public/models') + path.sep });
    extractor = (await pipeline('feature-extraction', BUNDLED_MODEL.id, { dtype: BUNDLED_MODEL.defaultDtype })) as FeatureExtractionPipeline;
  });
  afterAll(async () => {
    await extractor?.dispose();
    const { allowRemoteModels, allowLocalModels, localModelPath } = saved;
    Object.assign(env, { allowRemoteModels, allowLocalModels, localModelPath });
  });

  it("equal the app's own embeddings of the same profiles within int8 quantisation, with the model in the metadata", async () => {
    const bundled = (JSON.parse(readFileSync('public/data/profiles.json', 'utf8')) as { profiles: Profile[] }).profiles.slice(0, 12);
    const input = writeJsonl('bundled.jsonl', bundled);
    const out = path.join(dir, 'bundled.parquet');
    await runShard(options(input, out, { batch: 5 }), await NodeEmbedder.load(BUNDLED_MODEL));
    await mergeParts(out, () => undefined);

    // the app: the worker's loop with the client's batch limits, on profileToText
    const texts = bundled.map(profileToText);
    const app = await embedBatches(extractor, texts, { pooling: BUNDLED_MODEL.pooling, maxTexts: DEFAULT_BATCH.maxTexts, maxBatchTokens: DEFAULT_BATCH.maxTokens, maxTokens: BUNDLED_MODEL.maxTokens });
    const { meta, rows } = await readRows(out);
    const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    expect(kv[META.model]).toBe(BUNDLED_MODEL.id);
    expect(kv[META.dims]).toBe('100');
    expect(kv[META.dtype]).toBe('q8');
    expect(kv[META.prefix]).toBe('');
    expect(rows.map((r) => r[COLUMNS.text])).toEqual(texts);
    rows.forEach((r, i) => {
      const want = app.vectors.subarray(i * app.dim, (i + 1) * app.dim);
      const float = r[COLUMNS.embedding] as number[];
      float.forEach((x, j) => expect(x).toBeCloseTo(want[j], 5));
      const codes = new Int8Array((r[COLUMNS.int8] as Uint8Array).buffer, (r[COLUMNS.int8] as Uint8Array).byteOffset, app.dim);
      const scale = r[COLUMNS.int8Scale] as number;
      codes.forEach((c, j) => expect(Math.abs(c * scale - want[j])).toBeLessThanOrEqual(scale / 2 + 1e-6));
      expect([...(r[COLUMNS.binary] as Uint8Array)]).toEqual([...packSignBits(want)]);
    });
  });
});
