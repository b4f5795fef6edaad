import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { isLocal, launchBrowser, screenshot } from './browser';
import { UI } from './ui';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';
import { contentSecurityPolicy, directiveSources, headerPolicy } from '../../src/core/csp';
import type { JobsFile } from '../../src/data/schema';

const jobs = (JSON.parse(readFileSync('public/data/jobs.json', 'utf8')) as JobsFile).jobs;
const JOB = jobs[3];

interface Violation {
  directive: string;
  blocked: string;
  /** The policy that refused it: the meta tag's, or the header's (which adds frame-ancestors). */
  policy: string;
}

/** Records Content-Security-Policy violations the page reports. */
async function watchViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string; policy: string }[] = [];
    (globalThis as unknown as { __csp: typeof seen }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, policy: e.originalPolicy }));
  });
  return () => page.evaluate(() => (globalThis as unknown as { __csp: Violation[] }).__csp);
}

/** Fetches `url` from the page; resolves to the status, or to the error's text when the browser refused. */
const fetchFrom = (page: Page, url: string) =>
  page.evaluate((u) => fetch(u, { mode: 'cors' }).then((r) => `status ${r.status}`, (e: Error) => `refused: ${e.message}`), url);

/** The same, from inside the page's embedding worker (a blob: worker, see src/embedding/policyWorker.ts). */
async function fetchFromWorker(page: Page, url: string): Promise<string> {
  const worker = page.workers().find((w) => w.url().startsWith('blob:'));
  if (!worker) throw new Error('no blob: worker is running');
  return worker.evaluate((u) => fetch(u, { mode: 'cors' }).then((r) => `status ${r.status}`, (e: Error) => `refused: ${e.message}`), url);
}

describe('privacy: every request stays on this machine, and the Content-Security-Policy is in force', () => {
  let browser: Browser;
  let hub: StandInHub;

  beforeAll(async () => {
    browser = await launchBrowser();
    // a server that would answer any page (CORS *), to tell "refused by the policy" from "unreachable"
    hub = await startStandInHub();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('the production build: a search and an expanded result send nothing off 127.0.0.1, under the policy users get', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const violations = await watchViolations(page);
    const ui = new UI(page);
    const response = await page.goto(inject('productionUrl'));
    const expected = contentSecurityPolicy();
    // the exact policy as a meta tag written at start-up (nothing confirmed yet), and the outer bound as a header (vite preview)
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).resolves.toBe(expected);
    expect(await response?.headerValue('content-security-policy')).toBe(headerPolicy());
    expect(expected).not.toMatch(/127\.0\.0\.1|localhost|\s\*\s|https:\s/);

    await ui.waitUntilReady();
    await ui.search(JOB.text);
    await page.getByTestId('result-item').first().getByRole('button').click();
    await page.getByTestId('result-item').first().locator('.details').waitFor();
    // the explanation (closest sentences, embedded by the model; keywords) is computed for the expanded result
    await page.locator('[data-testid="closest-sentences"]:not([data-state="loading"])').first().waitFor();
    await page.locator('[data-testid="keyword-explanation"]:not([data-state="loading"])').first().waitFor();

    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
    // nothing the app needs was blocked
    expect(await violations()).toEqual([]);
    // the model workers run from blob: URLs, so they are held to the page's policies, not only to their script's header
    expect(page.workers().filter((w) => w.url().startsWith('blob:')).length).toBeGreaterThan(0);

    // and the policy refuses any other origin, even one that answers everyone
    const outside = `${hub.url}/test-org/tiny-embed/resolve/main/config.json`;
    expect((await fetch(outside)).status).toBe(200);
    await expect(fetchFrom(page, outside)).resolves.toMatch(/^refused/);
    await expect(fetchFrom(page, 'https://example.com/')).resolves.toMatch(/^refused/);
    await expect(fetchFromWorker(page, outside)).resolves.toMatch(/^refused/);
    // refused by the exact meta policy; the header's outer bound (https: and loopback) allows both
    const blocked = await violations();
    expect(blocked.every((v) => v.directive === 'connect-src' && !v.policy.includes('frame-ancestors'))).toBe(true);
    expect(blocked.filter((v) => v.blocked.startsWith(hub.url)).length).toBe(1);
    expect(blocked.filter((v) => v.blocked.startsWith('https://example.com')).length).toBe(1);
    await screenshot(page, 'privacy-production');
    await page.close();
  });

  it('a ?hub= link alone never widens the policy; "Use" allows the mirror from the next load (page and workers), "Remove" refuses it again', async () => {
    const page = await browser.newPage();
    const ui = new UI(page);
    const connectSrc = () => page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content').then((c) => directiveSources(c ?? '', 'connect-src'));
    const defaults = directiveSources(contentSecurityPolicy(), 'connect-src');
    const config = `${hub.url}/test-org/tiny-embed/resolve/main/config.json`;
    const link = `${inject('productionUrl')}?hub=${encodeURIComponent(`${hub.url}/`)}`;
    await ui.open(link);
    await ui.waitUntilReady();
    await page.getByTestId('mirror-prompt').waitFor();
    await expect(page.getByTestId('mirror-policy-warning').textContent()).resolves.toContain(`does not allow 127.0.0.1:${hub.port} yet`);
    // the link, even reloaded, allows nothing
    await page.reload();
    await ui.waitUntilReady();
    await expect(connectSrc()).resolves.toEqual(defaults);
    await expect(page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('connect')))).resolves.toEqual([]);
    await expect(fetchFrom(page, config)).resolves.toMatch(/^refused/);
    await expect(fetchFromWorker(page, config)).resolves.toMatch(/^refused/);

    await ui.acceptMirror();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('reload-to-allow-button').click()]);
    await ui.waitUntilReady();
    await expect(connectSrc()).resolves.toEqual([...defaults, hub.url]);
    await expect(fetchFrom(page, config)).resolves.toBe('status 200');
    await expect(fetchFromWorker(page, config)).resolves.toBe('status 200');
    // another loopback port was never confirmed: refused in the page and in the worker
    const other = `http://127.0.0.1:${hub.port === 65535 ? 65534 : hub.port + 1}/x`;
    await expect(fetchFrom(page, other)).resolves.toMatch(/^refused/);
    await expect(fetchFromWorker(page, other)).resolves.toMatch(/^refused/);

    await page.getByTestId('allowed-origin-remove').click();
    await page.goto(inject('productionUrl'));
    await ui.waitUntilReady();
    await expect(connectSrc()).resolves.toEqual(defaults);
    await expect(fetchFrom(page, config)).resolves.toMatch(/^refused/);
    await expect(fetchFromWorker(page, config)).resolves.toMatch(/^refused/);
    await page.close();
  });

  it('the tests\' build adds only the stand-in Hub on 127.0.0.1: another loopback name is still refused', async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(inject('baseUrl'));
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toBe(contentSecurityPolicy({ extraConnect: ['http://127.0.0.1:*'] }));
    await expect(fetchFrom(page, `${hub.url}/test-org/tiny-embed/resolve/main/config.json`)).resolves.toBe('status 200');
    await expect(fetchFrom(page, `http://localhost:${hub.port}/test-org/tiny-embed/resolve/main/config.json`)).resolves.toMatch(/^refused/);
    expect(new Set((await violations()).map((v) => `${v.directive} ${new URL(v.blocked).host}`))).toEqual(new Set([`connect-src localhost:${hub.port}`]));
    await page.close();
  });
});
