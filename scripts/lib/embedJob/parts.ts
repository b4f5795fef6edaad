/**
 * Part files and the progress manifest of one shard, in `<out>.parts/`. A part is written to
 * a temporary name and renamed when complete, and only then recorded in the manifest (also
 * written by rename), so after a crash a part is either recorded and whole, or redone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StoredVectors } from '../../../src/data/embeddingsParquet';
import { manifestFileName, partFileName } from './shards';

export const MANIFEST_VERSION = 1;

export interface PartRecord {
  part: number;
  /** Rows in the file (input rows of the part minus skipped ones). */
  rows: number;
  skipped: number;
  sha256: string;
}

/** What must be the same for a resumed run or a merge to combine parts. */
export interface RunSettings {
  input: { name: string; bytes: number };
  model: string;
  dtype: string;
  store: StoredVectors[];
  partRows: number;
  shardCount: number;
}

export interface Manifest extends RunSettings {
  version: number;
  shard: number;
  parts: PartRecord[];
  /** Input rows in all, set when the shard has read the whole input. */
  inputRows: number | null;
  /** A few skipped rows, as "row N: reason". */
  skippedSample: string[];
}

export const partsDir = (out: string): string => `${out}.parts`;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function writeAtomically(file: string, bytes: Uint8Array | string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

export function readManifest(dir: string, shard: { index: number; count: number }): Manifest | null {
  const file = path.join(dir, manifestFileName(shard));
  if (!existsSync(file)) return null;
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (m.version !== MANIFEST_VERSION) throw new Error(`${file} is from another version of this command (${m.version}); delete ${dir} and start again.`);
  return m;
}

export function writeManifest(dir: string, m: Manifest): void {
  mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, manifestFileName({ index: m.shard, count: m.shardCount })), `${JSON.stringify(m, null, 1)}\n`);
}

export function writePart(dir: string, part: number, bytes: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, partFileName(part)), bytes);
  return sha256(bytes);
}

/** True when the part's file exists and has the recorded checksum. */
export function partIsIntact(dir: string, rec: PartRecord): boolean {
  const file = path.join(dir, partFileName(rec.part));
  return existsSync(file) && sha256(readFileSync(file)) === rec.sha256;
}

/** What differs between a manifest's settings and this run's, or null. */
export function settingsMismatch(a: RunSettings, b: RunSettings): string | null {
  const keys: (keyof RunSettings)[] = ['input', 'model', 'dtype', 'store', 'partRows', 'shardCount'];
  for (const k of keys) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return `${k} was ${JSON.stringify(a[k])}, now ${JSON.stringify(b[k])}`;
  return null;
}
