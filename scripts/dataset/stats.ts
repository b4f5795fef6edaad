/** Dataset statistics: counts, lengths, title-free shares and vocabulary overlap. */
import type { JobDescription, JobsFile, Profile, ProfilesFile } from '../../src/data/schema';
import { closePairs, getRole, hasRole, isClosePair, ROLES } from './roles';
import { mentionsRole, tokens, wordCount } from './text';

const STOPWORDS = new Set(
  'the and for with from that this into over their they them our your you are was were has have had been about across all also more most than then when where which while who why how its not but out per via can every each one two very just only such into onto within without'.split(
    ' ',
  ),
);

/** A word counts towards a role's vocabulary when at least this many of its profiles use it. */
export const MIN_PROFILES_PER_WORD = 2;

export interface LengthStats {
  mean: number;
  min: number;
  max: number;
}

export interface PairOverlap {
  a: string;
  b: string;
  jaccard: number;
}

export interface DatasetStats {
  profileCount: number;
  jobCount: number;
  roles: { role: string; family: string; profiles: number; jobs: number }[];
  families: { family: string; roles: number; profiles: number; jobs: number }[];
  profileWords: LengthStats;
  jobWords: LengthStats;
  headlineWithoutTitleShare: number;
  careerChangerShare: number;
  jobWithoutTitleShare: number;
  closePairs: PairOverlap[];
  nonCloseMean: number;
  nonClosePairCount: number;
  sameFamilyNonCloseMean: number;
}

/** All searchable text of a profile. */
export function profileText(p: Profile): string {
  return [
    p.headline,
    p.summary,
    ...p.experience.flatMap((e) => [`${e.title}, ${e.company}`, ...e.bullets]),
    p.skills.join(', '),
    p.education,
  ].join('\n');
}

export function headlineNamesRole(p: Profile): boolean {
  return p.headline.toLowerCase().includes(p.label.role.toLowerCase());
}

/** A career changer has an experience entry whose title is not on the labelled role's own path. */
export function isCareerChanger(p: Profile): boolean {
  const role = getRole(p.label.role);
  return p.experience.some((e) => !role.allTitles.has(e.title));
}

/** Whether a JD names its role (name as substring, or an alias as a whole word). */
export function jobNamesRole(job: JobDescription): boolean {
  const def = hasRole(job.role) ? getRole(job.role).def : { name: job.role };
  return mentionsRole(`${job.title}\n${job.text}`, def);
}

function lengths(values: number[]): LengthStats {
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    mean: values.length > 0 ? sum / values.length : 0,
    min: values.length > 0 ? Math.min(...values) : 0,
    max: values.length > 0 ? Math.max(...values) : 0,
  };
}

