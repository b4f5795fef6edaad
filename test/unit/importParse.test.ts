/** Hostile and common import files, parsed and built as the import worker does (src/import/handlers). */
import { describe, expect, it } from 'vitest';
import { createImportState, handleBuild, handleParse, type ImportState } from '../../src/import/handlers';
import type { ParseProgress } from '../../src/import/protocol';
import { MAX_IMPORT_ROWS } from '../../src/data/import/limits';
import { profileToText } from '../../src/data/profileText';
import { fixtureBlob, generatedCsv, generatedParquet } from '../helpers/importFixtures';

async function parse(name: string, state: ImportState = createImportState(), progress: ParseProgress[] = []) {
  const parsed = await handleParse(state, fixtureBlob(name), name, (p) => progress.push(p));
  return { state, parsed, built: handleBuild(state, parsed.guess) };
}

describe('import: clean files', () => {
  it('imports a common CSV with the guessed mapping and composes the text from the text columns', async () => {
    const { parsed, built } = await parse('common.csv');
    expect(parsed.format).toBe('csv');
    expect(parsed.guess).toEqual({ id: 'id', name: 'name', headline: 'headline', label: 'category', text: ['headline', 'summary', 'skills'] });
    expect(built.skipped).toEqual([]);
    expect(built.profiles.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    const ada = built.profiles[0];
    expect(ada).toMatchObject({ name: 'Ada Lovelace', headline: 'Data Scientist', label: { role: 'Data Scientist' } });
    expect(profileToText(ada)).toBe('Data Scientist\nBuilds churn models, runs A/B tests.\npython, sql');
  });

  it('reads a UTF-8 BOM, CRLF line ends and a semicolon delimiter', async () => {
    const { parsed, built } = await parse('bom-crlf-semicolon.csv');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.columns).toEqual(['id', 'name', 'summary']);
    expect(built.profiles[0]).toMatchObject({ id: '1', name: 'Zoë Ångström', text: 'Nurse on a cardiac ward, night shifts' });
    expect(built.profiles[1].label.role).toBe('unlabelled');
  });

  it('keeps line breaks and commas inside quoted fields', async () => {
    const { built } = await parse('quoted-newlines.csv');
    expect(built.profiles).toHaveLength(2);
    expect(built.profiles[0].name).toBe('Smith, Jo');
    expect(built.profiles[0].text).toBe('Line one of the resume\nLine two, with a comma\n"quoted" words');
  });

  it('reads TSV, a JSON list (skipping a non-object) and JSONL (skipping a broken line)', async () => {
    const tsv = await parse('profiles.tsv');
    expect(tsv.built.profiles.map((p) => p.text)).toEqual(['Nurse, cardiac ward', 'Teacher; maths']);
    const json = await parse('profiles.json');
    expect(json.parsed.guess).toMatchObject({ id: 'id', name: 'full_name', headline: 'title', label: 'role' });
    expect(json.built.profiles[1].text).toBe('DevOps Engineer\nCI/CD pipelines, Terraform\naws, terraform');
    expect(json.built.skipped).toEqual([expect.objectContaining({ row: 3, reason: expect.stringContaining('is not an object') })]);
    const jsonl = await parse('profiles.jsonl');
    expect(jsonl.built.profiles.map((p) => p.id)).toEqual(['x1', 'x3']);
    expect(jsonl.built.skipped).toEqual([expect.objectContaining({ row: 2, line: 2, reason: expect.stringContaining('not valid JSON') })]);
  });

  it('takes pasted text, detecting the format from its content', async () => {
    const state = createImportState();
    const parsed = await handleParse(state, 'id\tsummary\n1\tA nurse\n', 'pasted', () => {});
    expect(parsed.format).toBe('csv');
    expect(parsed.delimiter).toBe('\t');
    expect(handleBuild(state, parsed.guess).profiles[0].text).toBe('A nurse');
  });
});

