/** Job descriptions: several per family, a share of them never naming the role. */
import type { JobDescription, RelevanceGrade, Seniority } from '../../src/data/schema';
import type { Rng } from './random';
import { FAMILIES, getRole, type RoleInfo } from './roles';
import { domainsOf, makeSlots, pickCompany, toolsOf } from './slots';
import { capitalize, fill, joinList, lowerTitle, mentionsRole, wordCount, withArticle, type SlotFns } from './text';
import { BENEFITS, PLACES, REGIONS } from './world';

/** Share of job descriptions that never name their role. */
export const JD_AVOID_SHARE = 0.4;
export const JD_MIN_WORDS = 80;
export const JD_MAX_WORDS = 250;

const JD_SENIORITY: Record<Seniority, number> = { junior: 0.12, mid: 0.4, senior: 0.36, lead: 0.12 };
const YEARS_REQUIRED: Record<Seniority, number> = { junior: 1, mid: 3, senior: 5, lead: 8 };

const CULTURE = [
  'We work in small teams, write things down, and keep meetings short.',
  'We care about doing fewer things, better.',
  'People here are kind, direct, and generous with their time.',
  'We are proud of our work in {industry}, and of how we treat each other while doing it.',
];
/** For hospitals and schools, where "keep meetings short" would sound odd. */
const CULTURE_ON_SITE = [
  'We invest in training and help every member of the team to grow.',
  'Staff wellbeing matters to us, and our retention shows it.',
  'You will join a supportive, experienced team with a strong induction programme.',
];

interface Parts {
  intro: string;
  hire: string;
  duties: string[];
  needs: string[];
  bonus: string[];
  closing: string;
}

const bullets = (items: string[]): string[] => items.map((i) => `- ${capitalize(i)}`);
const numbered = (items: string[]): string[] => items.map((i, n) => `${n + 1}. ${capitalize(i)}`);

/** Different layouts, so JDs are not one template with words swapped. */
const STRUCTURES: ((p: Parts) => string)[] = [
  (p) =>
    [
      'About the team', `${p.intro} ${p.hire}`, '', "What you'll do", ...bullets(p.duties), '',
      "What you'll bring", ...bullets(p.needs), '', 'Nice to have', ...bullets(p.bonus), '', p.closing,
    ].join('\n'),
  (p) =>
    [
      p.intro,
      `${p.hire} Day to day, you'll ${joinList(p.duties)}.`,
      `You bring ${joinList(p.needs)}. It's a plus if you have ${joinList(p.bonus, 'or')}.`,
      p.closing,
    ].join('\n\n'),
  (p) =>
    [
      p.intro, '', 'The role', `${p.hire} You will:`, ...bullets(p.duties),
      'You might be a fit if you have:', ...bullets(p.needs), `Extra points for ${joinList(p.bonus, 'or')}.`, '', p.closing,
    ].join('\n'),
  (p) =>
    [
      `Team: ${p.intro}`, `Role: ${p.hire}`, `Scope: ${capitalize(p.duties.join('; '))}.`,
      `Must-haves: ${p.needs.join('; ')}.`, `Plus: ${p.bonus.join('; ')}.`, p.closing,
    ].join('\n'),
  (p) =>
    [
      `${p.intro} ${p.hire}`, '', 'Responsibilities:', ...numbered(p.duties), '', 'Requirements:', ...numbered(p.needs), '',
      `Nice to have: ${joinList(p.bonus)}.`, '', p.closing,
    ].join('\n'),
  (p) => {
    const [firstDuty = '', secondDuty = '', ...rest] = p.duties;
    const later = rest.length > 0 ? ` Beyond that, you'll ${joinList(rest)}.` : '';
    return [
      `Why this role? ${p.intro} ${p.hire}`,
      `In your first six months you will ${firstDuty} and ${secondDuty}.${later}`,
      `What we're looking for: ${joinList(p.needs)}.`,
      `Bonus: ${joinList(p.bonus)}.`,
      p.closing,
    ].join('\n\n');
  },
];

