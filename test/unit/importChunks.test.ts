import { describe, expect, it } from 'vitest';
import { parquetMetadataAsync, type AsyncBuffer } from 'hyparquet';
import { writeEmbeddingsParquet, COLUMNS, type EmbeddingsRow } from '../../src/data/embeddingsParquet';
import { readEmbeddingsFile } from '../../src/data/import/embeddingsFile';
import { ImportClient } from '../../src/import/client';
import type { VectorChoice } from '../../src/data/import/vectors';
import { InProcessImportWorker } from '../helpers/inProcessImportWorker';

const DIMS = 8;
/** More than two row groups (the writer puts 5,000 rows in each), so the build sends three chunks. */
const ROWS = 12_000;

async function embeddingsBytes(): Promise<ArrayBuffer> {
  const rows: EmbeddingsRow[] = Array.from({ length: ROWS }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, headline: `Role ${i % 7}`, text: `Profile ${i} text`, label: '' }));
  const vectors = new Float32Array(ROWS * DIMS).map((_, k) => Math.sin(k * 0.37) + (k % DIMS === 0 ? 1 : 0));
  for (let r = 0; r < ROWS; r++) {
    const row = vectors.subarray(r * DIMS, (r + 1) * DIMS);
    const norm = Math.hypot(...row);
    for (let j = 0; j < DIMS; j++) row[j] /= norm;
  }
  return (await writeEmbeddingsParquet({ rows, vectors, dims: DIMS, modelId: 'test/model', dtype: 'fp32', prefix: '', store: ['int8'] }))!;
}

const choice: VectorChoice = { column: COLUMNS.int8, encoding: 'int8', dims: DIMS, model: 'test/model' };

describe('an embeddings file built in chunks', () => {
  it('hands each row group\'s profiles over and keeps none of them', async () => {
    const bytes = await embeddingsBytes();
    const file: AsyncBuffer = { byteLength: bytes.byteLength, slice: (a, b) => bytes.slice(a, b) };
    const metadata = await parquetMetadataAsync(file);
    const mapping = { id: 'id', name: 'name', headline: 'headline', label: null, text: ['text'], vectors: COLUMNS.int8, vectorModel: 'test/model' };
    const chunks: { done: number; n: number }[] = [];
    const built = await readEmbeddingsFile(file, metadata, mapping, choice, (done, _total, profiles) => chunks.push({ done, n: profiles.length }));
    expect(chunks).toEqual([
      { done: 5000, n: 5000 },
      { done: 10000, n: 5000 },
      { done: 12000, n: 2000 },
    ]);
    expect(built.profiles).toEqual([]);
    expect(built.vectors?.matrix).toHaveLength(ROWS * DIMS);
  });

  it('reassembles through the import worker to the same dataset as one read, with progress', async () => {
    const bytes = await embeddingsBytes();
    const file: AsyncBuffer = { byteLength: bytes.byteLength, slice: (a, b) => bytes.slice(a, b) };
    const whole = await readEmbeddingsFile(file, await parquetMetadataAsync(file), { id: 'id', name: 'name', headline: 'headline', label: null, text: ['text'], vectors: COLUMNS.int8, vectorModel: 'test/model' }, choice);
    const client = new ImportClient(() => new InProcessImportWorker());
    const parsed = await client.parse(new Blob([bytes]), 'e.parquet');
    const progress: number[] = [];
    const built = await client.build({ ...parsed.guess, vectors: COLUMNS.int8, vectorModel: 'test/model' }, 'profiles', choice, (done) => progress.push(done));
    expect(progress).toEqual([5000, 10000, 12000]);
    expect(built.profiles).toHaveLength(ROWS);
    expect(built.profiles).toEqual(whole.profiles);
    expect(built.vectors?.matrix).toEqual(whole.vectors?.matrix);
    expect(built.vectors?.int8).toEqual(whole.vectors?.int8);
  });
});
