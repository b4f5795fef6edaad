import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isLocal, launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';
import { startStandInHub } from '../helpers/standInHub';

type Hub = Awaited<ReturnType<typeof startStandInHub>>;

const JOB = 'Registered nurse on a surgical ward: patient care, medication, and data dashboards for clinical metrics.';

/** Cross-encoder re-ranking in Chromium: the stand-in re-ranker moves results; an unreachable Hub breaks nothing. */
describe('re-ranking in Chromium', () => {
  let browser: Browser;
  let hub: Hub;
  const requests: string[] = [];

  async function openReady(hubUrl: string): Promise<{ page: Page; ui: UI }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const log = recordRequests(page);
    page.on('close', () => requests.push(...log));
    const ui = new UI(page);
    await ui.openWithMirror(inject('baseUrl'), hubUrl);
    await ui.waitUntilReady();
    await ui.search(JOB);
    return { page, ui };
  }

  beforeAll(async () => {
    hub = await startStandInHub();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('says in plain words when the Hub cannot be reached, and keeps the ranking as it was', async () => {
    // a port nobody listens on: the Hub is unreachable
    const gone = await startStandInHub();
    await gone.close();
    const { page, ui } = await openReady(`${gone.url}/`);
    const before = await ui.results();
    await page.getByTestId('rerank-toggle').check();
    const error = page.getByTestId('rerank-error');
    await error.waitFor({ timeout: 60_000 });
    await expect(error.textContent()).resolves.toMatch(/Re-ranking is unavailable: Could not download .*unreachable.*order before re-ranking/);
    await expect(page.getByTestId('reranker-select').locator('option:checked').textContent()).resolves.toContain('(could not be loaded)');
    expect(await ui.results()).toEqual(before);
    await expect(page.getByTestId('move-badge').count()).resolves.toBe(0);
    await expect(page.getByTestId('status').getAttribute('data-state')).resolves.toBe('ready');
    await page.close();
  });

  it('re-ranks the top 50 with the stand-in re-ranker and shows where each result was', async () => {
    const { page, ui } = await openReady(`${hub.url}/`);
    const before = await ui.results();
    await page.getByTestId('custom-reranker-input').fill('test-org/tiny-rerank');
    await page.getByTestId('custom-reranker-input').press('Enter');
    await page.getByTestId('rerank-toggle').check();
    await page.locator('[data-testid="rerank-status"][data-state="ready"]').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('rerank-status').textContent()).resolves.toMatch(/Top 50 re-ranked by test-org\/tiny-rerank \(custom\) · q8 · 50 scored now, 0 from cache/);
    expect(hub.requests.map((r) => r.path)).toContain('/test-org/tiny-rerank/resolve/main/onnx/model_quantized.onnx');

    const after = await ui.results();
    expect(after).toHaveLength(25);
    expect(after.map((r) => r.id)).not.toEqual(before.map((r) => r.id));
    const badges = await page.getByTestId('move-badge').evaluateAll((els) => els.map((e) => ({ kind: e.getAttribute('data-move'), text: e.textContent ?? '' })));
    expect(badges).toHaveLength(25);
    expect(badges.some((b) => b.kind !== 'same')).toBe(true);
    for (const b of badges) expect(b.text).toMatch(/^(▲ up \d+|▼ down \d+|new \(was \d+\)|unchanged)$/);
    await screenshot(page, 'reranked');

    // the same search again: every score comes from the cache
    await ui.search(JOB);
    // the status of this search's re-ranking (the previous one's text may show until it starts)
    await page.locator('[data-testid="rerank-status"][data-state="ready"]').filter({ hasText: /0 scored now, 50 from cache/ }).waitFor({ timeout: 30_000 });

    // off again: the first-stage order, no badges
    await page.getByTestId('rerank-toggle').uncheck();
    await expect(page.getByTestId('move-badge').count()).resolves.toBe(0);
    expect((await ui.results()).map((r) => r.id)).toEqual(before.map((r) => r.id));
    await page.close();
  });

  it('sent nothing beyond this machine', () => {
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
