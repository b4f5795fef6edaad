/**
 * Rows of an import table to profiles under a column mapping. Rows without an id or text,
 * or with an id already used, are skipped with a reason that says what to do; every other
 * row is kept.
 */
import { UNLABELLED, type JobDescription, type Profile, type RelevanceGrade } from '../schema';
import { composeText, type ColumnMapping } from './mapping';
import type { SkippedRow } from './issues';
import type { Table } from './table';

export interface BuiltProfiles {
  profiles: Profile[];
  /** Rows the parser skipped, then rows the mapping skipped, by row number. */
  skipped: SkippedRow[];
  /** Each profile's precomputed vector, when `vectorOf` was given; else empty. */
  vectors: Float32Array[];
}

/** An imported profile: the composed text plus display fields; the structured fields stay empty. */
export function importedProfile(id: string, text: string, name: string, headline: string, label: string): Profile {
  const role = label || UNLABELLED;
  return {
    id,
    name,
    headline,
    location: '',
    yearsExperience: 0,
    summary: '',
    experience: [],
    skills: [],
    education: '',
    // seniority is not known for an imported profile and is never shown for one
    label: { role, family: role, seniority: 'mid' },
    text,
  };
}

/**
 * `vectorOf` gives a kept row's precomputed vector, or why it cannot be used (the row is
 * then skipped with that reason).
 */
export function buildProfiles(table: Table, m: ColumnMapping, vectorOf?: (r: number) => Float32Array | string): BuiltProfiles {
  const { columns } = table;
  const col = (c: string | null) => (c === null ? -1 : columns.indexOf(c));
  const [idCol, nameCol, headlineCol, labelCol] = [col(m.id), col(m.name), col(m.headline), col(m.label)];
  const cell = (row: string[], i: number) => (i < 0 ? '' : (row[i] ?? '').trim());
  const skipped: SkippedRow[] = [...table.skipped];
  const profiles: Profile[] = [];
  const vectors: Float32Array[] = [];
  const firstRowOf = new Map<string, number>();
  table.rows.forEach((row, r) => {
    const rowNumber = table.rowNumbers[r];
    const skip = (reason: string) => skipped.push({ row: rowNumber, line: table.lines[r], reason, values: row });
    const id = idCol < 0 ? `row-${rowNumber}` : cell(row, idCol);
    if (id === '') return skip(`has no id in "${m.id}": fill it in, or choose "number the rows" for the id`);
    const earlier = firstRowOf.get(id);
    if (earlier !== undefined) return skip(`repeats the id "${id}" of row ${earlier}: give each profile its own id, or choose "number the rows" for the id`);
    const text = composeText(columns, row, m.text);
    if (text === '') return skip(`has no text in ${m.text.map((c) => `"${c}"`).join(', ')}: fill it in or choose other text columns`);
    const vector = vectorOf?.(r);
    if (typeof vector === 'string') return skip(vector);
    if (vector) vectors.push(vector);
    firstRowOf.set(id, rowNumber);
    profiles.push(importedProfile(id, text, cell(row, nameCol) || id, cell(row, headlineCol), cell(row, labelCol)));
  });
  skipped.sort((a, b) => a.row - b.row);
  return { profiles, skipped, vectors };
}

/**
 * Rows to labelled job descriptions. The label cell names the relevant roles, separated by
 * ";" or "|": the first is the job's own role (grade 2), the others related (grade 1), as in
 * the bundled set. A job without a label cannot be scored against, so it is skipped.
 */
export function buildJobs(table: Table, m: ColumnMapping): { jobs: JobDescription[]; skipped: SkippedRow[] } {
  const { columns } = table;
  const col = (c: string | null) => (c === null ? -1 : columns.indexOf(c));
  const [idCol, titleCol, labelCol] = [col(m.id), col(m.headline ?? m.name), col(m.label)];
  const skipped: SkippedRow[] = [...table.skipped];
  const jobs: JobDescription[] = [];
  const firstRowOf = new Map<string, number>();
  table.rows.forEach((row, r) => {
    const rowNumber = table.rowNumbers[r];
    const skip = (reason: string) => skipped.push({ row: rowNumber, line: table.lines[r], reason, values: row });
    const id = idCol < 0 ? `job-${rowNumber}` : (row[idCol] ?? '').trim();
    if (id === '') return skip(`has no id in "${m.id}": fill it in, or choose "number the rows" for the id`);
    const earlier = firstRowOf.get(id);
    if (earlier !== undefined) return skip(`repeats the id "${id}" of row ${earlier}: give each job description its own id, or choose "number the rows" for the id`);
    const text = composeText(columns, row, m.text);
    if (text === '') return skip(`has no text in ${m.text.map((c) => `"${c}"`).join(', ')}: fill it in or choose other text columns`);
    const roles = [...new Set((labelCol < 0 ? '' : (row[labelCol] ?? '')).split(/[;|]/).map((x) => x.trim()).filter(Boolean))];
    if (roles.length === 0) return skip(`has no relevant role in "${m.label}": name the role this job is for (related roles after a ";")`);
    firstRowOf.set(id, rowNumber);
    const relevant: Record<string, RelevanceGrade> = {};
    roles.forEach((role, i) => (relevant[role] = i === 0 ? 2 : 1));
    const title = titleCol < 0 ? '' : (row[titleCol] ?? '').trim();
    jobs.push({ id, title: title || text.slice(0, 40), text, role: roles[0], family: roles[0], relevant });
  });
  skipped.sort((a, b) => a.row - b.row);
  return { jobs, skipped };
}
