import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { isLocal, launchBrowser, screenshot } from './browser';
import { UI } from './ui';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';
import { contentSecurityPolicy } from '../../src/core/csp';
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
    const workerPolicies = new Map<string, string | null>();
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', async (r) => {
      if (/\.worker-[\w-]+\.js$/.test(r.url())) workerPolicies.set(r.url(), await r.headerValue('content-security-policy'));
    });
    const violations = await watchViolations(page);
    const ui = new UI(page);
    const response = await page.goto(inject('productionUrl'));
    const expected = contentSecurityPolicy();
    // the same policy as a meta tag (static hosts) and as a header (vite preview; it also covers the workers)
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).resolves.toBe(expected);
    expect(await response?.headerValue('content-security-policy')).toBe(`${expected}; frame-ancestors 'none'`);
    expect(expected).not.toMatch(/127\.0\.0\.1|localhost|\s\*\s/);

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
    expect(workerPolicies.size).toBeGreaterThan(0);
    for (const policy of workerPolicies.values()) expect(policy).toBe(`${expected}; frame-ancestors 'none'`);

    // and the policy refuses any other origin, even one that answers everyone
    const outside = `${hub.url}/test-org/tiny-embed/resolve/main/config.json`;
    expect((await fetch(outside)).status).toBe(200);
    await expect(fetchFrom(page, outside)).resolves.toMatch(/^refused/);
    await expect(fetchFrom(page, 'https://example.com/')).resolves.toMatch(/^refused/);
    // each refusal is reported by both policies in force: the meta tag's and the header's
    const blocked = await violations();
    expect(blocked.every((v) => v.directive === 'connect-src')).toBe(true);
    expect(blocked.filter((v) => v.blocked.startsWith(hub.url)).map((v) => v.policy.includes('frame-ancestors')).sort()).toEqual([false, true]);
    expect(blocked.filter((v) => v.blocked.startsWith('https://example.com')).length).toBe(2);
    await screenshot(page, 'privacy-production');
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
