import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';
import type { JobsFile } from '../../src/data/schema';
import { startStandInOpenAI, type StandInOpenAI } from '../helpers/standInOpenAI';
import { contentSecurityPolicy, directiveSources } from '../../src/core/csp';

const jobs = (JSON.parse(readFileSync('public/data/jobs.json', 'utf8')) as JobsFile).jobs;
const PM_JOB = jobs.find((j) => j.role === 'Product Manager')!;
const MODEL_ID = 'custom:stand-in-embed';

describe('API models in Chromium, against the stand-in endpoint', () => {
  let browser: Browser;
  let server: StandInOpenAI;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startStandInOpenAI();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function freshPage(width = 1280): Promise<{ page: Page; requests: string[]; ui: UI }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return { page, requests: recordRequests(page), ui: new UI(page) };
  }

  it('with no endpoint set up, nothing leaves the page, whatever the URL says', async () => {
    const { page, requests, ui } = await freshPage();
    const appOrigin = new URL(inject('baseUrl')).origin;
    // a link cannot set up an endpoint or pick an API model
    await ui.open(`${inject('baseUrl')}?api-base=${encodeURIComponent(server.baseUrl)}&apiBase=${encodeURIComponent(server.baseUrl)}&model=${MODEL_ID}`);
    await ui.waitUntilReady();
    await ui.search(PM_JOB.text);
    await expect(page.getByTestId('privacy-notice').textContent()).resolves.toContain('No profile leaves this page.');
    expect(server.requests).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== appOrigin)).toEqual([]);
    await page.close();
  });

  it('the production build (no CSP_CONNECT_EXTRA): set up the stand-in, confirm, reload to allow it, search and re-rank with it; forgotten, it is refused again', async () => {
    const { page, ui } = await freshPage(360);
    const connectSrc = () => page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content').then((c) => directiveSources(c ?? '', 'connect-src'));
    const defaults = directiveSources(contentSecurityPolicy(), 'connect-src');
    const origin = new URL(server.baseUrl).origin;
    await ui.open(inject('productionUrl'));
    await ui.waitUntilReady();
    await expect(connectSrc()).resolves.toEqual(defaults);
    await page.getByTestId('api-settings').locator('summary').click();
    await page.getByTestId('api-provider').selectOption('custom');
    await page.getByTestId('api-base-url').fill(server.baseUrl);
    await expect(page.getByTestId('api-local-badge').isVisible()).resolves.toBe(true);
    await page.getByTestId('api-model').fill('stand-in-embed');
    await page.getByTestId('api-add').click();
    await page.getByTestId('api-message').filter({ hasText: `Added ${MODEL_ID}` }).waitFor();
    expect(server.requests).toEqual([]);

    await page.getByTestId('model-select').selectOption(MODEL_ID);
    const dialog = page.getByTestId('consent-dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/will go to .*127\.0\.0\.1:\d+\/v1\/embeddings.*local/);
    await expect(page.getByTestId('consent-policy').textContent()).resolves.toMatch(/does not allow 127\.0\.0\.1:\d+ yet/);
    await expect(page.getByTestId('privacy-notice').textContent()).resolves.toMatch(/would be sent \(after you confirm\) to/);
    await screenshot(page, 'api-consent-360');
    expect(server.requests).toEqual([]);
    await page.getByTestId('consent-send').click();

    // the running policy cannot be widened: the app says so, sends nothing and offers the reload
    const reload = page.getByTestId('reload-to-allow-button');
    await expect(reload.textContent()).resolves.toBe(`Reload to allow ${new URL(origin).host}`);
    expect(server.requests).toEqual([]);
    await screenshot(page, 'api-reload-to-allow-360');
    await page.getByTestId('job-input').fill(PM_JOB.text);
    await Promise.all([page.waitForEvent('load'), reload.click()]);

    // after the reload: the policy names the origin, the job description and the endpoint are kept, the consent carried over
    await expect(connectSrc()).resolves.toEqual([...defaults, origin]);
    await expect(page.getByTestId('job-input').inputValue()).resolves.toBe(PM_JOB.text);
    if ((await page.getByTestId('model-select').inputValue()) !== MODEL_ID) await page.getByTestId('model-select').selectOption(MODEL_ID);
    await page.getByTestId('on-screen-model').filter({ hasText: `${MODEL_ID} · embedded by the API endpoint · 64 dimensions` }).waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('consent-dialog').count()).resolves.toBe(0);
    const profileRequests = server.requests.filter((r) => r.method === 'POST');
    expect(profileRequests.length).toBeGreaterThan(0);
    expect(profileRequests.every((r) => r.status === 200)).toBe(true);
    await expect(page.getByTestId('privacy-notice').textContent()).resolves.toMatch(/are sent to .*127\.0\.0\.1:\d+.*local/);

    await ui.search(PM_JOB.text);
    const last = server.requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(last.inputs).toBe(1);
    const top = (await ui.results()).slice(0, 10);
    expect(top).toHaveLength(10);
    console.log(`stand-in endpoint: ${server.requests.filter((r) => r.method === 'POST').length} requests; ${top.filter((r) => r.role === 'Product Manager').length}/10 of the top 10 are Product Managers`);
    await screenshot(page, 'api-search-360');

    // the stand-in LLM re-ranks the top 10 pairwise; the endpoint was allowed above
    const chatsBefore = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions').length;
    await page.getByTestId('llm-model').fill('stand-in-chat');
    await page.getByTestId('llm-run').click();
    await page.locator('[data-testid="llm-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    const items = await page.getByTestId('llm-item').count();
    expect(items).toBe(10);
    const chats = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions').length - chatsBefore;
    await expect(page.getByTestId('llm-status').textContent()).resolves.toContain(`${chats} chat calls now`);
    expect(chats).toBeLessThanOrEqual(2 * 25);
    console.log(`LLM re-ranking of the top 10: ${chats} chat calls (at most 50)`);

    // forgetting the endpoint withdraws its origin: refused again from the next load
    await page.getByTestId('api-settings').locator('summary').click();
    await page.getByRole('button', { name: 'Forget' }).click();
    await expect(page.getByTestId('allowed-origins').count()).resolves.toBe(0);
    await page.reload();
    await ui.waitUntilReady();
    await expect(connectSrc()).resolves.toEqual(defaults);
    const before = server.requests.length;
    await expect(page.evaluate((u) => fetch(u).then((r) => `status ${r.status}`, () => 'refused'), `${server.baseUrl}/models`)).resolves.toBe('refused');
    expect(server.requests.length).toBe(before);
    await page.close();
  });

  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
