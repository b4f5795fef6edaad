/**
 * Writes public/data/profiles.json and public/data/jobs.json from a seeded
 * generator and prints dataset statistics. Usage: npm run data [-- --seed N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, datasetStats, formatStats, generateDataset } from './dataset/index';

function parseSeed(argv: string[]): number {
  const i = argv.indexOf('--seed');
  if (i === -1) return DEFAULT_SEED;
  const value = Number(argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Invalid --seed ${argv[i + 1] ?? ''}`);
  return value;
}

const seed = parseSeed(process.argv.slice(2));
const { profiles, jobs } = generateDataset(seed);
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'data');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'profiles.json'), `${JSON.stringify(profiles)}\n`);
writeFileSync(join(outDir, 'jobs.json'), `${JSON.stringify(jobs)}\n`);
console.log(`Seed ${seed}: wrote ${profiles.profiles.length} profiles and ${jobs.jobs.length} job descriptions to ${outDir}\n`);
console.log(formatStats(datasetStats(profiles, jobs)));
