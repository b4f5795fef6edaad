/**
 * Headlines and "About" summaries. Summaries come in several styles (first
 * person, third person, long, terse, list-like), each assembled from
 * interchangeable sentence templates and the role's own phrase banks.
 */
import type { Rng } from './random';
import type { RoleInfo } from './roles';
import { baseForm, capitalize, fill, joinList, lowerTitle, thirdPerson, withArticle, type SlotFns } from './text';
import { ENVIRONMENTS, HOBBIES, OPPORTUNITIES } from './world';

export interface CareerChange {
  prevRole: RoleInfo;
  prevTitle: string;
  prevYears: number;
  switchYear: number;
}

export interface PersonContext {
  first: string;
  role: RoleInfo;
  /** Current job title (most recent entry). */
  title: string;
  years: number;
  company: string;
  industry: string;
  city: string;
  /** Earlier employers, most recent first, without the current one. */
  prevCompanies: string[];
  change: CareerChange | null;
  /** Slots for the current entry (domain, company, numbers…). */
  slots: SlotFns;
}

/** Alternates items of two lists: a1, b1, a2, b2, … */
function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i] as T);
    if (i < b.length) out.push(b[i] as T);
  }
  return out;
}

/** "a and b", or "a, plus b" when either already contains "and". */
function pair(a: string, b: string): string {
  return / and /.test(`${a} ${b}`) ? `${a}, plus ${b}` : `${a} and ${b}`;
}

function yearsText(n: number): string {
  return n === 1 ? '1 year' : `${n} years`;
}

/** n focus areas, mostly the role's own, some from its family and shared banks. */
export function pickFocus(rng: Rng, role: RoleInfo, n: number): string[] {
  const own = rng.shuffle(role.def.focus);
  const other = interleave(rng.shuffle(role.banks.flatMap((b) => b.focus)), rng.shuffle(role.shared.focus));
  const ownCount = Math.min(own.length, Math.ceil(n * 0.67));
  const picked = [...own.slice(0, ownCount)];
  for (const f of [...other, ...own.slice(ownCount)]) {
    if (picked.length >= n) break;
    if (!picked.some((p) => p.toLowerCase() === f.toLowerCase())) picked.push(f);
  }
  return rng.shuffle(picked);
}

/** n "does" phrases (base-form verb phrases), mostly role-specific. */
function pickDoes(rng: Rng, role: RoleInfo, n: number, slots: SlotFns): string[] {
  const own = rng.shuffle(role.def.does);
  const other = interleave(rng.shuffle(role.banks.flatMap((b) => b.does)), rng.shuffle(role.shared.does));
  const out: string[] = [];
  while (out.length < n && (own.length > 0 || other.length > 0)) {
    const fromOwn = own.length > 0 && (other.length === 0 || rng.chance(0.62));
    const phrase = (fromOwn ? own : other).shift();
    if (phrase) out.push(fill(phrase, slots, (o) => rng.pick(o)));
  }
  return out;
}

export function buildHeadline(rng: Rng, ctx: PersonContext): string {
  const { role, title, slots } = ctx;
  const roll = rng.next();
  if (roll < 0.18) return fill(rng.pick(role.def.headlines), slots, (o) => rng.pick(o));
  const [f1 = '', f2 = '', f3 = ''] = pickFocus(rng, role, 3).map(capitalize);
  if (roll < 0.23) {
    return rng.pick([`${f1} | ${f2} | ${f3}`, `${f1} & ${f2.toLowerCase()} in ${ctx.industry}`, `${f1} · ${f2} · ${ctx.city}`]);
  }
  const options = [
    `${title} at ${ctx.company}`,
    `${title} | ${f1} | ${f2}`,
    `${title} · ${capitalize(ctx.industry)}`,
    `${title}, ${slots.domain?.() ?? ''}`,
    `${title} | ${f1}`,
    `${title} at ${ctx.company} | ${f1}`,
    `${title} · ${ctx.city}`,
  ];
  const prev = ctx.prevCompanies[0];
  if (prev) options.push(`${title} at ${ctx.company} | ex-${prev}`, `${title} | ex-${prev}`);
  return rng.pick(options);
}

type Style = 'first' | 'third' | 'long' | 'terse' | 'list';

