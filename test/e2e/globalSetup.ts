import { build, preview, type PreviewServer } from 'vite';
import { existsSync, readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app built for the tests: its Content-Security-Policy also allows the stand-in Hub on 127.0.0.1. */
    baseUrl: string;
    /** The production build (dist/, as `npm run build` makes it), with the policy users get. */
    productionUrl: string;
  }
}

/** The only difference between the tests' build and the production one (see src/core/csp.ts). */
export const TEST_CONNECT_EXTRA = 'http://127.0.0.1:*';
const TEST_OUT_DIR = 'dist-e2e';

const servers: PreviewServer[] = [];

async function serve(outDir: string): Promise<string> {
  const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  servers.push(server);
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return url;
}

/**
 * Serves the built app on loopback for the browser tests: dist/ as built (production policy),
 * and a copy built here whose connect-src also names the stand-in Hub's loopback origin.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` before the end-to-end tests');
  if (readFileSync('dist/index.html', 'utf8').includes('127.0.0.1')) throw new Error('dist/ was built with CSP_CONNECT_EXTRA set: rebuild it with `npx vite build`');
  // vitest runs with NODE_ENV=test, which would give a development build of React
  const before = { CSP_CONNECT_EXTRA: process.env.CSP_CONNECT_EXTRA, NODE_ENV: process.env.NODE_ENV };
  process.env.CSP_CONNECT_EXTRA = TEST_CONNECT_EXTRA;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'production', build: { outDir: TEST_OUT_DIR, emptyOutDir: true }, logLevel: 'warn' });
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  project.provide('baseUrl', await serve(TEST_OUT_DIR));
  project.provide('productionUrl', await serve('dist'));
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((s) => s.close()));
}
