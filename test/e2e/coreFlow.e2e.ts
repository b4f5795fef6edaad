import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isLocal, launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';

/** A Product Manager job description written for this test, not taken from the bundled data. */
const PM_JOB = `Product Manager, Checkout
We are looking for a product manager to own the roadmap for our checkout and payments experience.
You will run discovery with customers, turn what you learn into a prioritised backlog, write clear
requirements and user stories, and work every day with engineers and designers to ship improvements.
You will define success metrics, run A/B experiments, and make trade-offs between scope, quality and time.
You have 4+ years of product management experience on a software product, are comfortable with data and SQL,
and communicate well with stakeholders across engineering, design and the business.`;

describe('core flow in Chromium, offline', () => {
  let browser: Browser;
  let page: Page;
  let requests: string[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    requests = recordRequests(page);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens, embeds every profile, and ranks Product Managers first for a PM job description', async () => {
    const ui = new UI(page);
    const opened = Date.now();
    await ui.open(inject('baseUrl'));
    await ui.waitUntilReady();
    const readyMs = Date.now() - opened;
    await expect(ui.status.textContent()).resolves.toMatch(/profiles embedded with GloVe-SIF/);

    await ui.search(PM_JOB);
    const top = (await ui.results()).slice(0, 10);
    expect(top).toHaveLength(10);
    const pms = top.filter((r) => r.role === 'Product Manager').length;
    console.log(`page ready in ${readyMs} ms; ${pms}/10 of the top 10 are Product Managers`);
    expect(pms).toBeGreaterThanOrEqual(6);
    const scores = top.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    await page.getByTestId('result-item').first().getByRole('button').click();
    await expect(page.getByTestId('result-item').first().locator('.details').isVisible()).resolves.toBe(true);
    await screenshot(page, 'core-flow');
  });

  it('made no request that left the machine, and threw no page errors', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
