import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isLocal, launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';
import { startStandInHub } from '../helpers/standInHub';

type Hub = Awaited<ReturnType<typeof startStandInHub>>;

/** Switching between the bundled model and a Hub model, served by a local stand-in for the Hub. */
describe('Hub models in Chromium, via a local stand-in Hub', () => {
  let browser: Browser;
  let page: Page;
  let ui: UI;
  let hub: Hub;
  let requests: string[];

  const status = () => page.getByTestId('status').textContent();
  const modelFileRequests = () => hub.requests.filter((r) => r.path.includes('/onnx/') && r.method === 'GET' && !r.range).length;

  async function useCustomModel(id: string): Promise<void> {
    await page.getByTestId('custom-model-input').fill(id);
    await page.getByTestId('custom-model-input').press('Enter');
  }

  beforeAll(async () => {
    hub = await startStandInHub();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    requests = recordRequests(page);
    ui = new UI(page);
    await ui.openWithMirror(inject('baseUrl'), hub.url + '/');
    await ui.waitUntilReady();
    await ui.search('Registered nurse on a surgical ward, patient care and medication.');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('downloads a Hub model with progress, embeds every profile and re-ranks', async () => {
    await useCustomModel('test-org/tiny-embed');
    await page.getByTestId('on-screen-model').filter({ hasText: 'test-org/tiny-embed · q8' }).waitFor({ timeout: 120_000 });
    await ui.waitUntilReady();
    expect(hub.requests.map((r) => r.path)).toContain('/test-org/tiny-embed/resolve/main/onnx/model_quantized.onnx');
    await expect(status()).resolves.toMatch(/2,400 profiles embedded with test-org\/tiny-embed/);
    await expect(page.getByTestId('on-screen-model').textContent()).resolves.toContain('32 dimensions');
    await expect(page.getByTestId('result-item').count()).resolves.toBe(25);
    await expect(page.locator('.results-panel .meta').first().textContent()).resolves.toContain('test-org/tiny-embed');
    await screenshot(page, 'hub-model');
  });

  it('switching back to the bundled model and again to the Hub model embeds nothing and downloads nothing', async () => {
    const downloads = modelFileRequests();
    await page.getByTestId('model-select').selectOption('glove-sif-100d');
    await page.getByTestId('on-screen-model').filter({ hasText: 'glove-sif-100d' }).waitFor();
    await ui.waitUntilReady();
    // the bundled profiles' vectors ship with the app (src/embedding/prebuilt.ts)
    await expect(status()).resolves.toContain('2,400 built with the app, 0 computed');

    await page.getByTestId('model-select').selectOption('test-org/tiny-embed');
    await page.getByTestId('on-screen-model').filter({ hasText: 'test-org/tiny-embed' }).waitFor();
    await ui.waitUntilReady();
    await expect(status()).resolves.toContain('2,400 from cache, 0 computed');
    expect(modelFileRequests()).toBe(downloads);
  });

  it('explains a model that does not exist and keeps what is on screen', async () => {
    const before = await ui.results();
    await useCustomModel('test-org/no-such-model');
    await page.getByTestId('model-error').waitFor();
    await expect(page.getByTestId('model-error').textContent()).resolves.toMatch(/not found.*Still showing results from test-org\/tiny-embed/);
    expect(await ui.results()).toEqual(before);
    await expect(page.getByTestId('model-select').inputValue()).resolves.toBe('test-org/tiny-embed');
  });

  it('explains a damaged model file', async () => {
    await useCustomModel('test-org/broken-embed');
    await page.getByTestId('model-error').filter({ hasText: 'damaged' }).waitFor();
    await screenshot(page, 'hub-model-error');
  });

  it('reloading the page costs no embedding and no model download', async () => {
    const downloads = modelFileRequests();
    await page.reload();
    // the remembered Hub model waits for the mirror to be accepted again: a link's mirror is never remembered
    await page.getByTestId('status').filter({ hasText: 'Waiting for your answer' }).waitFor();
    await ui.acceptMirror();
    await ui.waitUntilReady();
    await expect(status()).resolves.toContain('2,400 from cache, 0 computed');
    expect(modelFileRequests()).toBe(downloads);
  });

  it('sent nothing beyond this machine', () => {
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
