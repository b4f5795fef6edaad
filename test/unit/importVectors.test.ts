import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { COLUMNS, META, packSignBits, unpackSignBits, writeEmbeddingsParquet, type EmbeddingsRow } from '../../src/data/embeddingsParquet';
import { findVectorColumns, parseVector, readVectorColumn, unitMatrix, type VectorChoice } from '../../src/data/import/vectors';
import { parseTable } from '../../src/data/import/table';
import { quantizeInt8 } from '../../src/core/vectorIndex';
import { normalizeRows } from '../../src/core/vectors';
import { createImportState, handleBuild, handleParse } from '../../src/import/handlers';
import { IMPORT_FIXTURES, fixtureVector, wrongLengthVectorsParquet } from '../helpers/importFixtures';

const f32 = (xs: number[]) => Float32Array.from(xs);
const base64 = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
const options = { maxRows: 1000 };

describe('parseVector: one cell as a vector', () => {
  it('reads lists, typed arrays, JSON text, comma lists, base64 and raw float32 bytes (little-endian)', () => {
    const v = f32([0.5, -1.25, 3, 1e-3]);
    expect(parseVector([0.5, -1.25, 3, 0.001])).toEqual(v);
    expect(parseVector(Float64Array.from([0.5, -1.25, 3, 0.001]))).toEqual(v);
    expect(parseVector(' [0.5, -1.25, 3, 1e-3] ')).toEqual(v);
    expect(parseVector('0.5, -1.25, 3, 0.001')).toEqual(v);
    expect(parseVector(base64(v))).toEqual(v);
    expect(parseVector(new Uint8Array(v.buffer))).toEqual(v);
    // written big-endian by hand: read as little-endian it must differ, so the byte order is really fixed
    const be = new Uint8Array(8);
    new DataView(be.buffer).setFloat32(0, 1.5, false);
    expect(parseVector(be)[0]).not.toBe(1.5);
  });

  it('says what is wrong: NaN, Infinity, non-numbers, odd byte counts, empty cells, prose', () => {
    expect(parseVector([1, Number.NaN, 2])).toBe('holds NaN at position 2 of its vector');
    expect(parseVector(Float32Array.from([1, 2, Infinity]))).toBe('holds Infinity at position 3 of its vector');
    expect(parseVector('[1, NaN, 2]')).toBe('holds NaN or Infinity in its vector');
    expect(parseVector(base64(f32([1, Number.NaN])))).toBe('holds NaN at position 2 of its vector');
    expect(parseVector([1, 'two', 3])).toBe('holds "two" at position 2 of its vector, not a number');
    expect(parseVector(new Uint8Array(7))).toMatch(/holds 7 bytes, not a whole number of float32 values/);
    expect(parseVector('')).toBe('has no vector');
    expect(parseVector(null)).toBe('has no vector');
    expect(parseVector('Nurse on a ward')).toMatch(/is not a vector/);
    expect(parseVector('[1, 2')).toMatch(/not a JSON list of numbers/);
  });
});

