/**
 * Writes N generated profiles as JSONL (id, name, headline, text, label), one line at a
 * time, for the embed command and the million-profile test (README, "A million profiles").
 * Usage: npm run data:large -- --profiles 1000000 --out big.jsonl [--seed N]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DEFAULT_SEED } from './dataset/index';
import { largeProfiles } from './dataset/large';

function flag(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? fallback : process.argv[i + 1];
  if (value === undefined) throw new Error(`Missing ${name}`);
  return value;
}

const total = Number(flag('--profiles', '1000000'));
const seed = Number(flag('--seed', String(DEFAULT_SEED)));
const out = flag('--out');
if (!Number.isInteger(total) || total < 1) throw new Error(`Invalid --profiles ${total}`);
const stream = createWriteStream(out);
let n = 0;
const started = performance.now();
for (const row of largeProfiles(seed, total)) {
  if (!stream.write(`${JSON.stringify(row)}\n`)) await once(stream, 'drain');
  if (++n % 100_000 === 0) console.log(`${n.toLocaleString('en-US')} profiles, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
stream.end();
await once(stream, 'finish');
console.log(`Seed ${seed}: wrote ${n.toLocaleString('en-US')} profiles to ${out}`);