export function buildSummary(rng: Rng, ctx: PersonContext): string {
  const style = rng.weighted<Style>([
    ['first', 0.34],
    ['third', 0.24],
    ['long', 0.12],
    ['terse', 0.15],
    ['list', 0.15],
  ]);
  const focus = pickFocus(rng, ctx.role, 4);
  switch (style) {
    case 'first':
      return firstPerson(rng, ctx, focus, rng.int(1, 3), rng.chance(0.6) ? 1 : 0);
    case 'long':
      return firstPerson(rng, ctx, focus, rng.int(3, 4), 2);
    case 'third':
      return thirdPersonSummary(rng, ctx, focus);
    case 'terse':
      return terse(rng, ctx, focus);
    case 'list':
      return listStyle(rng, ctx, focus);
  }
}

function firstOpener(rng: Rng, ctx: PersonContext, focus: string[]): string {
  const [f1 = '', f2 = '', f3 = ''] = focus;
  const { title, years, company, industry, city, first } = ctx;
  const aT = withArticle(lowerTitle(title));
  const withTitle = [
    `${title} with ${yearsText(years)} of experience in ${industry}.`,
    `I'm ${aT} at ${company}, based in ${city}.`,
    `${years}+ years in ${industry}, currently working as ${aT} at ${company}.`,
    `Hi, I'm ${first}, ${aT} who cares about ${f1}.`,
    `${title} focused on ${pair(f1, f2)}.`,
    `I work as ${aT} at ${company}, where most of my time goes into ${f1}.`,
  ];
  const noTitle = [
    `I've spent ${yearsText(years)} working on ${pair(f1, f2)}.`,
    `Most of my ${yearsText(years)} of work have been about ${f1}.`,
    `Currently at ${company}, working on ${f1} in ${industry}.`,
    `${capitalize(f1)}, ${f2}, and ${f3}: that's where I spend most of my time.`,
  ];
  return rng.pick(rng.chance(0.35) ? noTitle : withTitle);
}

function changeSentenceFirst(rng: Rng, ctx: PersonContext, change: CareerChange): string {
  const aPrev = withArticle(lowerTitle(change.prevTitle));
  const field = ctx.role.def.field;
  const prevField = change.prevRole.def.field;
  return rng.pick([
    `Before moving into ${field}, I spent ${yearsText(change.prevYears)} as ${aPrev}.`,
    `I started out as ${aPrev} and switched to ${field} in ${change.switchYear}.`,
    `My background in ${prevField} still shapes how I work.`,
    `I came to ${field} from ${prevField}, and I'm glad I did.`,
  ]);
}

function closerFirst(rng: Rng, ctx: PersonContext, focus: string[], soFar: string): string {
  const [f1 = ''] = focus;
  const opp = fill(rng.pick(OPPORTUNITIES), { industry: () => ctx.industry, f1: () => f1 });
  const options = [
    `Open to ${opp}.`,
    `Always happy to chat about ${f1}.`,
    `Outside work, you'll find me ${rng.pick(HOBBIES)}.`,
    `I'm at my best in ${rng.pick(ENVIRONMENTS)}.`,
  ];
  if (!soFar.includes(ctx.city)) options.push(`Based in ${ctx.city}.`);
  return rng.pick(options.filter((o) => !soFar.includes(o)));
}

function firstPerson(rng: Rng, ctx: PersonContext, focus: string[], doesCount: number, closers: number): string {
  const sentences = [firstOpener(rng, ctx, focus)];
  const later = rng.shuffle(['I also {p}.', 'I {p}.', 'Lately, I {p}.', 'Most weeks I {p}.', 'And I {p}.']);
  pickDoes(rng, ctx.role, doesCount, ctx.slots).forEach((p, i) => {
    const pattern = i === 0 ? rng.pick(['I {p}.', 'Day to day, I {p}.', 'In practice, I {p}.', 'Mostly, I {p}.']) : later[i - 1];
    sentences.push((pattern ?? 'I {p}.').replace('{p}', baseForm(p)));
  });
  if (ctx.change && rng.chance(0.75)) sentences.push(changeSentenceFirst(rng, ctx, ctx.change));
  for (let i = 0; i < closers; i++) sentences.push(closerFirst(rng, ctx, focus, sentences.join(' ')));
  return sentences.join(' ');
}

