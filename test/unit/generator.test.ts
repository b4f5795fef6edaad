// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { profileToText } from '../../src/data/profileText';
import { SENIORITIES, type JobsFile, type ProfilesFile } from '../../src/data/schema';
import {
  CLOSE_GROUPS,
  DEFAULT_SEED,
  datasetStats,
  generateDataset,
  getRole,
  isCareerChanger,
  validateRoles,
} from '../../scripts/dataset/index';
import { Rng } from '../../scripts/dataset/random';
import { baseForm, mentionsRole, thirdPerson, withArticle } from '../../scripts/dataset/text';

type Dataset = ReturnType<typeof generateDataset>;

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8')) as T;
}

/** The role's name as a lowercase substring, or one of its abbreviations as a whole word. */
function namesRole(text: string, role: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(role.toLowerCase())) return true;
  return (getRole(role).def.aliases ?? []).some((alias) => {
    const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![a-z0-9])${escaped}(?:s|es)?(?![a-z0-9])`).test(lower);
  });
}

let data: Dataset;

beforeAll(() => {
  data = generateDataset();
});

describe('random', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const seqA = Array.from({ length: 5 }, () => a.nextUint());
    expect(Array.from({ length: 5 }, () => b.nextUint())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint())).not.toEqual(seqA);
    expect(new Rng(7).fork('x').next()).toBe(new Rng(7).fork('x').next());
  });
});

describe('text helpers', () => {
  it('conjugates marked verb phrases and picks articles', () => {
    expect(thirdPerson('plan and +run launches')).toBe('plans and runs launches');
    expect(thirdPerson('carry a quota')).toBe('carries a quota');
    expect(baseForm('plan and +run launches')).toBe('plan and run launches');
    expect(withArticle('HR business partner')).toBe('an HR business partner');
    expect(withArticle('UX designer')).toBe('a UX designer');
    expect(withArticle('insurance')).toBe('an insurance');
  });

  it('matches abbreviations only as whole words', () => {
    const pm = getRole('Product Manager').def;
    expect(mentionsRole('Senior PM, payments', pm)).toBe(true);
    expect(mentionsRole('software development', pm)).toBe(false);
  });
});

describe('generateDataset', () => {
  it('has valid role definitions', () => {
    expect(validateRoles()).toEqual([]);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(generateDataset(DEFAULT_SEED)).toEqual(data);
    const other = generateDataset(DEFAULT_SEED + 1);
    expect(other.profiles.seed).toBe(DEFAULT_SEED + 1);
    expect(other.profiles.profiles[0]).not.toEqual(data.profiles.profiles[0]);
    expect(other.jobs.jobs.map((j) => j.text)).not.toEqual(data.jobs.jobs.map((j) => j.text));
  });

  it('has enough profiles, roles, families and job descriptions', () => {
    const { profiles } = data.profiles;
    expect(data.profiles.version).toBe(1);
    expect(data.jobs.version).toBe(1);
    expect(profiles.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(profiles.map((p) => p.label.role)).size).toBeGreaterThanOrEqual(40);
    expect(new Set(profiles.map((p) => p.label.family)).size).toBeGreaterThanOrEqual(8);
    expect(data.jobs.jobs.length).toBeGreaterThanOrEqual(60);
  });

  it('covers every close-pair role with at least 40 profiles', () => {
    const counts = new Map<string, number>();
    for (const p of data.profiles.profiles) counts.set(p.label.role, (counts.get(p.label.role) ?? 0) + 1);
    for (const role of CLOSE_GROUPS.flat()) expect(counts.get(role) ?? 0, role).toBeGreaterThanOrEqual(40);
  });

  it('has well-formed profiles', () => {
    for (const p of data.profiles.profiles) {
      expect(p.id).toMatch(/^p\d{4}$/);
      expect(p.experience.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.experience.length, p.id).toBeLessThanOrEqual(4);
      expect(p.experience[0]?.period, p.id).toMatch(/present$/);
      for (const e of p.experience) expect(e.bullets.length, p.id).toBeGreaterThan(0);
      expect(p.skills.length, p.id).toBeGreaterThanOrEqual(6);
      expect(p.skills.length, p.id).toBeLessThanOrEqual(12);
      expect(new Set(p.skills).size, p.id).toBe(p.skills.length);
      expect(SENIORITIES).toContain(p.label.seniority);
      const role = getRole(p.label.role);
      expect(role.family.name).toBe(p.label.family);
      expect(role.seniorities).toContain(p.label.seniority);
      expect(role.titles[p.label.seniority], p.id).toContain(p.experience[0]?.title);
      const text = JSON.stringify(p);
      expect(text, p.id).not.toMatch(/[{}]\w|undefined|NaN| \+[a-z]/);
    }
  });

  it('keeps seniority consistent with years of experience', () => {
    const minYears = { junior: 2, mid: 3, senior: 6, lead: 10 } as const;
    const maxYears = { junior: 3, mid: 6, senior: 11, lead: 20 } as const;
    for (const p of data.profiles.profiles) {
      expect(p.yearsExperience, p.id).toBeGreaterThanOrEqual(minYears[p.label.seniority]);
      // Career changers may sit below the level their total years suggest.
      if (!isCareerChanger(p)) expect(p.yearsExperience, p.id).toBeLessThanOrEqual(maxYears[p.label.seniority]);
    }
  });

  it('has unique ids', () => {
    const profileIds = data.profiles.profiles.map((p) => p.id);
    const jobIds = data.jobs.jobs.map((j) => j.id);
    expect(new Set(profileIds).size).toBe(profileIds.length);
    expect(new Set(jobIds).size).toBe(jobIds.length);
  });

  it('leaves the role title out of at least a quarter of headlines', () => {
    const { profiles } = data.profiles;
    const without = profiles.filter((p) => !p.headline.toLowerCase().includes(p.label.role.toLowerCase()));
    expect(without.length / profiles.length).toBeGreaterThanOrEqual(0.25);
  });

  it('includes career changers', () => {
    const share = data.profiles.profiles.filter(isCareerChanger).length / data.profiles.profiles.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);
  });

  it('has well-formed job descriptions, a third of them never naming the role', () => {
    const { jobs } = data.jobs;
    for (const j of jobs) {
      expect(j.id).toMatch(/^j\d{3}$/);
      expect(j.relevant[j.role], j.id).toBe(2);
      for (const [role, grade] of Object.entries(j.relevant)) {
        expect(() => getRole(role)).not.toThrow();
        expect([1, 2]).toContain(grade);
      }
      expect(getRole(j.role).family.name).toBe(j.family);
      const words = j.text.split(/\s+/).filter(Boolean).length;
      expect(words, j.id).toBeGreaterThanOrEqual(80);
      expect(words, j.id).toBeLessThanOrEqual(250);
    }
    const without = jobs.filter((j) => !namesRole(`${j.title}\n${j.text}`, j.role));
    expect(without.length / jobs.length).toBeGreaterThanOrEqual(1 / 3);
    for (const role of ['Product Manager', 'Product Marketing Manager']) {
      expect(jobs.filter((j) => j.role === role).length, role).toBeGreaterThanOrEqual(3);
    }
    const families = new Set(jobs.map((j) => j.family));
    expect(families.size).toBeGreaterThanOrEqual(8);
  });

  it('gives close pairs more shared vocabulary than other pairs', () => {
    const stats = datasetStats(data.profiles, data.jobs);
    const closeMean = stats.closePairs.reduce((a, p) => a + p.jaccard, 0) / stats.closePairs.length;
    expect(closeMean).toBeGreaterThan(stats.nonCloseMean);
    for (const pair of stats.closePairs) expect(pair.jaccard, `${pair.a} / ${pair.b}`).toBeGreaterThan(stats.nonCloseMean);
  });

  it('matches the committed public/data files', () => {
    const profiles = readJson<ProfilesFile>('../../public/data/profiles.json');
    const jobs = readJson<JobsFile>('../../public/data/jobs.json');
    expect(profiles).toEqual(data.profiles);
    expect(jobs).toEqual(data.jobs);
  });

  it('makes a larger dataset of distinct profiles on request (the browser benchmark)', () => {
    const big = generateDataset(DEFAULT_SEED, { profiles: 6000 });
    const profiles = big.profiles.profiles;
    expect(profiles).toHaveLength(6000);
    expect(new Set(profiles.map((p) => p.id)).size).toBe(6000);
    // distinct by the text the app embeds (and de-duplicates by its hash), not just by id
    expect(new Set(profiles.map(profileToText)).size).toBe(6000);
    expect(new Set(profiles.map((p) => p.label.role)).size).toBe(new Set(data.profiles.profiles.map((p) => p.label.role)).size);
    expect(big.jobs).toEqual(data.jobs);
    expect(() => generateDataset(DEFAULT_SEED, { profiles: 0 })).toThrow(/Invalid profile count/);
  });
});
