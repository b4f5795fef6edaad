import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { isLocal, openWatchedPage, screenshot } from './browser';
import { UI } from './ui';
import type { JobsFile } from '../../src/data/schema';

const jobs = (JSON.parse(readFileSync('public/data/jobs.json', 'utf8')) as JobsFile).jobs;
/** The first Product Manager job description of the bundled data, pasted as a user would. */
const PM_JOB = jobs.find((j) => j.role === 'Product Manager')!;

describe('core flow in Chromium, offline', () => {
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    ({ browser, page, requests, pageErrors } = await openWatchedPage());
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

    await ui.search(PM_JOB.text);
    const top = (await ui.results()).slice(0, 10);
    expect(top).toHaveLength(10);
    const pms = top.filter((r) => r.role === 'Product Manager').length;
    console.log(`page ready in ${readyMs} ms; ${pms}/10 of the top 10 are Product Managers for ${PM_JOB.id}`);
    expect(pms).toBeGreaterThanOrEqual(6);
    const scores = top.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // 2,400 profiles are far below chooseIndex's size: every profile is scored exactly
    await expect(page.getByTestId('search-index').textContent()).resolves.toBe('exact search');

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