describe('vector columns: found, checked against the model, rows skipped by name', () => {
  const dims = 8;
  const rows = (cells: string[]) => ['id,summary,vec', ...cells.map((c, i) => `r${i + 1},Nurse ${i + 1},"${c}"`)].join('\n');
  const choice = (d = dims): VectorChoice => ({ column: 'vec', encoding: 'float', dims: d, model: 'Test model' });

  it('finds a CSV column of JSON arrays and another of base64, but never a text or id column', () => {
    const v = f32(fixtureVector(1, dims));
    const csv = ['id,summary,json,b64', `a1,Nurse on a ward,"${JSON.stringify(Array.from(v))}",${base64(v)}`, `a2,Teacher,"${JSON.stringify(Array.from(v))}",${base64(v)}`].join('\n');
    const table = parseTable(csv, 'csv', options);
    expect(findVectorColumns(table)).toEqual([
      { column: 'json', encoding: 'float', dims },
      { column: 'b64', encoding: 'float', dims },
    ]);
  });

  it('keeps good rows and skips, by row, a wrong length, a NaN, a missing vector and a non-vector (mixed column)', () => {
    const ok = (i: number) => JSON.stringify(fixtureVector(i, dims));
    const table = parseTable(rows([ok(1), JSON.stringify(fixtureVector(2, dims - 1)), ok(3).replace(/^\[[^,]+/, '[NaN'), '', 'hello', ok(6)]), 'csv', options);
    const out = readVectorColumn(table, choice());
    expect(out[0]).toBeInstanceOf(Float32Array);
    expect(out[1]).toBe('has a vector of 7 numbers in "vec", but the others have 8, as Test model makes: fix or remove this row');
    expect(out[2]).toMatch(/^holds NaN or Infinity in its vector in "vec": fix or remove this row/);
    expect(out[3]).toMatch(/^has no vector in "vec"/);
    expect(out[4]).toMatch(/is not a vector .* in "vec"/);
    expect(out[5]).toBeInstanceOf(Float32Array);
  });

  it('refuses the whole column, naming a row, when the vectors are not the model\'s length', () => {
    const table = parseTable(rows([1, 2, 3].map((i) => JSON.stringify(fixtureVector(i, dims)))), 'csv', options);
    expect(() => readVectorColumn(table, choice(384))).toThrow('The vectors in "vec" have 8 numbers (row 1 (line 2) and most others), but Test model makes 384: they come from another model.');
  });

  it('refuses a column with no usable vector at all', () => {
    const table = parseTable(rows(['', 'nope']), 'csv', options);
    expect(() => readVectorColumn(table, choice())).toThrow('No row has a usable vector in "vec" (row 1 (line 2) has no vector). Choose "None" under Embeddings to embed the text instead.');
  });

  it('scales rows to unit length and counts the ones it had to scale', () => {
    const { matrix, rescaled } = unitMatrix([f32([3, 4]), f32([0.6, 0.8])], 2);
    expect(Array.from(matrix)).toEqual([0.6, 0.8, 0.6, 0.8].map(Math.fround));
    expect(rescaled).toBe(1);
  });

  it('sign bits pack most significant bit first, as numpy.packbits does, and unpack to ±1', () => {
    expect(Array.from(packSignBits([1, -1, 0, 2, -3, 1, 1, 1, 5]))).toEqual([0b10010111, 0b10000000]);
    expect(Array.from(unpackSignBits(Uint8Array.from([0b10010111, 0b10000000]), 9))).toEqual([1, -1, -1, 1, -1, 1, 1, 1, 1]);
  });
});

describe('the hostile fixture: a Parquet file with a wrong-length vector column', () => {
  const bytes = readFileSync(join(IMPORT_FIXTURES, 'wrong-length-vectors.parquet'));

  it('is the generator\'s output, so it can be rebuilt', () => {
    expect(new Uint8Array(bytes)).toEqual(new Uint8Array(wrongLengthVectorsParquet()));
  });

  it('imports the good rows with their vectors and lists the wrong-length and NaN rows as skipped', async () => {
    const state = createImportState();
    const parsed = await handleParse(state, new Blob([bytes]), 'wrong-length-vectors.parquet', () => {});
    expect(parsed.vectorColumns).toEqual([{ column: 'embedding', encoding: 'float', dims: 100 }]);
    expect(parsed.metadata[META.model]).toBe('glove-sif-100d');
    const built = handleBuild(state, { ...parsed.guess, vectors: 'embedding', vectorModel: 'glove-sif-100d' }, 'profiles', { column: 'embedding', encoding: 'float', dims: 100, model: 'GloVe' });
    expect(built.profiles.map((p) => p.id)).toEqual(['w1', 'w2', 'w3', 'w6']);
    expect(built.skipped.map((s) => [s.row, s.reason])).toEqual([
      [4, 'has a vector of 99 numbers in "embedding", but the others have 100, as GloVe makes: fix or remove this row'],
      // the writer stores the NaN as a null element
      [5, 'holds an empty value (null or NaN) at position 18 of its vector in "embedding": fix or remove this row, or choose "None" under Embeddings'],
    ]);
    expect(built.vectors?.dims).toBe(100);
    expect(built.vectors?.rescaled).toBe(4);
    const expected = normalizeRows({ vectors: Float32Array.from([0, 1, 2, 5].flatMap((i) => fixtureVector(i, 100))), dim: 100 }).vectors;
    built.vectors!.matrix.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
  });

  it('refuses a model of another size, and imports nothing', async () => {
    const state = createImportState();
    const parsed = await handleParse(state, new Blob([bytes]), 'wrong-length-vectors.parquet', () => {});
    expect(() => handleBuild(state, { ...parsed.guess, vectors: 'embedding', vectorModel: 'x' }, 'profiles', { column: 'embedding', encoding: 'float', dims: 384, model: 'MiniLM' })).toThrow(
      /have 100 numbers \(row 1 and most others\), but MiniLM makes 384/,
    );
  });
});

describe('the embeddings Parquet layout: write, then import', () => {
  const dims = 20;
  const n = 7;
  const rows: EmbeddingsRow[] = Array.from({ length: n }, (_, i) => ({ id: `e${i}`, name: `Person ${i}`, headline: `Role ${i % 3}`, text: `Person ${i} text\nline two`, label: i % 2 ? 'Nurse' : '' }));
  const vectors = normalizeRows({ vectors: Float32Array.from(Array.from({ length: n }, (_, i) => fixtureVector(i, dims)).flat()), dim: dims }).vectors;
  const file = { rows, vectors, dims, modelId: 'glove-sif-100d', dtype: 'q8', prefix: 'passage: ' };

  it('writes the documented columns and metadata, with progress', async () => {
    const progress: number[] = [];
    const buf = (await writeEmbeddingsParquet({ ...file, store: ['float32', 'int8', 'binary'] }, (done) => progress.push(done)))!;
    expect(progress.at(-1)).toBe(n);
    const meta = parquetMetadata(buf);
    expect(Object.fromEntries(meta.key_value_metadata!.map((kv) => [kv.key, kv.value]))).toEqual({
      [META.schema]: '1',
      [META.model]: 'glove-sif-100d',
      [META.dtype]: 'q8',
      [META.dims]: '20',
      [META.prefix]: 'passage: ',
      [META.normalized]: 'true',
    });
    const read = await parquetReadObjects({ file: buf });
    expect(Object.keys(read[0])).toEqual(['id', 'name', 'headline', 'text', 'label', COLUMNS.embedding, COLUMNS.int8, COLUMNS.int8Scale, COLUMNS.binary]);
    // int8 and sign bits read back equal to what the app computes from the floats
    const q = quantizeInt8({ vectors, dim: dims }, 'vector');
    read.forEach((r, i) => {
      const u = r[COLUMNS.int8] as Uint8Array;
      expect(new Int8Array(u.buffer, u.byteOffset, u.length)).toEqual(q.codes.slice(i * dims, (i + 1) * dims));
      expect(r[COLUMNS.int8Scale]).toBe(q.scales[i]);
      expect(r[COLUMNS.binary]).toEqual(packSignBits(vectors.subarray(i * dims, (i + 1) * dims)));
    });
  });

  it('float32 round trip: the imported vectors equal the written ones, bit for bit, and the text is as embedded', async () => {
    const buf = (await writeEmbeddingsParquet(file))!;
    const state = createImportState();
    const parsed = await handleParse(state, new Blob([buf]), 'export.parquet', () => {});
    expect(parsed.guess).toEqual({ id: 'id', name: 'name', headline: 'headline', label: 'label', text: ['text'] });
    expect(parsed.vectorColumns).toEqual([{ column: 'embedding', encoding: 'float', dims }]);
    const built = handleBuild(state, { ...parsed.guess, text: ['text'], vectors: 'embedding', vectorModel: 'glove-sif-100d' }, 'profiles', { column: 'embedding', encoding: 'float', dims, model: 'GloVe' });
    expect(built.profiles.map((p) => p.text)).toEqual(rows.map((r) => r.text));
    expect(built.vectors!.matrix).toEqual(vectors);
    expect(built.vectors!.rescaled).toBe(0);
  });

  it('a file with only int8 (+scale) and sign bits loads: int8 decodes to the codes times the scale, bits to ±1', async () => {
    const buf = (await writeEmbeddingsParquet({ ...file, store: ['int8', 'binary'] }))!;
    const state = createImportState();
    const parsed = await handleParse(state, new Blob([buf]), 'big.parquet', () => {});
    expect(parsed.vectorColumns).toEqual([
      { column: COLUMNS.int8, encoding: 'int8', dims },
      // 20 dimensions take 3 bytes of sign bits
      { column: COLUMNS.binary, encoding: 'binary', dims: 24 },
    ]);
    const mapping = { ...parsed.guess, text: ['text'] };
    const q = quantizeInt8({ vectors, dim: dims }, 'vector');
    const int8 = handleBuild(state, mapping, 'profiles', { column: COLUMNS.int8, encoding: 'int8', dims, model: 'M' });
    const decoded = normalizeRows({ vectors: Float32Array.from(q.codes, (c, i) => c * q.scales[Math.floor(i / dims)]), dim: dims }).vectors;
    int8.vectors!.matrix.forEach((x, i) => expect(x).toBeCloseTo(decoded[i], 6));
    const bin = handleBuild(state, mapping, 'profiles', { column: COLUMNS.binary, encoding: 'binary', dims, model: 'M' });
    const signs = Float32Array.from(vectors, (x) => (x > 0 ? 1 : -1) / Math.sqrt(dims));
    bin.vectors!.matrix.forEach((x, i) => expect(x).toBeCloseTo(signs[i], 6));
  });
});
