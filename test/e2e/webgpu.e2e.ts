import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, SOFTWARE_WEBGPU } from './browser';
import { UI } from './ui';
import { startStandInHub } from '../helpers/standInHub';

type Hub = Awaited<ReturnType<typeof startStandInHub>>;

describe('WebGPU', () => {
  let hub: Hub;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    hub = await startStandInHub();
  });
  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await hub?.close();
  });

  it('without an adapter: WebGPU is not offered, says why, and everything runs on WebAssembly', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.newPage();
    const ui = new UI(page);
    await ui.open(inject('baseUrl'));
    await ui.waitUntilReady();
    const option = page.getByTestId('device-select').locator('option[value="webgpu"]');
    await expect(option.isDisabled()).resolves.toBe(true);
    await expect(option.getAttribute('title')).resolves.toMatch(/WebGPU/);
    await expect(page.getByTestId('on-screen-model').textContent()).resolves.toContain('WebAssembly');
  });

  it('with a software adapter: a Hub model runs on WebGPU and is checked against WebAssembly', async () => {
    const browser = await launchBrowser(SOFTWARE_WEBGPU);
    browsers.push(browser);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const ui = new UI(page);
    await ui.openWithMirror(inject('baseUrl'), hub.url + '/');
    await ui.waitUntilReady();
    await expect(page.getByTestId('device-select').locator('option[value="webgpu"]').isDisabled()).resolves.toBe(false);
    await page.getByTestId('device-select').selectOption('webgpu');
    await ui.waitUntilReady();
    await page.getByTestId('custom-model-input').fill('test-org/tiny-embed');
    await page.getByTestId('custom-model-input').press('Enter');
    await page.getByTestId('on-screen-model').filter({ hasText: 'test-org/tiny-embed' }).waitFor({ timeout: 120_000 });
    await ui.waitUntilReady();
    await expect(page.getByTestId('on-screen-model').textContent()).resolves.toContain('WebGPU');
    await page.locator('[data-testid="agreement-ok"], [data-testid="agreement-warning"]').first().waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('agreement-ok').textContent()).resolves.toMatch(/WebGPU agrees with WebAssembly/);
    await ui.search('Registered nurse for a surgical ward.');
    await screenshot(page, 'webgpu');
  });
});