interface JobPlan {
  role: RoleInfo;
  avoid: boolean;
}

/** Which JDs to write, and which of them must not name the role. */
function planJobs(rng: Rng): JobPlan[] {
  const plans: JobPlan[] = [];
  const candidates: number[] = [];
  for (const family of FAMILIES) {
    for (const def of family.roles) {
      const role = getRole(def.name);
      const avoidable = def.jd.altTitles.length > 0;
      for (let j = 0; j < role.jdCount; j++) {
        // Roles with several JDs get one plain and one title-free JD for sure.
        const forced = avoidable && role.jdCount >= 2 && j === 1;
        if (avoidable && !forced && !(role.jdCount >= 2 && j === 0)) candidates.push(plans.length);
        plans.push({ role, avoid: forced });
      }
    }
  }
  const target = Math.ceil(plans.length * JD_AVOID_SHARE);
  let count = plans.filter((p) => p.avoid).length;
  for (const index of rng.shuffle(candidates)) {
    if (count >= target) break;
    const plan = plans[index];
    if (plan) {
      plan.avoid = true;
      count++;
    }
  }
  return plans;
}

/** Closing sentences: where the job is, then a shuffled choice of the rest. */
function closings(rng: Rng, onSite: boolean, city: string): string[] {
  const location = onSite
    ? rng.pick([`The role is based on site in ${city}.`, `You'll be based at our ${city} site, working a mix of shifts.`])
    : rng.pick([
        `This is a hybrid role based in ${city}, with two or three days a week in the office.`,
        `The role is fully remote within ${rng.pick(REGIONS)} time zones.`,
        `You'll be based in our ${city} office.`,
      ]);
  const extras = rng.shuffle([
    `We offer ${joinList(rng.sample(BENEFITS, 3))}.`,
    'We welcome applicants from all backgrounds and are happy to talk about flexible working.',
    'Interested? Send us your CV and a few lines on why this role appeals to you.',
    "Our interview process has three stages, and we'll give you feedback after each one.",
  ]);
  return rng.chance(0.5) ? [location, ...extras] : [extras[0] ?? '', location, ...extras.slice(1)];
}

