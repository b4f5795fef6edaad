import { readFileSync } from 'node:fs';
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
