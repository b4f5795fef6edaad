import { SENIORITIES, type ExperienceEntry, type JobDescription, type Profile } from './schema';

/** A dataset problem, with the JSON path of the first bad value so users can fix it. */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'DatasetError';
  }
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Record<string, Json>, key: string, path: string, allowEmpty = false): string {
  const v = o[key];
  if (typeof v !== 'string') throw new DatasetError(`expected text in "${key}", got ${describe(v)}`, path);
  if (!allowEmpty && v.trim() === '') throw new DatasetError(`"${key}" is empty`, path);
  return v;
}

function strArray(o: Record<string, Json>, key: string, path: string): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new DatasetError(`expected a list of texts in "${key}", got ${describe(v)}`, path);
  }
  return v as string[];
}

function describe(v: Json): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

function experienceEntry(v: Json, path: string): ExperienceEntry {
  if (!isObject(v)) throw new DatasetError(`expected an object, got ${describe(v)}`, path);
  return {
    title: str(v, 'title', path),
    company: str(v, 'company', path, true),
    period: str(v, 'period', path, true),
    bullets: strArray(v, 'bullets', path),
  };
}

export function validateProfile(v: Json, path: string): Profile {
  if (!isObject(v)) throw new DatasetError(`expected a profile object, got ${describe(v)}`, path);
  const years = v.yearsExperience;
  if (typeof years !== 'number' || !Number.isFinite(years) || years < 0) {
    throw new DatasetError(`"yearsExperience" must be a non-negative number, got ${describe(years)}`, path);
  }
  if (!Array.isArray(v.experience)) throw new DatasetError(`"experience" must be a list`, path);
  const label = v.label;
  if (!isObject(label)) throw new DatasetError(`"label" must be an object with role, family, seniority`, path);
  const seniority = str(label, 'seniority', `${path}.label`);
  if (!(SENIORITIES as readonly string[]).includes(seniority)) {
    throw new DatasetError(`seniority must be one of ${SENIORITIES.join(', ')}, got "${seniority}"`, `${path}.label`);
  }
  return {
    id: str(v, 'id', path),
    name: str(v, 'name', path),
    headline: str(v, 'headline', path, true),
    location: str(v, 'location', path, true),
    yearsExperience: years,
    summary: str(v, 'summary', path, true),
    experience: v.experience.map((e, i) => experienceEntry(e, `${path}.experience[${i}]`)),
    skills: strArray(v, 'skills', path),
    education: str(v, 'education', path, true),
    label: {
      role: str(label, 'role', `${path}.label`),
      family: str(label, 'family', `${path}.label`),
      seniority: seniority as Profile['label']['seniority'],
    },
  };
}

export function validateJob(v: Json, path: string): JobDescription {
  if (!isObject(v)) throw new DatasetError(`expected a job description object, got ${describe(v)}`, path);
  const relevant = v.relevant;
  if (!isObject(relevant)) throw new DatasetError(`"relevant" must map role names to 1 or 2`, path);
  for (const [role, grade] of Object.entries(relevant)) {
    if (grade !== 1 && grade !== 2) {
      throw new DatasetError(`relevance of "${role}" must be 1 or 2, got ${describe(grade)}`, `${path}.relevant`);
    }
  }
  const role = str(v, 'role', path);
  if (relevant[role] !== 2) throw new DatasetError(`its own role "${role}" must have relevance 2`, path);
  return {
    id: str(v, 'id', path),
    title: str(v, 'title', path),
    text: str(v, 'text', path),
    role,
    family: str(v, 'family', path),
    relevant: relevant as JobDescription['relevant'],
  };
}

function listIn(file: Json, key: string, what: string): Json[] {
  if (!isObject(file)) throw new DatasetError(`expected a ${what} file object, got ${describe(file)}`, '$');
  const list = file[key];
  if (!Array.isArray(list)) throw new DatasetError(`expected a list in "${key}"`, '$');
  if (list.length === 0) throw new DatasetError(`the ${what} list is empty`, `$.${key}`);
  return list;
}

function assertUniqueIds(items: readonly { id: string }[], key: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new DatasetError(`duplicate id "${item.id}"`, `$.${key}[${i}]`);
    seen.add(item.id);
  });
}

export function validateProfilesFile(file: Json): Profile[] {
  const profiles = listIn(file, 'profiles', 'profiles').map((p, i) => validateProfile(p, `$.profiles[${i}]`));
  assertUniqueIds(profiles, 'profiles');
  return profiles;
}

export function validateJobsFile(file: Json): JobDescription[] {
  const jobs = listIn(file, 'jobs', 'jobs').map((j, i) => validateJob(j, `$.jobs[${i}]`));
  assertUniqueIds(jobs, 'jobs');
  return jobs;
}
