import type { JobDescription, Profile } from '../data/schema';

/**
 * Profiles whose label is a relevant role of at least one job description: what the
 * comparison lab's figures (nDCG, precision, separation) are computed over. Zero for an
 * imported dataset without labels, or with labels the job descriptions never name; then
 * every figure would be a meaningless 0.
 */
export function evaluableProfiles(profiles: readonly Profile[], jobs: readonly JobDescription[]): number {
  const roles = new Set<string>();
  for (const j of jobs) for (const r of Object.keys(j.relevant)) roles.add(r);
  let n = 0;
  for (const p of profiles) if (roles.has(p.label.role)) n++;
  return n;
}
