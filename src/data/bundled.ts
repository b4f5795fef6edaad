import type { JobDescription, Profile } from './schema';
import { validateJobsFile, validateProfilesFile } from './validate';

export interface Dataset {
  profiles: Profile[];
  jobs: JobDescription[];
}

async function fetchJson(url: string, what: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load the bundled ${what} (${url}: HTTP ${res.status}).`);
  try {
    return await res.json();
  } catch {
    throw new Error(`The bundled ${what} file (${url}) is not valid JSON.`);
  }
}

/** Loads and validates the dataset shipped in public/data. */
export async function loadBundledDataset(base = import.meta.env.BASE_URL): Promise<Dataset> {
  const [profilesJson, jobsJson] = await Promise.all([
    fetchJson(`${base}data/profiles.json`, 'profiles'),
    fetchJson(`${base}data/jobs.json`, 'job descriptions'),
  ]);
  return { profiles: validateProfilesFile(profilesJson), jobs: validateJobsFile(jobsJson) };
}