function buildJob(rng: Rng, plan: JobPlan, id: string): JobDescription {
  const { role, avoid } = plan;
  const def = role.def;
  const allowed = (t: string) => !avoid || !mentionsRole(t, def);
  const seniority = rng.weighted(role.seniorities.map((s) => [s, JD_SENIORITY[s]] as const));
  const company = pickCompany(rng, role);
  const domain = rng.pick(domainsOf(role));
  const place = rng.pick(PLACES);
  const tools = toolsOf(role).filter(allowed);
  const slots: SlotFns = {
    ...makeSlots(rng, { role, company, domain, place }),
    tool: () => rng.pick(tools),
    yrs: () => String(YEARS_REQUIRED[seniority]),
  };
  // Filter templates before and after filling, so slot values cannot name the role either.
  const take = (items: readonly string[]) =>
    rng
      .shuffle(items.filter(allowed))
      .map((t) => fill(t, slots, (o) => rng.pick(o)))
      .filter(allowed);
  const pick = (items: readonly string[]) => {
    const [first] = take(items);
    if (first === undefined) throw new Error(`No usable text for ${def.name} JD ${id}`);
    return first;
  };

  const seniorTitle = rng.pick(role.titles[seniority]);
  let title: string;
  if (avoid) {
    title = pick(def.jd.altTitles);
    if (seniority === 'senior' && !/^(Head|Lead|Senior|Director)/.test(title) && rng.chance(0.5)) title = `Senior ${title}`;
  } else {
    const options = [`${seniorTitle}, ${domain}`, `${seniorTitle} (${domain})`, seniorTitle];
    if (def.short) options.push(`${seniority === 'senior' ? 'Senior ' : ''}${def.short}, ${domain}`);
    title = rng.pick(options);
  }

  let hire: string;
  if (avoid || rng.chance(0.25)) {
    const phrase = pick(def.jd.hire);
    hire = rng.pick([`We're looking for ${phrase}.`, `We need ${phrase}.`, `This role is for ${phrase}.`, `We're hiring ${phrase}.`]);
  } else {
    const lower = lowerTitle(seniorTitle);
    hire = rng.pick([
      `We're hiring ${withArticle(lower)} to join the ${domain} team.`,
      `We're looking for ${withArticle(lower)} who wants real ownership.`,
      `As ${withArticle(lower)} here, you'll join a team that cares about doing things properly.`,
      `This ${lower} role sits in our ${domain} team.`,
    ]);
  }

  const onSite = role.family.name === 'Healthcare' || (role.family.name === 'Education' && def.name === 'Teacher');
  const [team = '', otherTeam = ''] = take(def.teams ?? role.family.teams);
  const introSentences = [team, fill(rng.pick(onSite ? CULTURE_ON_SITE : CULTURE), slots), otherTeam].filter(Boolean);
  const duties = take(def.jd.duties);
  // Exactly one "N+ years" line: the role's own, else the family's.
  const hasYears = (n: string) => n.includes('{yrs}');
  const yearsNeed = take(def.jd.needs.filter(hasYears))[0] ?? take(role.shared.needs.filter(hasYears))[0];
  const otherNeeds = [...take(def.jd.needs.filter((n) => !hasYears(n))), ...take(role.shared.needs.filter((n) => !hasYears(n)))];
  const needs = [...(yearsNeed ? [yearsNeed] : []), ...rng.shuffle(otherNeeds)];
  const bonus = rng.shuffle([...take(def.jd.bonus), ...take(role.shared.bonus)]);
  const closingSentences = closings(rng, onSite, place.city);
  const structure = rng.pick(STRUCTURES);

  // Mostly mid-length; some terse, some long.
  const length = rng.weighted([['short', 0.25], ['medium', 0.5], ['long', 0.25]] as const);
  let counts =
    length === 'short'
      ? { intro: 1, duties: 2, needs: 2, bonus: 1, closing: 1 }
      : length === 'long'
        ? { intro: 3, duties: rng.int(5, 7), needs: rng.int(5, 6), bonus: 3, closing: 3 }
        : { intro: rng.int(1, 2), duties: rng.int(3, 5), needs: rng.int(3, 5), bonus: rng.int(1, 3), closing: 2 };
  for (let attempt = 0; attempt < 20; attempt++) {
    const text = structure({
      intro: introSentences.slice(0, counts.intro).join(' '),
      hire,
      duties: duties.slice(0, counts.duties),
      needs: needs.slice(0, counts.needs),
      bonus: bonus.slice(0, counts.bonus),
      closing: closingSentences.slice(0, counts.closing).join(' '),
    });
    const words = wordCount(text);
    if (words >= JD_MIN_WORDS && words <= JD_MAX_WORDS) {
      if (avoid && mentionsRole(`${title}\n${text}`, def)) throw new Error(`JD ${id} for ${def.name} names the role:\n${title}\n${text}`);
      const relevant: Record<string, RelevanceGrade> = {};
      for (const r of def.related) relevant[r] = 1;
      relevant[def.name] = 2;
      return { id, title, text, role: def.name, family: role.family.name, relevant };
    }
    const grow = words < JD_MIN_WORDS ? 1 : -1;
    const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
    counts = {
      intro: clamp(counts.intro + grow, 1, introSentences.length),
      duties: clamp(counts.duties + grow, 2, duties.length),
      needs: clamp(counts.needs + grow, 2, needs.length),
      bonus: clamp(counts.bonus + grow, 1, bonus.length),
      closing: clamp(counts.closing + grow, 1, closingSentences.length),
    };
  }
  throw new Error(`Could not fit JD ${id} for ${def.name} into ${JD_MIN_WORDS}-${JD_MAX_WORDS} words`);
}

export function generateJobs(rng: Rng): JobDescription[] {
  return planJobs(rng).map((plan, i) => buildJob(rng, plan, `j${String(i + 1).padStart(3, '0')}`));
}