/** Word set of a profile without its name, company names and location. */
function vocabulary(p: Profile): string[] {
  const text = [p.headline, p.summary, ...p.experience.flatMap((e) => [e.title, ...e.bullets]), p.skills.join(' ')].join(' ');
  const drop = new Set(tokens([p.name, p.location, ...p.experience.map((e) => e.company)].join(' ')));
  return tokens(text).filter((t) => !STOPWORDS.has(t) && !drop.has(t));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

export function datasetStats(profilesFile: ProfilesFile, jobsFile: JobsFile): DatasetStats {
  const { profiles } = profilesFile;
  const { jobs } = jobsFile;
  // Word set per role: words used by at least MIN_PROFILES_PER_WORD of its profiles (drops one-off noise).
  const docFreq = new Map<string, Map<string, number>>();
  for (const p of profiles) {
    const freq = docFreq.get(p.label.role) ?? new Map<string, number>();
    for (const t of new Set(vocabulary(p))) freq.set(t, (freq.get(t) ?? 0) + 1);
    docFreq.set(p.label.role, freq);
  }
  const vocab = new Map<string, Set<string>>();
  for (const [role, freq] of docFreq) {
    vocab.set(role, new Set([...freq].filter(([, n]) => n >= MIN_PROFILES_PER_WORD).map(([t]) => t)));
  }

  const roles = ROLES.map((r) => ({
    role: r.def.name,
    family: r.family.name,
    profiles: profiles.filter((p) => p.label.role === r.def.name).length,
    jobs: jobs.filter((j) => j.role === r.def.name).length,
  }));
  const familyNames = [...new Set(ROLES.map((r) => r.family.name))];
  const families = familyNames.map((family) => {
    const inFamily = roles.filter((r) => r.family === family);
    return {
      family,
      roles: inFamily.length,
      profiles: inFamily.reduce((a, r) => a + r.profiles, 0),
      jobs: inFamily.reduce((a, r) => a + r.jobs, 0),
    };
  });

  const close = closePairs().map(([a, b]) => ({ a, b, jaccard: jaccard(vocab.get(a) ?? new Set(), vocab.get(b) ?? new Set()) }));
  const nonClose: number[] = [];
  const sameFamily: number[] = [];
  for (let i = 0; i < ROLES.length; i++) {
    for (let j = i + 1; j < ROLES.length; j++) {
      const a = ROLES[i];
      const b = ROLES[j];
      if (!a || !b || isClosePair(a.def.name, b.def.name)) continue;
      const value = jaccard(vocab.get(a.def.name) ?? new Set(), vocab.get(b.def.name) ?? new Set());
      nonClose.push(value);
      if (a.family === b.family) sameFamily.push(value);
    }
  }
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

  return {
    profileCount: profiles.length,
    jobCount: jobs.length,
    roles,
    families,
    profileWords: lengths(profiles.map((p) => wordCount(profileText(p)))),
    jobWords: lengths(jobs.map((j) => wordCount(j.text))),
    headlineWithoutTitleShare: profiles.filter((p) => !headlineNamesRole(p)).length / Math.max(1, profiles.length),
    careerChangerShare: profiles.filter(isCareerChanger).length / Math.max(1, profiles.length),
    jobWithoutTitleShare: jobs.filter((j) => !jobNamesRole(j)).length / Math.max(1, jobs.length),
    closePairs: close,
    nonCloseMean: mean(nonClose),
    nonClosePairCount: nonClose.length,
    sameFamilyNonCloseMean: mean(sameFamily),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatStats(s: DatasetStats): string {
  const lines: string[] = [];
  lines.push(`Profiles: ${s.profileCount}   Job descriptions: ${s.jobCount}   Roles: ${s.roles.length}   Families: ${s.families.length}`);
  lines.push('', 'Per family (roles / profiles / JDs):');
  for (const f of s.families) lines.push(`  ${f.family.padEnd(18)} ${String(f.roles).padStart(3)} ${String(f.profiles).padStart(6)} ${String(f.jobs).padStart(4)}`);
  lines.push('', 'Per role (profiles / JDs):');
  for (const r of s.roles) lines.push(`  ${r.role.padEnd(34)} ${r.family.padEnd(18)} ${String(r.profiles).padStart(4)} ${String(r.jobs).padStart(3)}`);
  const len = (l: LengthStats) => `mean ${l.mean.toFixed(1)}, min ${l.min}, max ${l.max}`;
  lines.push('', `Profile length (words): ${len(s.profileWords)}`);
  lines.push(`JD length (words):      ${len(s.jobWords)}`);
  lines.push('', `Headlines without the role title: ${pct(s.headlineWithoutTitleShare)}`);
  lines.push(`Career changers:                  ${pct(s.careerChangerShare)}`);
  lines.push(`JDs without the role title:       ${pct(s.jobWithoutTitleShare)}`);
  lines.push('', `Vocabulary overlap (Jaccard of per-role word sets; words used by >= ${MIN_PROFILES_PER_WORD} profiles of the role):`);
  for (const p of s.closePairs) lines.push(`  ${`${p.a} / ${p.b}`.padEnd(62)} ${p.jaccard.toFixed(3)}`);
  const closeMean = s.closePairs.reduce((a, p) => a + p.jaccard, 0) / Math.max(1, s.closePairs.length);
  lines.push(`  ${'mean over close pairs'.padEnd(62)} ${closeMean.toFixed(3)}`);
  lines.push(`  ${`mean over all ${s.nonClosePairCount} non-close pairs`.padEnd(62)} ${s.nonCloseMean.toFixed(3)}`);
  lines.push(`  ${'mean over non-close pairs in the same family'.padEnd(62)} ${s.sameFamilyNonCloseMean.toFixed(3)}`);
  return lines.join('\n');
}
