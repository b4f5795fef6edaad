/**
 * The page with a large file from `npm run embed` (int8 + sign-bit vectors): import time,
 * memory before and after, and search time, in Debian's Chromium against `vite preview` of
 * the built app. Memory is the renderer processes' resident set (the page and its workers,
 * typed arrays included) and the page's JS heap (CDP Performance.getMetrics,
 * JSHeapUsedSize; typed-array bytes are outside it), each after a forced GC.
 *
 *   npx vite build && npx tsx scripts/bench-million.ts --file embeddings.parquet [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import { preview } from 'vite';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { UI } from '../test/e2e/ui';
import { COLUMNS } from '../src/data/embeddingsParquet';

const QUERIES = [
  'Registered nurse for a surgical ward: patient care, medication, care records.',
  'Site reliability engineer: on-call, incident response, SLOs, monitoring and automation.',
  'Financial analyst: budgeting, forecasting, variance analysis and financial models in Excel.',
  'Product manager owning the roadmap and backlog, running discovery with customers.',
  'Paralegal: contract review, legal research, case files and court filings.',
];

function flag(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i === -1 ? fallback : process.argv[i + 1];
  if (v === undefined) throw new Error(`Missing ${name}`);
  return v;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Resident memory of this run's Chromium renderer processes (the page and its workers), in
 * MB: only descendants of this Node process count, since other browsers may share the machine.
 */
function rendererRssMb(): number {
  const procs = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [pid, ppid, rss, ...args] = l.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), rssKb: Number(rss), args: args.join(' ') };
    });
  const ours = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (ours.has(p.ppid) && !ours.has(p.pid)) grew = Boolean(ours.add(p.pid));
  }
  return procs.filter((p) => ours.has(p.pid) && p.args.includes('--type=renderer')).reduce((s, p) => s + p.rssKb / 1024, 0);
}

async function memory(page: Page, cdp: CDPSession): Promise<{ heapMb: number; rssMb: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(500);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return { heapMb: heap / 1e6, rssMb: rendererRssMb() };
}

async function main(): Promise<void> {
  const file = flag('--file');
  const runs = Number(flag('--runs', '5'));
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // what the page says and how big it is, every 15 s, so a stall shows where it is
    page.on('console', (m) => console.error(`[page ${m.type()}] ${m.text()}`));
    page.on('crash', () => console.error('[page crashed]'));
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    const started = performance.now();
    const heartbeat = setInterval(() => {
      void page
        .evaluate(() => [document.querySelector('[role="dialog"]')?.textContent?.slice(0, 160) ?? '', document.querySelector('[data-testid="status"]')?.textContent ?? ''].join(' | '))
        .catch((e: unknown) => String(e))
        .then((said) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] renderers ${rendererRssMb().toFixed(0)} MB | ${said}`));
    }, 15_000);
    const ui = new UI(page);
    await ui.open(url);
    await ui.waitUntilReady();
    const before = await memory(page, cdp);
    const t0 = performance.now();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-map-vectors').selectOption(COLUMNS.int8, { timeout: 600_000 });
    const parsedMs = performance.now() - t0;
    await page.getByTestId('import-confirm').click();
    const ready = page.locator('[data-testid="status"]', { hasText: 'profiles with vectors from the file' });
    await ready.waitFor({ timeout: 1_800_000 });
    const loadMs = performance.now() - t0;
    const status = (await ready.textContent()) ?? '';
    // the done step says whether the dataset was kept in IndexedDB
    console.error(`[done] ${(await page.locator('[role="dialog"]').first().textContent())?.slice(0, 400) ?? ''}`);
    await page.keyboard.press('Escape');
    const after = await memory(page, cdp);
    const searchMs: number[] = [];
    let index = '';
    for (let i = 0; i < runs; i++) {
      const q = QUERIES[i % QUERIES.length];
      await page.getByTestId('job-input').fill(q);
      // the results line (index and the app's own timing) and the first hit change with each new query
      const shown = () => page.evaluate(() => `${document.querySelector('[data-testid="search-index"]')?.parentElement?.textContent ?? ''}|${document.querySelector('[data-testid="result-item"]')?.getAttribute('data-profile-id') ?? ''}`);
      const previous = await shown();
      const t = performance.now();
      await page.getByTestId('search-button').click();
      await page.waitForFunction((prev) => {
        const now = `${document.querySelector('[data-testid="search-index"]')?.parentElement?.textContent ?? ''}|${document.querySelector('[data-testid="result-item"]')?.getAttribute('data-profile-id') ?? ''}`;
        return now !== prev && document.querySelectorAll('[data-testid="result-item"]').length > 0;
      }, previous, { timeout: 600_000 });
      searchMs.push(performance.now() - t);
      index = (await page.getByTestId('search-index').first().textContent()) ?? '';
    }
    // a reload opens the dataset chosen last, from IndexedDB
    const r0 = performance.now();
    await page.reload();
    await ready.waitFor({ timeout: 1_800_000 });
    const reloadMs = performance.now() - r0;
    const reloaded = await memory(page, cdp);
    const rows = Number(/([\d,]+) profiles/.exec(status)?.[1]?.replace(/,/g, '') ?? Number.NaN);
    const mb = statSync(file).size / 1e6;
    const perMillion = (x: number) => ((x * 1e6) / rows).toFixed(0);
    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${new Date().toISOString().slice(0, 10)}`);
    console.log(`Command: npx vite build && npx tsx scripts/bench-million.ts --file ${file} --runs ${runs}`);
    console.log('');
    console.log('| profiles | file | to mapping step | import to ready | renderer memory before → after (per million) | JS heap before → after (per million) | search, click to results (median of ' + runs + ') | index |');
    console.log('|---|---|---|---|---|---|---|---|');
    const rss = after.rssMb - before.rssMb;
    const heap = after.heapMb - before.heapMb;
    console.log(
      `| ${rows.toLocaleString('en-US')} | ${mb.toFixed(0)} MB | ${(parsedMs / 1000).toFixed(1)} s | ${(loadMs / 1000).toFixed(1)} s | ${before.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB (+${perMillion(rss)} MB) | ${before.heapMb.toFixed(0)} → ${after.heapMb.toFixed(0)} MB (+${perMillion(heap)} MB) | ${median(searchMs).toFixed(0)} ms | ${index} |`,
    );
    console.log('');
    console.log(`After a reload (the dataset read back from IndexedDB): ready in ${(reloadMs / 1000).toFixed(1)} s, renderer memory ${reloaded.rssMb.toFixed(0)} MB, JS heap ${reloaded.heapMb.toFixed(0)} MB.`);
    clearInterval(heartbeat);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
