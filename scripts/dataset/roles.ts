/** The role registry: families, resolved titles, close groups and validation. */
import { SENIORITIES, type Seniority } from '../../src/data/schema';
import { data } from './families/data';
import { design } from './families/design';
import { education } from './families/education';
import { engineering } from './families/engineering';
import { finance } from './families/finance';
import { healthcare } from './families/healthcare';
import { legal } from './families/legal';
import { marketing } from './families/marketing';
import { operations } from './families/operations';
import { people } from './families/people';
import { product } from './families/product';
import { sales } from './families/sales';
import { SHARED_BANKS } from './shared';
import type { FamilyDef, RoleDef, SharedBank } from './types';

export const FAMILIES: readonly FamilyDef[] = [
  product, engineering, data, design, sales, marketing, people, finance, operations, legal, healthcare, education,
];

/** Groups of roles that are easy to confuse; every pair inside a group is a close pair. */
export const CLOSE_GROUPS: readonly (readonly string[])[] = [
  ['Product Manager', 'Product Marketing Manager'],
  ['Data Scientist', 'Data Analyst', 'Machine Learning Engineer'],
  ['DevOps Engineer', 'Site Reliability Engineer'],
  ['UX Designer', 'UI Designer', 'Product Designer'],
  ['Account Executive', 'Account Manager', 'Customer Success Manager'],
  ['Recruiter', 'HR Business Partner'],
  ['Accountant', 'Financial Analyst'],
];

export interface RoleInfo {
  def: RoleDef;
  family: FamilyDef;
  /** Titles for every seniority (defaults filled in). */
  titles: Record<Seniority, string[]>;
  /** Every title this role's own career path can carry. */
  allTitles: ReadonlySet<string>;
  /** Seniorities a current holder can have. */
  seniorities: readonly Seniority[];
  close: boolean;
  weight: number;
  jdCount: number;
  /** Cross-family banks this role draws on. */
  banks: readonly SharedBank[];
  /** The family phrases this role shares (empty for ownVocabularyOnly roles). */
  shared: Pick<FamilyDef, 'focus' | 'does' | 'bullets' | 'skills' | 'needs' | 'bonus'>;
}

const NO_SHARED = { focus: [], does: [], bullets: [], skills: [], needs: [], bonus: [] };

const CLOSE_ROLE_NAMES = new Set(CLOSE_GROUPS.flat());

function resolveTitles(def: RoleDef): Record<Seniority, string[]> {
  const defaults: Record<Seniority, string[]> = {
    junior: [`Junior ${def.name}`],
    mid: [def.name],
    senior: [`Senior ${def.name}`],
    lead: [`Lead ${def.name}`],
  };
  return {
    junior: def.titles?.junior ?? defaults.junior,
    mid: def.titles?.mid ?? defaults.mid,
    senior: def.titles?.senior ?? defaults.senior,
    lead: def.titles?.lead ?? defaults.lead,
  };
}

function resolveBanks(def: RoleDef): SharedBank[] {
  return (def.banks ?? []).map((id) => {
    const bank = SHARED_BANKS[id];
    if (!bank) throw new Error(`Unknown shared bank "${id}" on role ${def.name}`);
    return bank;
  });
}

export const ROLES: readonly RoleInfo[] = FAMILIES.flatMap((family) =>
  family.roles.map((def): RoleInfo => {
    const titles = resolveTitles(def);
    const close = CLOSE_ROLE_NAMES.has(def.name);
    return {
      def,
      family,
      titles,
      allTitles: new Set(SENIORITIES.flatMap((s) => titles[s])),
      seniorities: def.seniorities ?? SENIORITIES,
      close,
      weight: def.weight ?? (close ? 1.5 : 1),
      jdCount: def.jdCount ?? (close ? 2 : 1),
      banks: resolveBanks(def),
      shared: def.ownVocabularyOnly ? NO_SHARED : family,
    };
  }),
);

const ROLE_BY_NAME = new Map(ROLES.map((r) => [r.def.name, r]));

export function getRole(name: string): RoleInfo {
  const role = ROLE_BY_NAME.get(name);
  if (!role) throw new Error(`Unknown role "${name}"`);
  return role;
}

export function hasRole(name: string): boolean {
  return ROLE_BY_NAME.has(name);
}

/** All unordered close pairs, in a stable order. */
export function closePairs(): [string, string][] {
  const pairs: [string, string][] = [];
  for (const group of CLOSE_GROUPS) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) pairs.push([group[i] as string, group[j] as string]);
    }
  }
  return pairs;
}

export function isClosePair(a: string, b: string): boolean {
  return CLOSE_GROUPS.some((group) => group.includes(a) && group.includes(b) && a !== b);
}

/** Problems in the role definitions (unknown references, duplicate names, …); empty when all is well. */
export function validateRoles(): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const role of ROLES) {
    const { def } = role;
    if (seen.has(def.name)) problems.push(`duplicate role ${def.name}`);
    seen.add(def.name);
    for (const name of [...def.related, ...def.changedFrom, ...(def.feeder ? [def.feeder] : [])]) {
      if (!hasRole(name)) problems.push(`${def.name} references unknown role ${name}`);
      if (name === def.name) problems.push(`${def.name} references itself`);
    }
    for (const prev of def.changedFrom) {
      const other = ROLE_BY_NAME.get(prev);
      if (other && [...other.allTitles].some((t) => role.allTitles.has(t))) {
        problems.push(`${def.name} shares a title with ${prev}, so career changes would be invisible`);
      }
    }
    for (const headline of def.headlines) {
      if (headline.toLowerCase().includes(def.name.toLowerCase())) problems.push(`${def.name} alt headline names the role: ${headline}`);
    }
    if (def.jd.hire.length === 0) problems.push(`${def.name} has no JD hire phrases`);
  }
  for (const name of CLOSE_ROLE_NAMES) if (!hasRole(name)) problems.push(`close group names unknown role ${name}`);
  return problems;
}
