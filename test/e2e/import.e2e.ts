import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parquetMetadata } from 'hyparquet';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { isLocal, openWatchedPage, screenshot } from './browser';
import { UI } from './ui';
import { IMPORT_FIXTURES, generatedCsv, generatedParquet } from '../helpers/importFixtures';

/**
 * Importing your own profiles in Chromium: the file picker, one confirmation, a search of
 * the imported profiles, a reload that keeps them, markup that never runs, a big file that
 * never freezes the page, and no request leaving the machine.
 */
describe('import in Chromium, offline', () => {
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    ({ browser, page, requests, pageErrors } = await openWatchedPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports a CSV with the file picker, searches it, and finds it again after a reload', async () => {
    const ui = new UI(page);
    await ui.open(inject('baseUrl'));
    await ui.waitUntilReady();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(join(IMPORT_FIXTURES, 'common.csv'));
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 3 profiles embedded' }).waitFor();
    await ui.search('compilers and COBOL');
    const found = await ui.results();
    expect(found).toHaveLength(3);
    expect(found[0].id).toBe('p2');
    await screenshot(page, 'import-done');

    await page.reload();
    await ui.waitUntilReady();
    await expect(ui.status.textContent()).resolves.toMatch(/3 profiles embedded/);
    await expect(page.getByTestId('dataset-select').locator('option:checked').textContent()).resolves.toBe('common · 3');
    await ui.search('compilers and COBOL');
    expect((await ui.results())[0].id).toBe('p2');
  });

  it('shows markup in imported fields as text and runs none of it', async () => {
    const ui = new UI(page);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(join(IMPORT_FIXTURES, 'xss.csv'));
    await page.getByTestId('import-confirm').click();
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 3 profiles embedded' }).waitFor();
    await ui.search('payment APIs');
    await page.getByTestId('result-item').first().getByRole('button').first().click();
    await expect(page.getByTestId('result-item').first().textContent()).resolves.toContain('<img src=x onerror="window.__xss=2">');
    await expect(page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).resolves.toBeUndefined();
    await expect(page.locator('.results img, .results script').count()).resolves.toBe(0);
  });

  it('parses a generated 100,000-row CSV off the main thread, with progress, and leaving the mapping step keeps the profiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
    const file = join(dir, 'big.csv');
    writeFileSync(file, generatedCsv(100_000));
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Import another file' }).click();
    // the longest gap between animation frames while the file is read and parsed
    await page.evaluate(() => {
      const w = window as unknown as { __gaps: number[]; __stop: boolean };
      w.__gaps = [];
      w.__stop = false;
      let last = performance.now();
      const tick = (t: number) => {
        w.__gaps.push(t - last);
        last = t;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    const parseMs = Date.now() - started;
    const gaps = await page.evaluate(() => {
      const w = window as unknown as { __gaps: number[]; __stop: boolean };
      w.__stop = true;
      return w.__gaps;
    });
    const longest = Math.max(...gaps);
    console.log(`100,000-row CSV: parsed in ${parseMs} ms (file picker to mapping step); longest frame gap ${longest.toFixed(0)} ms over ${gaps.length} frames`);
    await expect(page.getByTestId('import-summary').textContent()).resolves.toMatch(/^100,000 rows read from big\.csv/);
    expect(longest).toBeLessThan(500);
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await expect(new UI(page).status.textContent()).resolves.toMatch(/3 profiles embedded/);
  });

  it('imports a Parquet file in the worker (hyparquet); its vector column is offered, and unused when no model makes vectors that short', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'import-e2e-')), 'profiles.parquet');
    writeFileSync(file, new Uint8Array(generatedParquet(50)));
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-summary').textContent()).resolves.toMatch(/^50 rows read from profiles\.parquet \(PARQUET\)/);
    await expect(page.getByTestId('import-map-vectors').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('import-map-vectors').textContent()).resolves.toContain('embedding (8 numbers)');
    await page.getByTestId('import-confirm').click();
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 50 profiles embedded' }).waitFor();
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Import another file' }).click();
  });

  it('exports the bundled dataset with its embeddings as Parquet, imports it back without embedding a profile, and ranks the same', async () => {
    const ui = new UI(page);
    const job = 'Senior backend engineer: Java, Kafka and distributed systems, on call for payments';
    await page.getByTestId('dataset-select').selectOption('bundled');
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 2,400 profiles embedded' }).waitFor();
    await ui.search(job);
    const before = (await ui.results()).slice(0, 10);
    expect(before).toHaveLength(10);

    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dataset').click()]);
    const path = await download.path();
    console.log(`dataset with embeddings: 2,400 x 100 written in ${Date.now() - started} ms (click to download), ${(statSync(path).size / 1e6).toFixed(2)} MB`);
    expect(download.suggestedFilename()).toBe('bundled-glove-sif-100d.parquet');
    const bytes = readFileSync(path);
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(Object.fromEntries((meta.key_value_metadata ?? []).map((kv) => [kv.key, kv.value]))).toMatchObject({ 'candidate-search.schema': '1', 'candidate-search.model': 'glove-sif-100d', 'candidate-search.dims': '100' });

    // every text sent to an embedding worker from here on is counted
    await page.evaluate(() => {
      const w = window as unknown as { __embedded: string[] };
      w.__embedded = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
        const m = message as { type?: string; texts?: string[] };
        if (m?.type === 'embed' && m.texts) w.__embedded.push(...m.texts);
        return (post as (...a: unknown[]) => void).call(this, message, ...rest);
      } as typeof Worker.prototype.postMessage;
    });
    const embedded = () => page.evaluate(() => (window as unknown as { __embedded: string[] }).__embedded);
    await page.getByTestId('import-file').setInputFiles(path);
    await expect(page.getByTestId('import-map-vectors').inputValue()).resolves.toBe('embedding');
    await expect(page.getByTestId('import-map-vector-model').inputValue()).resolves.toBe('glove-sif-100d');
    await page.getByTestId('import-confirm').click();
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 2,400 profiles with vectors from the file' }).waitFor();
    await expect(page.getByTestId('file-vectors').textContent()).resolves.toContain('They were unit length already.');
    // the search on screen ran again on the new profiles: its job description is the only text embedded
    expect(new Set(await embedded())).toEqual(new Set([job]));

    await ui.search(job);
    const after = (await ui.results()).slice(0, 10);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.map((r) => r.score.toFixed(5))).toEqual(before.map((r) => r.score.toFixed(5)));
    expect(new Set(await embedded())).toEqual(new Set([job]));
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Import another file' }).click();
  });

  it('works at 360 px wide', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByTestId('import-file').setInputFiles(join(IMPORT_FIXTURES, 'common.csv'));
    await page.getByTestId('import-confirm').waitFor();
    // the import panel and the profiles picker fit (wide preview tables scroll inside their own box)
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('.data-bar, .data-bar *')]
        .filter((e) => !e.closest('.table-scroll > *') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    );
    expect(outside).toEqual([]);
    await screenshot(page, 'import-mapping-phone');
  });

  it('made no request that left the machine, and threw no page errors', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
