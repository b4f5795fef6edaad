/** Values for {slot} placeholders in the text banks. */
import type { Rng } from './random';
import type { RoleInfo } from './roles';
import { capitalize, withArticle, type SlotFns } from './text';
import { COMPANIES, type Company, type Place } from './world';

const NUMS = [15, 20, 25, 30, 40, 50, 60, 75, 80, 120, 150, 200, 250, 300, 400, 500, 600, 800];
const KS = [5, 8, 12, 20, 35, 50, 80, 120, 200, 350];

export interface SlotContext {
  role: RoleInfo;
  company: Company;
  domain: string;
  place: Place;
}

function money(rng: Rng, currency: Place['currency']): string {
  if (rng.chance(0.45)) return `${currency}${rng.int(2, 9) * 100}k`;
  const tenths = rng.int(11, 49);
  return `${currency}${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}M`;
}

export function domainsOf(role: RoleInfo): readonly string[] {
  return role.def.domains ?? role.family.domains;
}

export function toolsOf(role: RoleInfo): readonly string[] {
  return role.def.tools ?? role.family.tools;
}

/** A company from one of the role's sectors, avoiding the names in `exclude` when possible. */
export function pickCompany(rng: Rng, role: RoleInfo, exclude: ReadonlySet<string> = new Set()): Company {
  const sector = rng.pick(role.def.sectors ?? role.family.sectors);
  const pool = COMPANIES[sector].filter((c) => !exclude.has(c.name));
  return rng.pick(pool.length > 0 ? pool : COMPANIES[sector]);
}

export function makeSlots(rng: Rng, ctx: SlotContext): SlotFns {
  const tools = toolsOf(ctx.role);
  return {
    pct: () => String(rng.int(8, 60)),
    pct2: () => String(rng.int(3, 15)),
    pctHi: () => String(rng.int(82, 97)),
    quota: () => String(rng.int(104, 160)),
    nrr: () => String(rng.int(104, 128)),
    n: () => String(rng.int(3, 12)),
    num: () => String(rng.pick(NUMS)),
    k: () => String(rng.pick(KS)),
    money: () => money(rng, ctx.place.currency),
    acv: () => `${ctx.place.currency}${rng.pick([25, 40, 60, 80, 120, 150, 250, 400])}k`,
    ms: () => String(rng.int(4, 30) * 10),
    days: () => String(rng.int(2, 5)),
    weeks: () => String(rng.int(3, 10)),
    tool: () => rng.pick(tools),
    domain: () => ctx.domain,
    domainC: () => capitalize(ctx.domain),
    aDomain: () => withArticle(ctx.domain),
    aIndustry: () => withArticle(ctx.company.industry),
    partner: () => rng.pick(ctx.role.family.partners),
    company: () => ctx.company.name,
    industry: () => ctx.company.industry,
    industryC: () => capitalize(ctx.company.industry),
    city: () => ctx.place.city,
  };
}
