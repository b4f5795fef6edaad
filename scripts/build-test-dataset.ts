/**
 * Builds the stand-in Hub's dataset fixture: a small copy of the shape of the article's
 * `ilsilfverskiold/linkedin_profiles_synthetic` (6.9k rows in two ~230 MB Parquet files with
 * text and embedding columns), so the "Hugging Face dataset" import can be tested offline.
 *
 *   npx tsx scripts/build-test-dataset.ts
 *   → test/fixtures/hub/datasets/test-org/linkedin-profiles-mini/data/train-0000{0,1}-of-00002.parquet
 *
 * Column names: FirstName, LastName, Location, Headline, About Me, Experience and Skills are the
 * real dataset's, as public code that loads it uses them; Education, Interests and the two
 * embedding columns' names are plausible guesses (the real card could not be read here).
 * 2 × 150 rows, row groups of 50 (so progress moves and a column read is several ranges),
 * embeddings 384 × float32 (list<float32>), seeded, so the output is the same on every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { mulberry32 } from '../src/core/random';

export const DATASET_FIXTURE_ID = 'test-org/linkedin-profiles-mini';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/hub/datasets', DATASET_FIXTURE_ID);
const FILES = 2;
const ROWS_PER_FILE = 150;
const DIMS = 384;
export const NOT_PARQUET_TEXT = 'id,name,summary\n1,Ava,Nurse on a cardiac ward\n';

const FIRST = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar', 'Ines', 'Kenji', 'Sara', 'Tomas', 'Priya', 'Lena'];
const LAST = ['Berg', 'Okafor', 'Silva', 'Nakamura', 'Novak', 'Haddad', 'Larsen', 'Moreau', 'Kowalski', 'Reyes'];
const PLACES = ['Stockholm', 'Berlin', 'Lisbon', 'Toronto', 'Austin', 'Nairobi', 'Singapore', 'Madrid'];
const ROLES = [
  { title: 'Registered Nurse', about: 'Caring nurse on a cardiac ward, patient safety and triage.', skills: 'patient care, triage, ECG, medication administration', edu: 'BSc Nursing' },
  { title: 'Data Scientist', about: 'Builds churn and pricing models, runs A/B tests.', skills: 'python, sql, statistics, experimentation', edu: 'MSc Statistics' },
  { title: 'DevOps Engineer', about: 'Keeps CI/CD pipelines and Kubernetes clusters healthy.', skills: 'kubernetes, terraform, ci/cd, linux', edu: 'BSc Computer Science' },
  { title: 'Product Manager', about: 'Owns a B2B product roadmap, talks to customers weekly.', skills: 'roadmaps, discovery, prioritisation, analytics', edu: 'MBA' },
  { title: 'Accountant', about: 'Month-end close, audits and tax filings for mid-size firms.', skills: 'ifrs, audit, excel, tax', edu: 'BCom Accounting' },
  { title: 'Teacher', about: 'Secondary school maths teacher, curriculum design.', skills: 'lesson planning, assessment, mathematics', edu: 'PGCE Mathematics' },
];
const INTERESTS = ['hiking', 'chess', 'open source', 'running', 'photography', 'cooking', 'volunteering'];

/** A unit vector near its role's direction, so the vectors mean something if anyone uses them. */
function vector(random: () => number, role: number): number[] {
  const v = Array.from({ length: DIMS }, (_, k) => (k % ROLES.length === role ? 1 : 0) + (random() - 0.5) * 0.4);
  const norm = Math.hypot(...v);
  return v.map((x) => Math.fround(x / norm));
}

export function datasetFixtureFiles(): { path: string; bytes: ArrayBuffer }[] {
  const random = mulberry32(20240611);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const out: { path: string; bytes: ArrayBuffer }[] = [];
  for (let f = 0; f < FILES; f++) {
    const rows = Array.from({ length: ROWS_PER_FILE }, (_, i) => {
      const r = (f * ROWS_PER_FILE + i) % ROLES.length;
      const role = ROLES[r];
      const years = 1 + Math.floor(random() * 15);
      return {
        first: pick(FIRST),
        last: pick(LAST),
        place: pick(PLACES),
        headline: `${years > 7 ? 'Senior ' : ''}${role.title} | ${years} years`,
        about: `${role.about} ${years} years of experience.`,
        experience: `${role.title} at ${pick(LAST)} & Co (${2024 - years}–present)`,
        education: role.edu,
        skills: role.skills,
        interests: `${pick(INTERESTS)}, ${pick(INTERESTS)}`,
        emb: vector(random, r),
        headlineEmb: vector(random, r),
      };
    });
    const text = (name: string) => ({ name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const });
    const list = (name: string) => [
      { name, repetition_type: 'OPTIONAL' as const, converted_type: 'LIST' as const, num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED' as const, num_children: 1 },
      { name: 'element', type: 'FLOAT' as const, repetition_type: 'REQUIRED' as const },
    ];
    const strings: [string, (r: (typeof rows)[number]) => string][] = [
      ['FirstName', (r) => r.first],
      ['LastName', (r) => r.last],
      ['Location', (r) => r.place],
      ['Headline', (r) => r.headline],
      ['About Me', (r) => r.about],
      ['Experience', (r) => r.experience],
      ['Education', (r) => r.education],
      ['Skills', (r) => r.skills],
      ['Interests', (r) => r.interests],
    ];
    const bytes = parquetWriteBuffer({
      columnData: [
        ...strings.map(([name, get]) => ({ name, data: rows.map(get) })),
        { name: 'about_me_embedding', data: rows.map((r) => r.emb) },
        { name: 'headline_embedding', data: rows.map((r) => r.headlineEmb) },
      ],
      schema: [{ name: 'root', num_children: strings.length + 2 }, ...strings.map(([name]) => text(name)), ...list('about_me_embedding'), ...list('headline_embedding')],
      rowGroupSize: 50,
    });
    out.push({ path: `data/train-0000${f}-of-0000${FILES}.parquet`, bytes });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of datasetFixtureFiles()) {
    const target = path.join(OUT, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, new Uint8Array(file.bytes));
    console.log(`${path.relative(process.cwd(), target)}: ${file.bytes.byteLength.toLocaleString('en-US')} bytes`);
  }
  // a dataset whose ".parquet" file is really CSV, for the "not a Parquet file" message
  const fake = path.join(OUT, '..', 'not-parquet', 'data', 'train.parquet');
  mkdirSync(path.dirname(fake), { recursive: true });
  writeFileSync(fake, NOT_PARQUET_TEXT);
  writeFileSync(
    path.join(OUT, 'README.md'),
    '---\nlicense: mit\n---\n# linkedin-profiles-mini\n\nA generated stand-in for `ilsilfverskiold/linkedin_profiles_synthetic` (see scripts/build-test-dataset.ts).\n',
  );
}
