/**
 * Browser benchmarks in Debian's Chromium against `vite preview` of the built app: time to
 * ready, query-to-plot, and plot re-render, at the bundled 2,400 profiles and at 20,000
 * (the bundled profiles repeated with new ids, served in place of the bundled file).
 *
 *   npm run build && npx tsx scripts/bench-browser.ts
 */
import { readFileSync } from 'node:fs';
import { preview } from 'vite';
import { launchBrowser } from '../test/e2e/browser';
import type { Profile, ProfilesFile } from '../src/data/schema';

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

function scaledProfiles(count: number): string {
  const base = (JSON.parse(readFileSync('public/data/profiles.json', 'utf8')) as ProfilesFile).profiles;
  const profiles: Profile[] = [];
  for (let i = 0; i < count; i++) {
    const p = base[i % base.length];
    profiles.push({ ...p, id: `${p.id}-${Math.floor(i / base.length)}` });
  }
  return JSON.stringify({ version: 1, seed: 0, profiles });
}

async function benchSize(url: string, count: number): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    if (count !== 2400) {
      const body = scaledProfiles(count);
      await page.route('**/data/profiles.json', (route) => route.fulfill({ body, contentType: 'application/json' }));
    }
    const opened = Date.now();
    await page.goto(url);
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 600_000 });
    const readyMs = Date.now() - opened;
    await page.getByTestId('legend-item').first().waitFor({ timeout: 600_000 });
    await page.getByTestId('profile-point').first().waitFor({ timeout: 600_000 });
    const mapMs = Date.now() - opened;

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
    const drawn = await page.getByTestId('profile-point').count();
    const status = (await page.getByTestId('status').textContent()) ?? '';
    console.log(
      `| ${count.toLocaleString()} | ${(readyMs / 1000).toFixed(1)} s | ${(mapMs / 1000).toFixed(1)} s | ${median(queryToPlot).toFixed(0)} ms | ${median(rerender).toFixed(0)} ms | ${drawn.toLocaleString()} | ${status.match(/\(([\d,]+ texts\/s)\)/)?.[1] ?? '?'} |`,
    );
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  console.log(`## In Chromium (${RUNS} searches per size, medians)`);
  console.log('| profiles | page ready | map drawn | query-to-plot | plot re-render | points drawn | embedding rate |');
  console.log('|---|---|---|---|---|---|---|');
  try {
    for (const count of [2400, 20000]) await benchSize(url, count);
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
