import { readFileSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { join } from 'node:path';

export const IMPORT_FIXTURES = join(__dirname, '../fixtures/import');

/** A fixture under test/fixtures/import as a Blob, the way the file picker hands it over. */
export function fixtureBlob(name: string): Blob {
  return new Blob([readFileSync(join(IMPORT_FIXTURES, name))]);
}

/** A generated CSV of `rows` profiles (id, name, headline, summary, category): too big to commit. */
export function generatedCsv(rows: number): string {
  const roles = ['Nurse', 'Data Scientist', 'Accountant', 'Teacher', 'DevOps Engineer'];
  const out = ['id,name,headline,summary,category'];
  for (let i = 1; i <= rows; i++) {
    const role = roles[i % roles.length];
    out.push(`c${i},"Person ${i}",${role},"${role} number ${i}, ${i % 17} years, works with ""teams"" on ${role.toLowerCase()} work",${role}`);
  }
  return out.join('\r\n') + '\r\n';
}

/** A Parquet file of profiles with an 8-number embedding column, like the Hub's profile datasets (generated, not committed). */
export function generatedParquet(rows: number): ArrayBuffer {
  const ids = Array.from({ length: rows }, (_, i) => `pq${i + 1}`);
  return parquetWriteBuffer({
    columnData: [
      { name: 'id', data: ids, type: 'STRING' },
      { name: 'name', data: ids.map((id) => `Person ${id}`), type: 'STRING' },
      { name: 'summary', data: ids.map((_, i) => (i % 2 ? 'Nurse on a cardiac ward' : 'Backend engineer, Go and Postgres')), type: 'STRING' },
      { name: 'category', data: ids.map((_, i) => (i % 2 ? 'Nurse' : 'Software Engineer')), type: 'STRING' },
      { name: 'years', data: ids.map((_, i) => BigInt(i)), type: 'INT64' },
      { name: 'embedding', data: ids.map((_, i) => Array.from({ length: 8 }, (_, k) => (i + k) / 10)) },
    ],
  });
}

/** A deterministic unit-ish vector for row `i` (not unit length on purpose: the import rescales). */
export function fixtureVector(i: number, dims: number): number[] {
  return Array.from({ length: dims }, (_, k) => Math.sin(i * 7 + k * 0.37) * 2);
}

/**
 * The committed hostile fixture wrong-length-vectors.parquet: six 100-d profiles (the
 * bundled model's size) where row 4's vector has 99 numbers and row 5's holds a NaN (which the writer stores as a null).
 * Regenerate from test/helpers with: npx tsx -e "import('./importFixtures.ts').then(m => m.writeWrongLengthFixture())"
 */
export function wrongLengthVectorsParquet(): ArrayBuffer {
  const ids = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
  const vectors = ids.map((_, i) => fixtureVector(i, 100));
  vectors[3] = vectors[3].slice(0, 99);
  vectors[4][17] = Number.NaN;
  return parquetWriteBuffer({
    columnData: [
      { name: 'id', data: ids, type: 'STRING' },
      { name: 'summary', data: ids.map((id) => `Nurse ${id} on a surgical ward`), type: 'STRING' },
      { name: 'embedding', data: vectors },
    ],
    kvMetadata: [{ key: 'candidate-search.model', value: 'glove-sif-100d' }],
  });
}

export function writeWrongLengthFixture(): void {
  writeFileSync(join(IMPORT_FIXTURES, 'wrong-length-vectors.parquet'), new Uint8Array(wrongLengthVectorsParquet()));
}
