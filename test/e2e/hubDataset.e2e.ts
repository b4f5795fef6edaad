import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, horizontalOverflow } from './a11y';
import { isLocal, openWatchedPage, screenshot, SCREENSHOT_DIR } from './browser';
import { UI } from './ui';
import { DATASET_FIXTURE_ID } from '../../scripts/build-test-dataset';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';

/** The article's dataset id, served by the stand-in Hub from the generated fixture shaped like it. */
const ARTICLE_ID = 'ilsilfverskiold/linkedin_profiles_synthetic';

/**
 * A Hugging Face dataset by id in Chromium: look it up on the stand-in Hub (the confirmed
 * mirror), see its files and columns, cancel a download, load only the text columns with
 * range requests, map, import and search. Every request the page makes stays on 127.0.0.1,
 * and every file request to the Hub asks for a byte range.
 */
describe('Hub dataset by id in Chromium, via the stand-in Hub', () => {
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];
  let hub: StandInHub;
  let ui: UI;

  beforeAll(async () => {
    // slow chunks, so a download of the vector columns lasts long enough to cancel
    hub = await startStandInHub({ aliases: { [ARTICLE_ID]: DATASET_FIXTURE_ID }, chunkSize: 4096, chunkDelayMs: 25 });
    ({ browser, page, requests, pageErrors } = await openWatchedPage());
    ui = new UI(page);
    await ui.openWithMirror(inject('baseUrl'), `${hub.url}/`);
    await ui.waitUntilReady();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('looks the dataset up by id: files, rows and typed columns from the footers; accessible, and fits a phone', async () => {
    await page.getByTestId('import-open').click();
    await page.getByTestId('hub-dataset-id').fill(ARTICLE_ID);
    await page.getByTestId('hub-dataset-id').press('Enter');
    const summary = page.getByTestId('hub-dataset-summary');
    await summary.waitFor({ timeout: 60_000 });
    await expect(summary.textContent()).resolves.toContain(`${ARTICLE_ID} on 127.0.0.1:${hub.port}: 2 Parquet files, 300 rows, 11 columns.`);
    await expect(page.getByTestId('hub-dataset-columns').textContent()).resolves.toContain('about_me_embedding list<float32>, 384 numbers per row: precomputed embeddings');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByTestId('import-dialog').scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page, 360)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('import-dialog').screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-hub-dataset.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('cancels a download: its requests stop and the profiles on screen stay', async () => {
    await page.getByTestId('hub-column-about_me_embedding').check();
    await page.getByTestId('hub-column-headline_embedding').check();
    await page.getByTestId('hub-dataset-load').click();
    await page.getByTestId('import-progress').filter({ hasText: /Downloaded .* of about .* · \d+ of 300 rows/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('import-cancel').click();
    await page.getByText('Import cancelled. The profiles on screen are unchanged.').waitFor();
    const seen = hub.requests.length;
    await page.waitForTimeout(1000);
    expect(hub.requests.length).toBe(seen);
    await expect(ui.status.textContent()).resolves.toMatch(/2,400 profiles/);
  });

  it('loads only the text columns with range requests, maps, imports and searches them', async () => {
    const before = hub.requests.length;
    await page.getByTestId('hub-column-about_me_embedding').uncheck();
    await page.getByTestId('hub-column-headline_embedding').uncheck();
    await page.getByTestId('hub-dataset-load').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain(`300 rows read from ${ARTICLE_ID} (PARQUET)`);
    const load = hub.requests.slice(before);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 300 profiles embedded' }).waitFor({ timeout: 120_000 });
    await ui.search('Registered nurse on a cardiac ward: patient care, triage and medication.');
    await expect(page.getByTestId('result-item').first().textContent()).resolves.toContain('Registered Nurse');
    await screenshot(page, 'hub-dataset-imported');

    // the request log: files only in byte ranges (206 from the storage path, after the Hub's 302)
    const files = load.filter((r) => !r.path.startsWith('/api/'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((r) => r.method === 'GET' && r.range && (r.status === 206 || r.status === 302))).toBe(true);
    const fetched = files.filter((r) => r.status === 206).reduce((n, r) => {
      const m = /^bytes=(\d+)-(\d+)$/.exec(r.range ?? '');
      return n + (m ? Number(m[2]) - Number(m[1]) + 1 : NaN);
    }, 0);
    console.info(`hub dataset e2e: the load of 9 text columns fetched ${fetched} bytes in ${files.filter((r) => r.status === 206).length} range requests`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync(path.resolve('test-results/hub-dataset-requests.json'), JSON.stringify(hub.requests, null, 1));
    expect(hub.requests.filter((r) => !r.path.startsWith('/api/') && r.method !== 'OPTIONS').every((r) => r.range)).toBe(true);
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
