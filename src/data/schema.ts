/**
 * Shapes of the bundled dataset and of imported data. Kept free of runtime
 * dependencies so scripts (Node) and the app (browser) share one definition.
 */

export const SENIORITIES = ['junior', 'mid', 'senior', 'lead'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export interface ExperienceEntry {
  title: string;
  company: string;
  /** Human-readable, e.g. "2019 – 2023" or "2021 – present". */
  period: string;
  bullets: string[];
}

/** The true answer for a profile; only used for evaluation and subtle display. */
export interface ProfileLabel {
  /** Canonical role name, e.g. "Product Manager". */
  role: string;
  /** Job family, e.g. "Product". */
  family: string;
  seniority: Seniority;
}

export interface Profile {
  id: string;
  name: string;
  headline: string;
  location: string;
  yearsExperience: number;
  summary: string;
  /** Most recent first. */
  experience: ExperienceEntry[];
  skills: string[];
  education: string;
  label: ProfileLabel;
  /**
   * Imported profiles only: the text composed from the mapped columns, embedded as is
   * (profileToText returns it). Their structured fields above are left empty.
   */
  text?: string;
}

/** The role (and family) of an imported profile that has no label column. */
export const UNLABELLED = 'unlabelled';

/** Graded relevance of a role for a job description: 2 = the role, 1 = related. */
export type RelevanceGrade = 1 | 2;

export interface JobDescription {
  id: string;
  /** Short title shown on the example buttons, e.g. "Senior PM, payments". */
  title: string;
  text: string;
  /** The canonical role this job is for (its grade-2 role). */
  role: string;
  family: string;
  /** role name -> grade; contains `role` with grade 2. Roles absent are grade 0. */
  relevant: Record<string, RelevanceGrade>;
}

export interface ProfilesFile {
  version: 1;
  /** Generator seed, so a reader can tell which build this is. */
  seed: number;
  profiles: Profile[];
}

export interface JobsFile {
  version: 1;
  seed: number;
  jobs: JobDescription[];
}
