/**
 * Browser benchmarks in Debian's Chromium against `vite preview` of the built app: time to
 * ready, query-to-plot, and plot re-render, at the bundled 2,400 profiles and at 20,000
 * (20,000 distinct profiles from the same seeded generator, served in place of the bundled
 * file). The app embeds each distinct text once, so a size counts distinct texts: the script
 * checks that the served profiles have N distinct texts and that the app cached N vectors.
 *
 *   npm run build && npx tsx scripts/bench-browser.ts
 */
import { readFileSync } from 'node:fs';
import { preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { profileToText } from '../src/data/profileText';
import type { ProfilesFile } from '../src/data/schema';
import { DEFAULT_CACHE_NAME } from '../src/embedding/embeddingCache';
import { DEFAULT_SEED, TARGET_PROFILES, generateDataset } from './dataset/index';

const RUNS = 7;
const QUERIES = [
  'Product manager owning the roadmap and backlog, running discovery with customers and shipping with engineers.',
  'Registered nurse for a surgical ward: patient care, medication, care records.',
  'Financial analyst: budgeting, forecasting, variance analysis and financial models in Excel.',
  'Site reliability engineer: on-call, incident response, SLOs, monitoring and automation.',
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The bundled file at its own size, else `count` profiles from the same generator and seed. */
function profilesFor(count: number): ProfilesFile {
  if (count === TARGET_PROFILES) return JSON.parse(readFileSync('public/data/profiles.json', 'utf8')) as ProfilesFile;
  return generateDataset(DEFAULT_SEED, { profiles: count }).profiles;
}

/** Fails unless the file holds exactly `count` profiles with `count` distinct texts. */
function assertDistinct(file: ProfilesFile, count: number): void {
  const distinct = new Set(file.profiles.map(profileToText)).size;
  if (file.profiles.length !== count || distinct !== count) {
    throw new Error(`Asked for ${count} profiles, got ${file.profiles.length} with ${distinct} distinct texts`);
  }
}

/** Vectors in the app's embedding cache (all models; a fresh browser holds only this run's). */
function cachedVectors(page: Page): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('vectors').objectStore('vectors').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
    DEFAULT_CACHE_NAME,
  );
}

/** Profiles whose vectors came built with the app (src/embedding/prebuilt.ts), from the status bar; they are never cached. */
async function builtWithApp(page: Page): Promise<number> {
  const status = (await page.getByTestId('status').textContent()) ?? '';
  return Number(/([\d,]+) built with the app/.exec(status)?.[1].replace(/,/g, '') ?? 0);
}

/** Waits for the cache writes that follow "ready" to land, then checks that every one of the N texts got a vector: embedded now (and cached) or built with the app. */
async function assertEmbedded(page: Page, count: number): Promise<number> {
  const built = await builtWithApp(page);
  const target = count - built;
  let cached = 0;
  for (let waited = 0; waited < 120_000 && cached < target; waited += 500) {
    cached = await cachedVectors(page);
    if (cached < target) await page.waitForTimeout(500);
  }
  if (cached !== target) throw new Error(`The app cached ${cached} vectors and had ${built} built with the app for ${count} distinct profile texts`);
  return built;
}

async function benchSize(url: string, count: number): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const file = profilesFor(count);
    assertDistinct(file, count);
    if (count !== TARGET_PROFILES) {
      const body = JSON.stringify(file);
      await page.route('**/data/profiles.json', (route) => route.fulfill({ body, contentType: 'application/json' }));
    }
    const opened = Date.now();
    await page.goto(url);
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 600_000 });
    const readyMs = Date.now() - opened;
    await page.getByTestId('legend-item').first().waitFor({ timeout: 600_000 });
    await page.locator('[data-testid="points-canvas"][data-drawn]').waitFor({ timeout: 600_000 });
    const mapMs = Date.now() - opened;
    const built = await assertEmbedded(page, count);

    const queryToPlot: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => performance.clearMeasures('query-to-plot'));
      await page.getByTestId('job-input').fill(QUERIES[i % QUERIES.length]);
      await page.getByTestId('search-button').click();
      const ms = await page.waitForFunction(() => performance.getEntriesByName('query-to-plot')[0]?.duration, undefined, { timeout: 60_000 });
      queryToPlot.push(Number(await ms.jsonValue()));
    }

    // Hide then show the largest cluster: a full re-render of the drawn points.
    const rerender: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ms = await page.evaluate(async () => {
        const item = document.querySelector<HTMLButtonElement>('[data-testid="legend-item"]')!;
        const t = performance.now();
        item.click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        item.click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return (performance.now() - t) / 2;
      });
      rerender.push(ms);
    }
    const drawn = Number(await page.getByTestId('points-canvas').getAttribute('data-drawn'));
    const status = (await page.getByTestId('status').textContent()) ?? '';
    console.log(
      `| ${count.toLocaleString()} | ${(readyMs / 1000).toFixed(1)} s | ${(mapMs / 1000).toFixed(1)} s | ${median(queryToPlot).toFixed(0)} ms | ${median(rerender).toFixed(0)} ms | ${drawn.toLocaleString()} | ${built === count ? '– (all built with the app)' : (status.match(/\(([\d,]+ texts\/s)\)/)?.[1] ?? '–')} |`,
    );
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  console.log(`## In Chromium (${RUNS} searches per size, medians; every size is that many distinct profile texts)`);
  console.log('| profiles | page ready | map drawn | query-to-plot | plot re-render | points drawn | embedding rate |');
  console.log('|---|---|---|---|---|---|---|');
  try {
    for (const count of [TARGET_PROFILES, 20_000]) await benchSize(url, count);
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
