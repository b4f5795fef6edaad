import type { Seniority } from '../../src/data/schema';

/** Where a role works; picks the pool of fictional employers (and their industry). */
export type Sector =
  | 'tech'
  | 'finance'
  | 'retail'
  | 'health'
  | 'education'
  | 'legal'
  | 'agency'
  | 'industrial'
  | 'public';

/**
 * Text banks for job descriptions. Templates may use {slots} (see slots.ts).
 * `duties` are verb phrases ("own the roadmap"), `needs` and `bonus` are noun
 * phrases ("strong SQL"), so they read well both as bullets and inside prose.
 */
export interface JdBank {
  /** Noun phrases describing the hire without naming the role ("someone to own …"). */
  hire: string[];
  /** JD titles that never name the role; empty when that would be unnatural. */
  altTitles: string[];
  duties: string[];
  needs: string[];
  bonus: string[];
}

export interface RoleDef {
  /** Canonical role name, used as the label. */
  name: string;
  /** Lowercase abbreviations / spelling variants that also count as naming the role. */
  aliases?: string[];
  /** Display abbreviation used in some JD titles ("Senior PM, payments"). */
  short?: string;
  /** Field of work for career-change sentences ("product management"). */
  field: string;
  /** Relative share of profiles (default 1, close-pair roles 1.5). */
  weight?: number;
  /** Number of job descriptions (default 1, close-pair roles 2). */
  jdCount?: number;
  /**
   * Role whose bullets describe earlier entries below the allowed seniorities
   * (an engineering manager's years as an engineer).
   */
  feeder?: string;
  /** Seniorities a current holder of the role can have (default: all). */
  seniorities?: Seniority[];
  /** Job titles per seniority; missing levels fall back to Junior/…/Lead + name. */
  titles?: Partial<Record<Seniority, string[]>>;
  /** Headlines that do not contain the role name; may use slots. */
  headlines: string[];
  /** Short noun phrases: areas of focus. */
  focus: string[];
  /** Base-form verb phrases ("run discovery with …"); extra verbs marked "+" (see text.baseForm). */
  does: string[];
  /** Past-tense CV bullets with slots. */
  bullets: string[];
  skills: string[];
  tools?: string[];
  domains?: string[];
  sectors?: Sector[];
  degrees?: string[];
  certs?: string[];
  /** Roles that get relevance grade 1 on this role's job descriptions. */
  related: string[];
  /** Roles career changers into this role often come from. */
  changedFrom: string[];
  /** Skip the family's shared phrases (for roles whose work differs from the rest of the family). */
  ownVocabularyOnly?: boolean;
  /** Ids of cross-family shared banks (see shared.ts). */
  banks?: string[];
  /** JD opening sentences; replaces the family's when the role works elsewhere. */
  teams?: string[];
  jd: JdBank;
}

export interface FamilyDef {
  name: string;
  sectors: Sector[];
  degrees: string[];
  tools: string[];
  domains: string[];
  /** Teams the family works with, for the {partner} slot. */
  partners: string[];
  focus: string[];
  does: string[];
  bullets: string[];
  skills: string[];
  /** JD opening sentences about the team / employer. */
  teams: string[];
  needs: string[];
  bonus: string[];
  roles: RoleDef[];
}

/** Vocabulary shared by roles in different families (e.g. PM and PMM). */
export interface SharedBank {
  focus: string[];
  does: string[];
  bullets: string[];
  skills: string[];
}
