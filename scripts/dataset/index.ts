/** Public entry points of the dataset generator (pure; no file or clock access). */
import type { JobsFile, ProfilesFile } from '../../src/data/schema';
import { buildProfile, changeOrigins } from './profiles';
import { generateJobs } from './jobs';
import { Rng } from './random';
import { ROLES, validateRoles, type RoleInfo } from './roles';

export const DEFAULT_SEED = 20240611;
export const TARGET_PROFILES = 2400;
/** Share of profiles whose earlier entries are in another role. */
export const CAREER_CHANGE_SHARE = 0.1;

export { datasetStats, formatStats, headlineNamesRole, isCareerChanger, jobNamesRole, profileText } from './stats';
export { CLOSE_GROUPS, FAMILIES, ROLES, closePairs, getRole, validateRoles } from './roles';
export { mentionsRole } from './text';

/** Profiles per role, proportional to weight, summing exactly to `total` (largest remainder). */
export function profileCounts(total: number = TARGET_PROFILES): Map<RoleInfo, number> {
  const weightSum = ROLES.reduce((a, r) => a + r.weight, 0);
  const exact = ROLES.map((r) => (total * r.weight) / weightSum);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (missing <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    missing--;
  }
  return new Map(ROLES.map((r, i) => [r, counts[i] ?? 0]));
}

/**
 * Which role each profile slot gets (weights kept, order shuffled) and which slots are
 * career changers. Cheap even for a million slots, so the large generator (large.ts) can
 * plan first and build profiles one at a time.
 */
export function profilePlan(profileRng: Rng, total: number): { order: RoleInfo[]; changers: Set<number> } {
  const slots: RoleInfo[] = [];
  for (const [role, count] of profileCounts(total)) for (let i = 0; i < count; i++) slots.push(role);
  const order = profileRng.shuffle(slots);
  const eligible = order.map((_role, i) => i).filter((i) => changeOrigins(order[i] as RoleInfo).length > 0);
  const changers = new Set(profileRng.sample(eligible, Math.round(order.length * CAREER_CHANGE_SHARE)));
  return { order, changers };
}

export interface DatasetOptions {
  /** Number of profiles (default 2,400, the bundled dataset). */
  profiles?: number;
}

/**
 * The bundled dataset for the default seed and size. A larger `profiles` count (the 20,000
 * browser benchmark) draws that many profiles from the same roles and weights; the bundled
 * files are only ever written at the default size.
 */
export function generateDataset(
  seed: number = DEFAULT_SEED,
  { profiles: total = TARGET_PROFILES }: DatasetOptions = {},
): { profiles: ProfilesFile; jobs: JobsFile } {
  if (!Number.isInteger(total) || total < 1) throw new Error(`Invalid profile count ${total}`);
  const problems = validateRoles();
  if (problems.length > 0) throw new Error(`Invalid role definitions:\n${problems.join('\n')}`);
  const root = new Rng(seed);
  const profileRng = root.fork('profiles');
  const { order, changers } = profilePlan(profileRng, total);
  const profiles = order.map((role, i) => buildProfile(profileRng, role, `p${String(i + 1).padStart(4, '0')}`, changers.has(i)));
  const jobs = generateJobs(root.fork('jobs'));
  return {
    profiles: { version: 1, seed, profiles },
    jobs: { version: 1, seed, jobs },
  };
}
