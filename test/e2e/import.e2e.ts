import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

  it('imports a Parquet file in the worker (hyparquet), leaving its vector column out', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'import-e2e-')), 'profiles.parquet');
    writeFileSync(file, new Uint8Array(generatedParquet(50)));
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-summary').textContent()).resolves.toMatch(/^50 rows read from profiles\.parquet \(PARQUET\)/);
    await expect(page.getByTestId('import-dialog').textContent()).resolves.toContain('Left out "embedding"');
    await page.getByTestId('import-confirm').click();
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 50 profiles embedded' }).waitFor();
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
