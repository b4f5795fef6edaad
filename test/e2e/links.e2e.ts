import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isLocal, launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';

const JOB = 'Registered nurse on a surgical ward, patient care and medication.';

/**
 * Hostile links and hung hosts (issue 11): a link's mirror is only used once the user accepts
 * it, bad link parameters are reported, a silent host fails with Retry instead of "Loading…"
 * forever, bad ids are refused in words without widening the page, and a reload brings the
 * ranking back.
 */
describe('links, mirrors and hung hosts in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let opened = false;
  let ui: UI;
  let trusted: StandInHub;
  let linked: StandInHub;
  const requests: string[] = [];
  const base = () => inject('baseUrl');
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  async function useCustomModel(id: string): Promise<void> {
    await page.getByTestId('custom-model-input').fill(id);
    await page.getByTestId('custom-model-input').press('Enter');
  }

  beforeAll(async () => {
    trusted = await startStandInHub();
    linked = await startStandInHub();
    browser = await launchBrowser();
  });

  /** A new page in a fresh browser context: nothing remembered from the tests before. */
  async function freshPage(): Promise<void> {
    if (opened) await page.close();
    opened = true;
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const log = recordRequests(page);
    page.on('close', () => requests.push(...log));
    ui = new UI(page);
  }

  afterAll(async () => {
    await browser?.close();
    await trusted?.close();
    await linked?.close();
  });

  it('fetches nothing from a linked mirror until the user accepts it, then loads the remembered model from it', async () => {
    await freshPage();
    // a Hub model is remembered from an earlier visit through a mirror the user accepted
    await ui.openWithMirror(base(), `${trusted.url}/`);
    await ui.waitUntilReady();
    await useCustomModel('test-org/tiny-embed');
    await page.getByTestId('on-screen-model').filter({ hasText: 'test-org/tiny-embed' }).waitFor({ timeout: 120_000 });
    await ui.waitUntilReady();

    // now someone sends a link naming another host
    await ui.open(`${base()}?hub=${encodeURIComponent(`${linked.url}/`)}`);
    const prompt = page.getByTestId('mirror-prompt');
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toContain(`127.0.0.1:${linked.port}`);
    await page.getByTestId('status').filter({ hasText: 'Waiting for your answer' }).waitFor();
    await expect(page.getByTestId('model-source').textContent()).resolves.toContain('huggingface.co');
    await screenshot(page, 'mirror-prompt');
    // give a load every chance to start: none may
    await page.waitForTimeout(1500);
    expect(linked.requests).toEqual([]);

    await ui.acceptMirror();
    await page.getByTestId('on-screen-model').filter({ hasText: 'test-org/tiny-embed' }).waitFor({ timeout: 120_000 });
    await ui.waitUntilReady();
    expect(linked.requests.length).toBeGreaterThan(0);
    await expect(page.getByTestId('model-source').textContent()).resolves.toContain(`127.0.0.1:${linked.port} (the mirror from the link, accepted by you)`);
  });

  it('reports link parameters it cannot use instead of ignoring them', async () => {
    await freshPage();
    await ui.open(`${base()}?hub=not-a-url&threads=9999&stall=soon`);
    await ui.waitUntilReady();
    const notices = await page.getByTestId('link-notice').allTextContents();
    expect(notices.join('\n')).toContain('"not-a-url" is not a web address');
    expect(notices.join('\n')).toMatch(/asks for 9999 threads, but (this machine has \d+ cores?|threads need a cross-origin isolated page)/);
    expect(notices.join('\n')).toContain('stall=soon');
    await expect(page.getByTestId('mirror-prompt').count()).resolves.toBe(0);
  });

  it('a host that never answers fails with a Retry, the previous model keeps working, and Retry loads it once the host answers', async () => {
    await freshPage();
    linked.faults.neverAnswer = true;
    // stall=2: two silent seconds end a download (20 by default)
    await ui.open(`${base()}?hub=${encodeURIComponent(`${linked.url}/`)}&stall=2`);
    await ui.acceptMirror();
    await ui.waitUntilReady();

    await useCustomModel('test-org/tiny-embed-cls');
    const error = page.getByTestId('model-error');
    await error.filter({ hasText: 'sent nothing for too long' }).waitFor({ timeout: 30_000 });
    await expect(error.textContent()).resolves.toContain(`127.0.0.1:${linked.port}`);
    await expect(page.getByTestId('status').getAttribute('data-state')).resolves.toBe('ready');
    await expect(page.getByTestId('on-screen-model').textContent()).resolves.toContain('glove-sif-100d');
    // the refused id stays in the field for correction, and not in the picker
    await expect(page.getByTestId('custom-model-input').inputValue()).resolves.toBe('test-org/tiny-embed-cls');
    await expect(page.locator('[data-testid="model-select"] option[value="test-org/tiny-embed-cls"]').count()).resolves.toBe(0);
    await ui.search(JOB);
    await screenshot(page, 'stalled-host');

    linked.faults.neverAnswer = false;
    await page.getByTestId('model-retry').click();
    await page.getByTestId('on-screen-model').filter({ hasText: 'test-org/tiny-embed-cls' }).waitFor({ timeout: 120_000 });
  });

  it('a host that serves web pages is "not a model hub"; bad ids are refused in words and never widen the page', async () => {
    await freshPage();
    // the app's own server answers every path with its HTML page
    await ui.openWithMirror(base(), base());
    await ui.waitUntilReady();
    await useCustomModel('test-org/tiny-embed');
    await page.getByTestId('model-error').filter({ hasText: 'this host is not a model hub' }).waitFor({ timeout: 60_000 });

    await useCustomModel('../..');
    await page.getByTestId('model-error').filter({ hasText: 'may not contain ".." or "--"' }).waitFor();

    const long = `org/${'x'.repeat(5000)}`;
    await useCustomModel(long);
    await page.getByTestId('model-error').filter({ hasText: 'the Hub allows at most 96' }).waitFor();
    await expect(page.getByTestId('custom-model-input').inputValue()).resolves.toBe(long);
    await expect(noOverflow()).resolves.toBe(true);
    // at phone width the message wraps inside the screen (the model bar's own width is the phone fixes' concern)
    await page.setViewportSize({ width: 360, height: 800 });
    const fits = await page.getByTestId('model-error').evaluate((el) => el.getBoundingClientRect().right <= window.innerWidth && el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    await screenshot(page, 'long-id-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a failed search marks the old results as the previous job description’s; a reload ranks the job description again', async () => {
    await freshPage();
    await ui.open(base());
    await ui.waitUntilReady();
    await ui.search(JOB);
    await expect(page.getByTestId('stale-results').count()).resolves.toBe(0);
    await page.getByTestId('job-input').fill('');
    await page.getByTestId('search-button').click();
    await page.getByTestId('stale-results').filter({ hasText: 'The last search failed' }).waitFor();
    await expect(page.getByTestId('stale-results').textContent()).resolves.toContain('Registered nurse on a surgical ward');

    await ui.search(JOB);
    const before = (await ui.results()).map((r) => r.id);
    await page.reload();
    await ui.waitUntilReady();
    await page.getByTestId('result-item').first().waitFor();
    expect((await ui.results()).map((r) => r.id)).toEqual(before);
    await expect(page.getByTestId('stale-results').count()).resolves.toBe(0);
  });

  it('sent nothing beyond this machine', async () => {
    await page.close();
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
