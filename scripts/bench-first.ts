/**
 * Time to the first ranked list, in Debian's Chromium against `vite preview` of built apps.
 *
 * - *cold*: a fresh browser profile opens the app with a job description in the link
 *   (`?jd=`, which the app ranks as soon as it can) until the first frame showing a ranked list
 *   (the app's performance mark `startup:first-ranking`, src/store/startupMarks.ts).
 * - *warm*: the same browser opens the same link again (HTTP cache, compiled WebAssembly,
 *   IndexedDB and Cache Storage all kept).
 * - *runtime only*: a fresh profile opens a blank page of the same origin that starts the
 *   app's own embedding worker and asks it to load the bundled model: the time to fetch and
 *   compile ONNX Runtime's WebAssembly and load the model, and nothing else. Its warm twin
 *   reopens that page.
 *
 * Each round runs cold app, warm app, cold runtime-only, warm runtime-only for every build in
 * turn, so the machine's load hits all of them alike; medians over the rounds.
 *
 *   npx vite build && npx tsx scripts/bench-first.ts                     # dist/
 *   npx tsx scripts/bench-first.ts --dist dist-before,dist --runs 7      # builds side by side
 *   npx tsx scripts/bench-first.ts --json                                # one JSON object
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { BUNDLED_MODEL } from '../src/embedding/catalogue';
import { DEFAULT_REMOTE_HOST, loadSpecFor, ortFiles } from '../src/embedding/loadSpec';
import type { LoadSpec } from '../src/embedding/protocol';
import { STARTUP_MARKS } from '../src/store/startupMarks';

export const FIRST_QUERY = 'Registered nurse for a surgical ward: patient care, medication, care records, working with doctors and families.';
const RUNTIME_PAGE = 'bench-runtime-only.html';
const TIMEOUT = 120_000;

export interface Phases {
  /** ms from navigation start; null when the mark never came (e.g. profiles came prebuilt, not embedded). */
  data: number | null;
  model: number | null;
  embedded: number | null;
  keywords: number | null;
  ranked: number;
  /** What the first list said about its ranking ("by meaning and keywords (hybrid, ...)"). */
  ranking: string;
}

export interface BuildResult {
  dist: string;
  cold: Phases[];
  warm: Phases[];
  runtimeCold: number[];
  runtimeWarm: number[];
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The app's embedding worker in a build (its file name carries a content hash). */
function workerAsset(dist: string): string {
  const name = readdirSync(path.join(dist, 'assets')).find((f) => /^embed\.worker-.*\.js$/.test(f));
  if (!name) throw new Error(`${dist} has no embed.worker-*.js: build it first`);
  return `assets/${name}`;
}

/**
 * The same load request the app sends for the bundled model on WebAssembly (2 threads here:
 * min(4, cores)). A build from before the plain ONNX Runtime build was served has only the
 * asyncify files: then those, as that build's app used.
 */
function runtimeSpec(dist: string, base: string, threads: number): LoadSpec {
  const url = new URL(base);
  const spec = loadSpecFor(BUNDLED_MODEL, { dtype: BUNDLED_MODEL.defaultDtype, device: 'wasm', remoteHost: DEFAULT_REMOTE_HOST, threads }, url.origin, url.pathname);
  const shipped = existsSync(path.join(dist, new URL(spec.wasmPaths.wasm).pathname.slice(url.pathname.length)));
  return shipped ? spec : { ...spec, wasmPaths: ortFiles(url.href, 'webgpu') };
}

/**
 * A blank page that only loads the bundled model in the app's worker and marks `runtime:loaded`
 * (or `runtime:failed`). Written into the build for the run (the preview server's
 * Content-Security-Policy forbids inline scripts, and Playwright's routing would switch the
 * HTTP cache off) and removed afterwards.
 */
function writeRuntimePage(dist: string, base: string): () => void {
  const html = path.join(dist, RUNTIME_PAGE);
  const js = html.replace(/\.html$/, '.js');
  // 2 threads here, as the app picks: min(4, cores) on a cross-origin isolated page
  const spec = runtimeSpec(dist, base, Math.min(4, os.cpus().length));
  writeFileSync(html, `<!doctype html><meta charset="utf-8"><title>runtime only</title><script type="module" src="./${path.basename(js)}"></script>`);
  writeFileSync(
    js,
    `const w = new Worker(${JSON.stringify(new URL(workerAsset(dist), base).pathname)}, { type: 'module', name: 'embedding' });
w.onmessage = (e) => {
  if (e.data.type === 'result') performance.mark('runtime:loaded');
  else if (e.data.type === 'error') { globalThis.runtimeError = e.data.message; performance.mark('runtime:failed'); }
};
w.postMessage({ id: 1, type: 'load', spec: ${JSON.stringify(spec)} });
`,
  );
  return () => {
    rmSync(html, { force: true });
    rmSync(js, { force: true });
  };
}

async function markTime(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime, name, { timeout: TIMEOUT, polling: 50 });
  return Number(await handle.jsonValue());
}