describe('import: bad rows are skipped with their row, line and what to do; good rows are kept', () => {
  it('ragged rows and an unclosed quote', async () => {
    const { built } = await parse('ragged.csv');
    expect(built.profiles.map((p) => p.id)).toEqual(['1', '4']);
    const reasons = built.skipped.map((s) => [s.row, s.line, s.reason.slice(0, 40)]);
    expect(reasons).toEqual([
      [2, 3, 'has 4 fields but the header has 3: a fie'],
      [3, 4, 'has 2 fields but the header has 3: add t'],
      [5, 6, 'a quoted field opened on this row is nev'],
    ]);
    expect(built.skipped[0].values).toEqual(['2', 'Bob', 'Payroll', ' and tax returns']);
  });

  it('duplicate ids and empty texts', async () => {
    const { built } = await parse('duplicate-ids.csv');
    expect(built.profiles.map((p) => p.name)).toEqual(['Ann', 'Bob']);
    expect(built.skipped.map((s) => s.reason)).toEqual([
      'repeats the id "1" of row 1: give each profile its own id, or choose "number the rows" for the id',
      'has no text in "summary": fill it in or choose other text columns',
    ]);
  });

  it('generated ids number the rows, so repeated ids no longer matter', async () => {
    const state = createImportState();
    const parsed = await handleParse(state, fixtureBlob('duplicate-ids.csv'), 'd.csv', () => {});
    const built = handleBuild(state, { ...parsed.guess, id: null });
    expect(built.profiles.map((p) => p.id)).toEqual(['row-1', 'row-2', 'row-3']);
  });

  it('markup in every field stays inert text', async () => {
    const { built } = await parse('xss.csv');
    expect(built.profiles).toHaveLength(3);
    expect(built.profiles[0]).toMatchObject({ id: '<script>window.__xss=1</script>0', name: '<img src=x onerror="window.__xss=2">' });
    expect(built.profiles[0].text).toContain('<img src=x onerror="window.__xss=2"> designs payment APIs');
  });
});

describe('import: whole-file problems give one clear message', () => {
  const cases: [string, RegExp][] = [
    ['empty.csv', /The file is empty: choose a file with a header row/],
    ['header-only.csv', /a header row but no profiles/],
    ['no-header.csv', /The first row does not look like column names .* add a header row such as id,name,headline,summary/],
    ['binary.csv', /binary file, not text \(a zero byte at byte 1\)/],
    ['latin1.csv', /not valid UTF-8 at line 2 \(byte 22\).*Save it again as UTF-8/],
  ];
  it.each(cases)('%s', async (name, message) => {
    await expect(handleParse(createImportState(), fixtureBlob(name), name, () => {})).rejects.toThrow(message);
  });

  it('an Excel workbook is named and the fix given', async () => {
    const xlsx = new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]);
    await expect(handleParse(createImportState(), xlsx, 'people.xlsx', () => {})).rejects.toThrow(/ZIP archive .* save the sheet as CSV/);
  });

  it('a JSON syntax error is reported with the parser\'s words and the fix', async () => {
    await expect(handleParse(createImportState(), '[\n{"id": 1},\n{"id": }\n]', 'x.json', () => {})).rejects.toThrow(/not valid JSON.*Unexpected token.*Fix it there, or if it holds one profile per line, name it \.jsonl/s);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const huge = { size: 300_000_000, stream: () => { throw new Error('must not be read'); } } as unknown as Blob;
    await expect(handleParse(createImportState(), huge, 'big.csv', () => {})).rejects.toThrow(/300 MB; one import takes at most 200 MB/);
  });

  it('a failed parse leaves no table to build from', async () => {
    const state = createImportState();
    await handleParse(state, fixtureBlob('common.csv'), 'common.csv', () => {});
    await expect(handleParse(state, fixtureBlob('empty.csv'), 'empty.csv', () => {})).rejects.toThrow();
    expect(() => handleBuild(state, { id: null, text: ['summary'], name: null, headline: null, label: null })).toThrow(/choose the file again/);
  });
});

