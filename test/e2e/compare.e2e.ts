import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { isLocal, launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';
import { startStandInHub } from '../helpers/standInHub';

type Hub = Awaited<ReturnType<typeof startStandInHub>>;

describe('model comparison lab in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let hub: Hub;
  let requests: string[];

  beforeAll(async () => {
    hub = await startStandInHub();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    requests = recordRequests(page);
    const ui = new UI(page);
    await ui.openWithMirror(inject('baseUrl'), hub.url + '/');
    await ui.waitUntilReady();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it("cancelling a comparison leaves the main view's worker and model alone: a search still works", async () => {
    // only the main view's embedding worker exists yet; the lab starts its own
    // model workers start from blob: URLs (src/embedding/policyWorker.ts), so they are told apart by name
    // (ONNX Runtime's thread-pool workers block in Atomics.wait and never answer: give up on those after a moment)
    const nameOf = (w: Worker) =>
      Promise.race([w.evaluate(() => self.name).catch(() => ''), new Promise<string>((r) => setTimeout(() => r(''), 3000))]);
    const names = await Promise.all(page.workers().map(nameOf));
    const main = page.workers().filter((_, i) => names[i] === 'embedding');
    expect(main).toHaveLength(1);
    let mainClosed = false;
    main[0].on('close', () => (mainClosed = true));
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('run-comparison').click();
    await page.locator('[data-testid="compare-run"][data-status="loading"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('cancel-comparison').click();
    await page.locator('[data-testid="compare-run"][data-status="cancelled"]').waitFor();
    await page.getByTestId('tab-search').click();
    const ui = new UI(page);
    await ui.search('Product manager owning the roadmap, discovery and prioritisation.');
    expect((await ui.results()).length).toBeGreaterThan(0);
    // the search used the model already loaded: no reload, no new worker
    await expect(ui.status.getAttribute('data-state')).resolves.toBe('ready');
    expect(mainClosed).toBe(false);
  });

  it('compares the bundled model with a Hub model in two precisions', async () => {
    // make the stand-in model known to the picker, as a user typing its id would
    await page.getByTestId('custom-model-input').fill('test-org/tiny-embed');
    await page.getByTestId('custom-model-input').press('Enter');
    await page.getByTestId('on-screen-model').filter({ hasText: 'test-org/tiny-embed' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('target-test-org/tiny-embed-fp32').check();
    await page.getByTestId('target-test-org/tiny-embed-q8').check();
    await page.getByTestId('run-comparison').click();
    await page.locator('[data-testid="compare-run"][data-status="done"]').nth(2).waitFor({ timeout: 300_000 });
    // each run's embedding and hybrid rankings, and BM25 once
    const rows = page.locator('[data-testid="compare-row"][data-ranking="embedding"]');
    await expect(rows.count()).resolves.toBe(3);
    await expect(page.locator('[data-testid="compare-row"][data-ranking="hybrid"]').count()).resolves.toBe(3);
    await expect(page.locator('[data-testid="compare-row"][data-ranking="bm25"]').count()).resolves.toBe(1);
    const text = await page.getByTestId('compare-table').textContent();
    expect(text).toContain('tiny-embed fp32');
    expect(text).toContain('glove-sif-100d q8');
    // the q8 run is compared with its fp32 run
    await expect(rows.filter({ hasText: 'tiny-embed q8' }).textContent()).resolves.toMatch(/cos (0\.9\d+|1\.0+) · top-10 \d+%/);
    // measured model bytes: the main view already fetched q8 (in the browser's model cache); fp32 came over the network
    await expect(rows.filter({ hasText: 'tiny-embed q8' }).getByTestId('files-read').textContent()).resolves.toMatch(/from browser cache$/);
    await expect(rows.filter({ hasText: 'tiny-embed fp32' }).getByTestId('files-read').textContent()).resolves.toMatch(/downloaded$/);
    for (const cell of await rows.getByTestId('cold-load').all()) await expect(cell.textContent()).resolves.toMatch(/^\d+(\.\d)? m?s$/);
    await expect(page.getByTestId('compare-chart').locator('.recharts-bar-rectangle').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('cost-row').count()).resolves.toBeGreaterThan(3);
    await screenshot(page, 'compare');
  });

  it('exports the comparison as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('model-comparison.csv');
  });

  it('exports the charts as a PNG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('model-comparison.png');
    await expect(page.getByTestId('export-error').count()).resolves.toBe(0);
  });

  it('sent nothing beyond this machine', () => {
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