async function appRun(page: Page, base: string): Promise<Phases> {
  await page.goto(`${base}?jd=${encodeURIComponent(FIRST_QUERY)}`, { waitUntil: 'commit' });
  const ranked = await markTime(page, STARTUP_MARKS.ranked);
  const marks = await page.evaluate((names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null])), Object.values(STARTUP_MARKS));
  const ranking = (await page.getByTestId('ranking-used').first().textContent()) ?? '';
  return { data: marks[STARTUP_MARKS.data], model: marks[STARTUP_MARKS.model], embedded: marks[STARTUP_MARKS.embedded], keywords: marks[STARTUP_MARKS.keywords], ranked, ranking };
}

async function runtimeRun(page: Page, base: string): Promise<number> {
  await page.goto(`${base}${RUNTIME_PAGE}`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => performance.getEntriesByName('runtime:loaded')[0]?.startTime ?? (performance.getEntriesByName('runtime:failed').length ? -1 : undefined), undefined, {
    timeout: TIMEOUT,
    polling: 50,
  });
  const ms = Number(await handle.jsonValue());
  if (ms < 0) throw new Error(`runtime-only load failed: ${String(await page.evaluate(() => (globalThis as { runtimeError?: string }).runtimeError))}`);
  return ms;
}

/** One fresh browser profile: a cold run, then a warm one. */
async function coldAndWarm<T>(run: (page: Page) => Promise<T>): Promise<[T, T]> {
  const browser: Browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const cold = await run(page);
    // a second page in the same profile: what a user who comes back sees
    const again = await context.newPage();
    await page.close();
    const warm = await run(again);
    return [cold, warm];
  } finally {
    await browser.close();
  }
}

export async function runFirstBench(dists: readonly string[], runs: number, log: (line: string) => void = () => undefined): Promise<BuildResult[]> {
  const servers: PreviewServer[] = [];
  const cleanups: (() => void)[] = [];
  try {
    const bases: string[] = [];
    for (const dist of dists) {
      const server = await preview({ build: { outDir: dist }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
      servers.push(server);
      const base = server.resolvedUrls?.local[0];
      if (!base) throw new Error('vite preview did not report a URL');
      bases.push(base);
      cleanups.push(writeRuntimePage(dist, base));
    }
    const results: BuildResult[] = dists.map((dist) => ({ dist, cold: [], warm: [], runtimeCold: [], runtimeWarm: [] }));
    for (let round = 0; round < runs; round++) {
      for (const [i, dist] of dists.entries()) {
        const base = bases[i];
        const [cold, warm] = await coldAndWarm((page) => appRun(page, base));
        const [rCold, rWarm] = await coldAndWarm((page) => runtimeRun(page, base));
        results[i].cold.push(cold);
        results[i].warm.push(warm);
        results[i].runtimeCold.push(rCold);
        results[i].runtimeWarm.push(rWarm);
        log(`round ${round + 1}/${runs} ${dist}: cold ${cold.ranked.toFixed(0)} ms, warm ${warm.ranked.toFixed(0)} ms, runtime only ${rCold.toFixed(0)} / ${rWarm.toFixed(0)} ms`);
      }
    }
    return results;
  } finally {
    for (const clean of cleanups) clean();
    for (const s of servers) await s.close();
  }
}

function fmt(ms: number): string {
  return Number.isFinite(ms) ? `${Math.round(ms).toLocaleString('en')}` : '–';
}

function medianOf(phases: readonly Phases[], key: 'data' | 'model' | 'embedded' | 'keywords' | 'ranked'): number {
  const xs = phases.map((p) => p[key]).filter((x): x is number => x !== null);
  // a mark missing in some runs but not others would make a median of a subset: say "–" instead
  return xs.length === phases.length ? median(xs) : NaN;
}

export function firstMarkdown(results: readonly BuildResult[], runs: number): string {
  const lines = [
    `| build | cold: first ranked list | warm | runtime only, cold | runtime only, warm | cold / runtime only | cold: data | cold: model loaded | cold: profiles embedded | cold: keyword index | warm: model loaded | warm: profiles embedded | first list's ranking |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const cold = medianOf(r.cold, 'ranked');
    const rc = median(r.runtimeCold);
    const rankings = [...new Set([...r.cold, ...r.warm].map((p) => p.ranking.replace(/\(hybrid.*\)/, '(hybrid)')))].join('; ');
    lines.push(
      `| ${r.dist} | **${fmt(cold)}** | **${fmt(medianOf(r.warm, 'ranked'))}** | ${fmt(rc)} | ${fmt(median(r.runtimeWarm))} | **${(cold / rc).toFixed(2)}×** | ${fmt(medianOf(r.cold, 'data'))} | ${fmt(medianOf(r.cold, 'model'))} | ${fmt(medianOf(r.cold, 'embedded'))} | ${fmt(medianOf(r.cold, 'keywords'))} | ${fmt(medianOf(r.warm, 'model'))} | ${fmt(medianOf(r.warm, 'embedded'))} | ${rankings} |`,
    );
  }
  return [`Milliseconds from navigation start, medians of ${runs} rounds (each round: every build cold, warm, runtime only cold and warm, in turn).`, '', ...lines].join('\n');
}

function argValue(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dists = (argValue(argv, '--dist') ?? 'dist').split(',').filter(Boolean);
  const runs = Number(argValue(argv, '--runs') ?? 5);
  const json = argv.includes('--json');
  const results = await runFirstBench(dists, runs, json ? undefined : (l) => console.error(l));
  if (json) console.log(JSON.stringify(results));
  else console.log(firstMarkdown(results, runs));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
