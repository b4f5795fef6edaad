/** Builds one synthetic profile: career path, headline, summary, skills, education. */
import { SENIORITIES, type ExperienceEntry, type Profile, type Seniority } from '../../src/data/schema';
import type { Rng } from './random';
import { getRole, type RoleInfo } from './roles';
import { GENERAL_SKILLS, JUNIOR_BULLETS, LEAD_BULLETS, LEAD_SKILLS } from './shared';
import { domainsOf, makeSlots, pickCompany } from './slots';
import { buildHeadline, buildSummary, type CareerChange, type PersonContext } from './summary';
import { fill } from './text';
import { FIRST_NAMES, LAST_NAMES, PLACES, UNIVERSITIES, type Company, type Place } from './world';

/** "Now" for the dataset; fixed so output never depends on the clock. */
export const REFERENCE_YEAR = 2025;

const YEAR_RANGES: Record<Seniority, readonly [number, number]> = {
  junior: [2, 3],
  mid: [3, 6],
  senior: [6, 11],
  lead: [10, 20],
};
const SENIORITY_WEIGHTS: Record<Seniority, number> = { junior: 0.2, mid: 0.35, senior: 0.3, lead: 0.15 };
const ENTRY_COUNTS: Record<Seniority, readonly (readonly [number, number])[]> = {
  junior: [[2, 1]],
  mid: [[2, 0.5], [3, 0.5]],
  senior: [[2, 0.2], [3, 0.5], [4, 0.3]],
  lead: [[3, 0.5], [4, 0.5]],
};

function rank(s: Seniority): number {
  return SENIORITIES.indexOf(s);
}

function minSeniority(a: Seniority, b: Seniority): Seniority {
  return rank(a) <= rank(b) ? a : b;
}

export function seniorityForYears(years: number): Seniority {
  if (years < 3) return 'junior';
  if (years < 6) return 'mid';
  if (years < 10) return 'senior';
  return 'lead';
}

/** Closest allowed seniority at or above `s` (or the highest allowed). */
function clampToAllowed(role: RoleInfo, s: Seniority): Seniority {
  const above = role.seniorities.filter((x) => rank(x) >= rank(s));
  return above[0] ?? role.seniorities[role.seniorities.length - 1] ?? s;
}

/** Splits `total` years into `parts` positive integers, in random order. */
function splitYears(rng: Rng, total: number, parts: number): number[] {
  const cuts = rng
    .sample(Array.from({ length: total - 1 }, (_, i) => i + 1), parts - 1)
    .sort((a, b) => a - b);
  const bounds = [0, ...cuts, total];
  return bounds.slice(1).map((b, i) => b - (bounds[i] as number));
}

interface EntryPlan {
  role: RoleInfo;
  seniority: Seniority;
  start: number;
  end: number;
  company: Company;
  domain: string;
}

function pickBullets(rng: Rng, plan: EntryPlan, count: number, used: Set<string>, place: Place): string[] {
  const { role } = plan;
  const belowRole = !role.seniorities.includes(plan.seniority) && role.def.feeder;
  const own = belowRole ? getRole(role.def.feeder ?? role.def.name).def.bullets : role.def.bullets;
  const family = role.shared.bullets;
  const banks = role.banks.flatMap((b) => b.bullets);
  const bySeniority =
    plan.seniority === 'junior' ? JUNIOR_BULLETS : plan.seniority === 'mid' || belowRole ? [] : LEAD_BULLETS;
  const slots = makeSlots(rng, { role, company: plan.company, domain: plan.domain, place });
  const weights: [readonly string[], number][] = [
    [own, banks.length > 0 ? 0.5 : 0.55],
    [family, banks.length > 0 ? 0.15 : 0.33],
    [banks, 0.23],
    [bySeniority, 0.12],
  ];
  const out: string[] = [];
  while (out.length < count) {
    const open = weights
      .map(([pool, w]) => [pool.filter((t) => !used.has(t)), w] as const)
      .filter(([pool]) => pool.length > 0);
    // Everything used already (long careers in small banks): reuse the role's own lines.
    const template = open.length > 0 ? rng.pick(rng.weighted(open)) : rng.pick(own);
    used.add(template);
    out.push(fill(template, slots, (o) => rng.pick(o)));
  }
  return out;
}

function pickSkills(rng: Rng, role: RoleInfo, seniority: Seniority, prev: RoleInfo | null): string[] {
  const n = rng.int(6, 12);
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (skills: readonly string[], count: number) => {
    for (const s of rng.shuffle(skills)) {
      if (count <= 0 || out.length >= n) break;
      if (seen.has(s.toLowerCase())) continue;
      seen.add(s.toLowerCase());
      out.push(s);
      count--;
    }
  };
  add(role.def.skills, Math.ceil(n * 0.55));
  add(role.banks.flatMap((b) => b.skills), rng.int(1, 3));
  if (prev) add(prev.def.skills, rng.int(1, 2));
  if (seniority === 'lead' || seniority === 'senior') add(LEAD_SKILLS, rng.int(0, 1));
  add(GENERAL_SKILLS, rng.int(0, 2));
  add(role.shared.skills, n);
  add(role.def.skills, n);
  return rng.shuffle(out);
}

