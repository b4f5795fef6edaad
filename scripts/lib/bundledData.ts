import { readFileSync } from 'node:fs';
import type { Dataset } from '../../src/data/bundled';
import { validateJobsFile, validateProfilesFile } from '../../src/data/validate';

/** The dataset in public/data, read from disk and validated like the app does. */
export function readBundledDataset(dir = 'public/data'): Dataset {
  const read = (f: string) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as unknown;
  return { profiles: validateProfilesFile(read('profiles.json')), jobs: validateJobsFile(read('jobs.json')) };
}