describe('import: a generated 100,000-row CSV', () => {
  it('is read whole, with progress, and builds 100,000 profiles', async () => {
    const state = createImportState();
    const progress: ParseProgress[] = [];
    const parsed = await handleParse(state, new Blob([generatedCsv(100_000)]), 'big.csv', (p) => progress.push(p));
    expect(parsed.rowCount).toBe(100_000);
    expect(progress.some((p) => p.phase === 'reading')).toBe(true);
    expect(progress.filter((p) => p.phase === 'parsing').length).toBeGreaterThan(10);
    expect(progress.at(-1)).toMatchObject({ phase: 'parsing', done: progress.at(-1)!.total });
    const built = handleBuild(state, parsed.guess);
    expect(built.profiles).toHaveLength(100_000);
    expect(built.profiles[99_999]).toMatchObject({ id: 'c100000', label: { role: 'Nurse' } });
  });

  it('stops at the row limit and says so', async () => {
    const parsed = await handleParse(createImportState(), generatedCsv(MAX_IMPORT_ROWS + 5), 'big.csv', () => {});
    expect(parsed.rowCount).toBe(MAX_IMPORT_ROWS);
    expect(parsed.notices).toEqual([expect.stringMatching(/more than 200,000 rows.*the first 200,000 were read\. Split the file/)]);
  });
});

describe('import: Parquet (hyparquet)', () => {
  it('reads the rows, finds the vector column (never guessed as text), and builds profiles', async () => {
    const state = createImportState();
    const parsed = await handleParse(state, new Blob([generatedParquet(50)]), 'profiles.parquet', () => {});
    expect(parsed.format).toBe('parquet');
    expect(parsed.columns).toEqual(['id', 'name', 'summary', 'category', 'years', 'embedding']);
    expect(parsed.vectorColumns).toEqual([{ column: 'embedding', encoding: 'float', dims: 8 }]);
    expect(parsed.preview[0][5]).toBe('[8 numbers]');
    expect(parsed.notices).toEqual([]);
    expect(parsed.guess).toMatchObject({ id: 'id', name: 'name', label: 'category', text: ['summary'] });
    const built = handleBuild(state, parsed.guess);
    expect(built.profiles).toHaveLength(50);
    expect(built.profiles[1]).toMatchObject({ id: 'pq2', name: 'Person pq2', text: 'Nurse on a cardiac ward', label: { role: 'Nurse' } });
  });

  it('is recognised by its magic bytes whatever its name, and a damaged one says so', async () => {
    const parsed = await handleParse(createImportState(), new Blob([generatedParquet(3)]), 'export.bin', () => {});
    expect(parsed.rowCount).toBe(3);
    const cut = generatedParquet(3).slice(0, 60);
    await expect(handleParse(createImportState(), new Blob([cut]), 'cut.parquet', () => {})).rejects.toThrow(/The Parquet file could not be read .* export it as CSV or JSONL/);
  });
});

describe('import: labelled job descriptions', () => {
  it('builds jobs with the first role at grade 2 and related roles at grade 1; a job without a role is skipped', async () => {
    const state = createImportState();
    const parsed = await handleParse(state, fixtureBlob('jobs.csv'), 'jobs.csv', () => {});
    expect(parsed.guess).toMatchObject({ id: 'id', headline: 'title', label: 'relevant_roles' });
    const built = handleBuild(state, parsed.guess, 'jobs');
    expect(built.profiles).toEqual([]);
    expect(built.jobs[1]).toEqual({
      id: 'q2',
      title: 'Compiler engineer',
      text: 'Compiler engineer\nCompilers, COBOL, code generation',
      role: 'Software Engineer',
      family: 'Software Engineer',
      relevant: { 'Software Engineer': 2, 'ML Engineer': 1 },
    });
    expect(built.skipped).toEqual([expect.objectContaining({ row: 3, reason: expect.stringMatching(/^has no relevant role in "relevant_roles"/) })]);
    expect(() => handleBuild(state, { ...parsed.guess, label: null }, 'jobs')).toThrow(/Job descriptions need a label column/);
  });
});