function buildEducation(rng: Rng, role: RoleInfo, years: number): string {
  const degree = rng.pick(role.def.degrees ?? role.family.degrees);
  const school = rng.pick(UNIVERSITIES);
  const year = REFERENCE_YEAR - years - rng.int(0, 1);
  const base = rng.pick([`${degree}, ${school} (${year})`, `${degree} · ${school}, ${year}`, `${school}: ${degree}`]);
  const certs = role.def.certs ?? [];
  return certs.length > 0 && rng.chance(0.35) ? `${base}; ${rng.pick(certs)}` : base;
}

/** Roles a changer into `role` could come from (never sharing titles with it). */
export function changeOrigins(role: RoleInfo): RoleInfo[] {
  return role.def.changedFrom.map(getRole).filter((r) => ![...r.allTitles].some((t) => role.allTitles.has(t)));
}

/** One profile; `changer` profiles start their career in a neighbouring role (see changeOrigins). */
export function buildProfile(rng: Rng, role: RoleInfo, id: string, changer: boolean): Profile {
  const first = rng.pick(FIRST_NAMES);
  const name = `${first} ${rng.pick(LAST_NAMES)}`;
  const place = rng.pick(PLACES);
  let seniority = rng.weighted(role.seniorities.map((s) => [s, SENIORITY_WEIGHTS[s]] as const));
  const years = rng.int(...YEAR_RANGES[seniority]);
  const entryCount = Math.min(years, rng.weighted(ENTRY_COUNTS[seniority]));
  const durations = splitYears(rng, years, entryCount);

  const origins = changeOrigins(role);
  const prevRole = changer && origins.length > 0 ? rng.pick(origins) : null;
  const prevCount = prevRole ? rng.int(1, entryCount - 1) : 0;
  const currentCount = entryCount - prevCount;
  if (prevRole) {
    const yearsInRole = durations.slice(0, currentCount).reduce((a, b) => a + b, 0);
    seniority = clampToAllowed(role, minSeniority(seniority, seniorityForYears(yearsInRole + 3)));
  }

  const careerStart = REFERENCE_YEAR - years;
  const plans: EntryPlan[] = [];
  let cursor = REFERENCE_YEAR;
  durations.forEach((d, i) => {
    const entryRole = i < currentCount ? role : (prevRole ?? role);
    const start = cursor - d;
    // Title held for most of the entry: experience at its midpoint.
    const expMid = start - careerStart + Math.ceil(d / 2);
    const entrySeniority =
      i === 0 ? seniority : minSeniority(entryRole === role ? seniority : 'senior', seniorityForYears(expMid));
    // Sometimes the later (previous) entry was a promotion at the same employer.
    const previous = plans[i - 1];
    const promotion =
      previous && previous.role === entryRole && rank(previous.seniority) > rank(entrySeniority) && rng.chance(0.35);
    const company = promotion ? previous.company : pickCompany(rng, entryRole, new Set(plans.map((p) => p.company.name)));
    plans.push({ role: entryRole, seniority: entrySeniority, start, end: cursor, company, domain: rng.pick(domainsOf(entryRole)) });
    cursor = start;
  });

  const used = new Set<string>();
  const experience: ExperienceEntry[] = plans.map((plan, i) => ({
    title: rng.pick(plan.role.titles[plan.seniority]),
    company: plan.company.name,
    period: i === 0 ? `${plan.start} – present` : `${plan.start} – ${plan.end}`,
    bullets: pickBullets(rng, plan, i === 0 ? rng.int(2, 4) : i === 1 ? rng.int(2, 3) : rng.int(1, 2), used, place),
  }));

  const current = plans[0] as EntryPlan;
  const currentTitle = (experience[0] as ExperienceEntry).title;
  let change: CareerChange | null = null;
  if (prevRole) {
    const firstPrev = currentCount;
    const prevEntry = experience[firstPrev] as ExperienceEntry;
    const prevYears = durations.slice(firstPrev).reduce((a, b) => a + b, 0);
    change = { prevRole, prevTitle: prevEntry.title, prevYears, switchYear: (plans[firstPrev] as EntryPlan).end };
  }
  const prevCompanies = [...new Set(plans.slice(1).map((p) => p.company.name))].filter((c) => c !== current.company.name);
  const ctx: PersonContext = {
    first,
    role,
    title: currentTitle,
    years,
    company: current.company.name,
    industry: current.company.industry,
    city: place.city,
    prevCompanies,
    change,
    slots: makeSlots(rng, { role, company: current.company, domain: current.domain, place }),
  };

  return {
    id,
    name,
    headline: buildHeadline(rng, ctx),
    location: place.label,
    yearsExperience: years,
    summary: buildSummary(rng, ctx),
    experience,
    skills: pickSkills(rng, role, seniority, prevRole),
    education: buildEducation(rng, prevRole && rng.chance(0.7) ? prevRole : role, years),
    label: { role: role.def.name, family: role.family.name, seniority },
  };
}
