import { describe, expect, it, vi } from 'vitest';
import { writeEmbeddingsParquet, COLUMNS, type EmbeddingsRow } from '../../src/data/embeddingsParquet';
import { createImportState, handleParse, handleRequest, type ImportState } from '../../src/import/handlers';
import type { BuildResult, ImportRequest, ImportResponse } from '../../src/import/protocol';
import { buildIndex, recallAtK } from '../../src/core/vectorIndex';
import { scoreAll } from '../../src/core/vectors';
import { topK } from '../../src/core/topK';
import type { VectorChoice } from '../../src/data/import/vectors';

// small limits, so the test files can cross them: the generic import takes 40 rows, a file in the embeddings layout 300
vi.mock('../../src/data/import/limits', async (original) => ({ ...(await original<object>()), MAX_IMPORT_ROWS: 40, MAX_EMBEDDINGS_FILE_ROWS: 300 }));

const DIMS = 24;

/** Deterministic pseudo-random unit vectors with a shared direction, as one model's embeddings have. */
function vectors(n: number, seed = 7): Float32Array {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const out = new Float32Array(n * DIMS);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let j = 0; j < DIMS; j++) norm += (out[r * DIMS + j] = rand() + (j === 0 ? 0.8 : 0)) ** 2;
    for (let j = 0; j < DIMS; j++) out[r * DIMS + j] /= Math.sqrt(norm);
  }
  return out;
}

async function embeddingsBlob(n: number): Promise<{ blob: Blob; source: Float32Array }> {
  const rows: EmbeddingsRow[] = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, headline: `Role ${i % 7}`, text: `Profile ${i} text`, label: '' }));
  const source = vectors(n);
  const bytes = await writeEmbeddingsParquet({ rows, vectors: source, dims: DIMS, modelId: 'test/model', dtype: 'fp32', prefix: '', store: ['int8', 'binary'] });
  return { blob: new Blob([bytes as ArrayBuffer]), source };
}

async function build(state: ImportState, parsed: Awaited<ReturnType<typeof handleParse>>, choice: VectorChoice): Promise<BuildResult> {
  let out: ImportResponse | null = null;
  // the profiles come as progress chunks, the vectors with the result (as ImportClient.build joins them)
  const profiles: BuildResult['profiles'] = [];
  await handleRequest(state, { id: 1, type: 'build', mapping: parsed.guess, kind: 'profiles', vectors: choice } as ImportRequest, (m) => {
    if (m.type === 'progress' && 'profiles' in m.progress) profiles.push(...m.progress.profiles);
    else out = m;
  });
  const res = out as unknown as ImportResponse;
  if (res.type !== 'result') throw new Error(res.type === 'error' ? res.message : 'no result');
  const result = res.result as BuildResult;
  expect(result.profiles).toEqual([]);
  return { ...result, profiles };
}

const choice = (encoding: 'int8' | 'binary'): VectorChoice => ({ column: encoding === 'int8' ? COLUMNS.int8 : COLUMNS.binary, encoding, dims: DIMS, model: 'test/model' });

describe('a file in the embeddings layout: its own limits, read a row group at a time', () => {
  it('imports more rows than the generic limit, keeps the int8 codes and drops the worker table after the build', async () => {
    const { blob, source } = await embeddingsBlob(250);
    const state = createImportState();
    const parsed = await handleParse(state, blob, 'e.parquet', () => {});
    expect(parsed.rowCount).toBe(250);
    expect(parsed.vectorColumns.map((v) => v.encoding).sort()).toEqual(['binary', 'int8']);
    const built = await build(state, parsed, choice('int8'));
    expect(built.profiles).toHaveLength(250);
    expect(built.profiles[249]).toMatchObject({ id: 'p249', name: 'Person 249', headline: 'Role 4', text: 'Profile 249 text' });
    const v = built.vectors!;
    expect(v.int8?.codes).toHaveLength(250 * DIMS);
    expect(v.int8?.scales).toHaveLength(250);
    // the decoded rows are the source within int8 error, unit length
    for (let j = 0; j < DIMS; j++) expect(v.matrix[249 * DIMS + j]).toBeCloseTo(source[249 * DIMS + j], 1);
    expect(state.table).toBeNull();
    expect(state.embeddingsFile).toBeNull();
  });

  it('refuses a file over the embeddings row limit, saying the limit', async () => {
    const { blob } = await embeddingsBlob(301);
    await expect(handleParse(createImportState(), blob, 'e.parquet', () => {})).rejects.toThrow(/301 profiles; a file with embeddings takes at most 300/);
  });

  it('reads sign-bit columns too (padding bits dropped)', async () => {
    const { blob, source } = await embeddingsBlob(60);
    const state = createImportState();
    const built = await build(state, await handleParse(state, blob, 'e.parquet', () => {}), choice('binary'));
    expect(built.vectors?.matrix).toHaveLength(60 * DIMS);
    expect(built.vectors?.int8).toBeUndefined();
    // the sign of every value survives
    for (let j = 0; j < DIMS; j++) expect(Math.sign(built.vectors!.matrix[5 * DIMS + j])).toBe(Math.sign(source[5 * DIMS + j]) || -1);
  });
});

describe('search over the file codes', () => {
  it('gives the same top 10 as an exact scan of the float32 decode (recall 1.0 over 30 queries)', async () => {
    const { blob } = await embeddingsBlob(300);
    const state = createImportState();
    const v = (await build(state, await handleParse(state, blob, 'e.parquet', () => {}), choice('int8'))).vectors!;
    const m = { vectors: v.matrix, dim: DIMS };
    const index = buildIndex('int8', m, { int8Codes: { codes: v.int8!.codes, scales: v.int8!.scales, scale: 'vector', dim: DIMS }, shortlist: () => 30 });
    const queries = vectors(30, 99);
    const exact = [];
    const approx = [];
    for (let q = 0; q < 30; q++) {
      const query = queries.subarray(q * DIMS, (q + 1) * DIMS);
      const scores = scoreAll(m, query);
      exact.push(topK(scores, 10).map((index) => ({ index, score: scores[index] })));
      approx.push(index.search(query, 10));
    }
    expect(recallAtK(exact, approx)).toBe(1);
    expect(approx[0]).toEqual(exact[0]);
  });

  it('refuses codes that are not the matrix rows', () => {
    const m = { vectors: vectors(10), dim: DIMS };
    expect(() => buildIndex('int8', m, { int8Codes: { codes: new Int8Array(9 * DIMS), scales: new Float32Array(9), scale: 'vector', dim: DIMS } })).toThrow(/not 10 rows/);
  });
});
