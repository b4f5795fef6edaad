/**
 * A real-sized transformer (MiniLM-L6's shape, random weights: scripts/build-bench-model.ts)
 * served by the stand-in Hub embeds the 2,400 bundled profiles at a few per second here. The
 * page ranks and maps the profiles embedded so far, says so, and after a reload mid-way
 * resumes from the embedding cache: no profile embedded before the reload is sent to the
 * model again (counted at the worker's door).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isLocal, openWatchedPage, screenshot } from './browser';
import { UI } from './ui';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';
import { BENCH_MODEL_ID, BENCH_MODELS_DIR, writeBenchModel } from '../../scripts/build-bench-model';

declare global {
  interface Window {
    /** Profile texts posted to the embedding worker since the page loaded (requests of more than one text: a query is one). */
    __profileTextsSent?: number;
  }
}

/** Counts the texts of every multi-text embed request any worker is sent, before the app's scripts run. */
const COUNT_EMBED_TEXTS = () => {
  window.__profileTextsSent = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [StructuredSerializeOptions?]) {
    const m = message as { type?: string; texts?: unknown[] } | null;
    if (m?.type === 'embed' && Array.isArray(m.texts) && m.texts.length > 1) window.__profileTextsSent! += m.texts.length;
    return post.call(this, message, ...rest);
  } as Worker['postMessage'];
};

describe('a slow Hub model is usable while it embeds, and resumes after a reload', () => {
  let browser: Browser;
  let page: Page;
  let ui: UI;
  let hub: StandInHub;
  let requests: string[];

  const count = (text: string | null, re: RegExp) => Number((re.exec(text ?? '')?.[1] ?? 'NaN').replace(/,/g, ''));
  const statusText = () => page.getByTestId('status').textContent();

  beforeAll(async () => {
    if (!existsSync(path.join(BENCH_MODELS_DIR, BENCH_MODEL_ID, 'onnx/model.onnx'))) writeBenchModel(BENCH_MODELS_DIR, () => undefined);
    hub = await startStandInHub({ root: BENCH_MODELS_DIR });
    ({ browser, page, requests } = await openWatchedPage({ width: 1280, height: 1000 }));
    await page.addInitScript(COUNT_EMBED_TEXTS);
    ui = new UI(page);
    await ui.openWithMirror(inject('baseUrl'), hub.url + '/');
    await ui.waitUntilReady();
    await ui.search('Registered nurse on a surgical ward, patient care and medication.');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('ranks and maps the profiles embedded so far, labelled, before embedding completes', async () => {
    await page.getByTestId('custom-model-input').fill(BENCH_MODEL_ID);
    await page.getByTestId('custom-model-input').press('Enter');
    // the bundled model's list stays, named, until the new model has 100 profiles
    await page.getByTestId('results-model-note').waitFor({ timeout: 120_000 });
    const note = page.getByTestId('partial-results');
    await note.waitFor({ timeout: 240_000 });
    await expect(note.textContent()).resolves.toMatch(new RegExp(`over the [\\d,]+ of 2,400 profiles embedded with ${BENCH_MODEL_ID} \\(custom\\) so far \\([\\d,]+ of 2,400 embedded, (~[\\w ]+|–) left\\)`));
    expect(await page.getByTestId('status').getAttribute('data-state')).toBe('embedding');
    expect(await page.getByTestId('result-item').count()).toBe(25);
    await expect(page.locator('.results-panel .meta').first().textContent()).resolves.toContain(BENCH_MODEL_ID);
    await page.getByTestId('plot-partial').waitFor();
    await expect(page.getByTestId('plot-partial').textContent()).resolves.toMatch(/Partial map: the [\d,]+ of 2,400 profiles embedded so far/);
    // and it grows: a later refresh covers more profiles
    const first = count(await note.textContent(), /over the ([\d,]+) of/);
    await page.waitForFunction(
      (n) => Number((/over the ([\d,]+) of/.exec(document.querySelector('[data-testid="partial-results"]')?.textContent ?? '')?.[1] ?? '0').replace(/,/g, '')) > n,
      first,
      { timeout: 120_000, polling: 500 },
    );
    await screenshot(page, 'progressive-partial');
  });

  it('after a reload mid-way, shows the partial ranking again and embeds only what was not cached', async () => {
    const embeddedBefore = count(await statusText(), /Embedding profiles ([\d,]+) \//);
    expect(embeddedBefore).toBeLessThan(2400);
    // let the chunk in hand finish and be saved, then reload while the next one runs
    await page.waitForFunction((n) => Number((/Embedding profiles ([\d,]+) \//.exec(document.querySelector('[data-testid="status"]')?.textContent ?? '')?.[1] ?? '0').replace(/,/g, '')) > n, embeddedBefore, { timeout: 60_000, polling: 200 });
    const shownBefore = count(await page.getByTestId('partial-results').textContent(), /over the ([\d,]+) of/);
    await page.reload();
    await ui.acceptMirror(); // a link's mirror is never remembered
    await page.getByTestId('partial-results').waitFor({ timeout: 180_000 });
    const status = (await statusText()) ?? '';
    const fromCache = count(status, /\(([\d,]+) from cache/);
    expect(fromCache).toBeGreaterThanOrEqual(shownBefore);
    await expect(page.getByTestId('partial-results').textContent()).resolves.toMatch(/so far/);
    expect(await page.getByTestId('result-item').count()).toBe(25);
    // it goes on from there: more profiles get embedded, none of the cached ones again
    await page.waitForFunction((n) => Number((/Embedding profiles ([\d,]+) \//.exec(document.querySelector('[data-testid="status"]')?.textContent ?? '')?.[1] ?? '0').replace(/,/g, '')) > n, fromCache, { timeout: 60_000, polling: 200 });
    const sent = await page.evaluate(() => window.__profileTextsSent ?? 0);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(2400 - fromCache);
    await screenshot(page, 'progressive-resumed');
  });

  it('Cancel keeps what is embedded and offers to resume', async () => {
    await page.getByTestId('cancel-button').click();
    const resume = page.getByTestId('resume-embedding');
    await resume.waitFor();
    await expect(resume.textContent()).resolves.toMatch(/Resume embedding \([\d,]+ of 2,400 done\)/);
    await expect(page.getByTestId('partial-results').textContent()).resolves.toContain('before embedding stopped');
    expect(await page.getByTestId('result-item').count()).toBe(25);
  });

  it('sent nothing beyond this machine', () => {
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