function thirdPersonSummary(rng: Rng, ctx: PersonContext, focus: string[]): string {
  const [f1 = '', f2 = ''] = focus;
  const { first, title, years, company, industry, city } = ctx;
  const aT = withArticle(lowerTitle(title));
  const sentences = [
    rng.pick([
      `${first} is ${aT} at ${company} with ${yearsText(years)} of experience in ${industry}.`,
      `${first} has spent ${yearsText(years)} in ${industry}, most recently as ${aT} at ${company}.`,
      `Based in ${city}, ${first} works on ${pair(f1, f2)} at ${company}.`,
      `${first} brings ${yearsText(years)} of experience in ${f1} to the team at ${company}.`,
      `${first} works as ${aT} in ${city}.`,
    ]),
  ];
  const later = rng.shuffle([
    (p: string) => `They ${baseForm(p)}.`,
    (p: string) => `They also ${baseForm(p)}.`,
    (p: string) => `${first} also ${thirdPerson(p)}.`,
  ]);
  pickDoes(rng, ctx.role, rng.int(1, 3), ctx.slots).forEach((p, i) => {
    if (i === 0) {
      const lead = rng.pick([`${first} `, `Day to day, ${first} `, `At ${company}, ${first} `]);
      sentences.push(`${lead}${thirdPerson(p)}.`);
    } else {
      const sentence = later[(i - 1) % later.length] as (phrase: string) => string;
      sentences.push(sentence(p));
    }
  });
  if (ctx.change && rng.chance(0.75)) {
    const c = ctx.change;
    const aPrev = withArticle(lowerTitle(c.prevTitle));
    sentences.push(
      rng.pick([
        `${first} moved into ${ctx.role.def.field} after ${yearsText(c.prevYears)} as ${aPrev}.`,
        `Before ${ctx.role.def.field}, ${first} worked as ${aPrev}.`,
        `A background in ${c.prevRole.def.field} gives ${first} an unusual angle on the work.`,
      ]),
    );
  }
  if (rng.chance(0.5)) {
    const opp = fill(rng.pick(OPPORTUNITIES), { industry: () => industry, f1: () => f1 });
    sentences.push(
      rng.pick([
        `${first} is open to ${opp}.`,
        `Outside work, ${first} is usually ${rng.pick(HOBBIES)}.`,
        `${first} does best in ${rng.pick(ENVIRONMENTS)}.`,
      ]),
    );
  }
  return sentences.join(' ');
}

function terse(rng: Rng, ctx: PersonContext, focus: string[]): string {
  const [f1 = '', f2 = '', f3 = ''] = focus;
  const { title, years, company, industry, city } = ctx;
  const before = ctx.prevCompanies.length > 0 ? ` Before: ${ctx.prevCompanies.join(', ')}.` : '';
  const changed = ctx.change ? ` Previously ${lowerTitle(ctx.change.prevTitle)}.` : '';
  return rng.pick([
    `${title}. ${capitalize(yearsText(years))} in ${industry}. ${capitalize(f1)}, ${f2}, ${f3}.`,
    `${capitalize(f1)} · ${f2} · ${f3}. ${years}+ yrs. ${city}.${changed}`,
    `${capitalize(yearsText(years))} in ${industry}. Now: ${lowerTitle(title)} at ${company}.${before}`,
    `${title} at ${company}. Into ${pair(f1, f2)}.${changed}`,
  ]);
}

function listStyle(rng: Rng, ctx: PersonContext, focus: string[]): string {
  const { title, years, company } = ctx;
  const aT = withArticle(lowerTitle(title));
  const tools = rng.sample(ctx.role.def.tools ?? ctx.role.family.tools, 3);
  const variant = rng.int(0, 2);
  let text: string;
  if (variant === 0) {
    const does = pickDoes(rng, ctx.role, 3, ctx.slots);
    text = `${title} at ${company}. What I do: ${does.map(baseForm).join('; ')}.`;
  } else if (variant === 1) {
    text = `I'm ${aT} with ${yearsText(years)} of experience. Things I'm good at: ${joinList(focus)}.`;
  } else {
    text = `Areas of focus: ${focus.slice(0, 3).join(', ')}. Tools I use most: ${joinList(tools)}.`;
  }
  if (ctx.change && rng.chance(0.6)) text += ` ${changeSentenceFirst(rng, ctx, ctx.change)}`;
  if (rng.chance(0.4)) text += ` ${closerFirst(rng, ctx, focus, text)}`;
  return text;
}
