import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { isLocal, launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';
import type { JobsFile } from '../../src/data/schema';

const jobs = (JSON.parse(readFileSync('public/data/jobs.json', 'utf8')) as JobsFile).jobs;
/** A held-out Product Manager job description (even id: nothing was tuned on it). */
const PM_JOB = jobs.find((j) => j.role === 'Product Manager' && Number(j.id.replace(/\D/g, '')) % 2 === 0)!;

describe('three rankings in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let requests: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    requests = recordRequests(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('ranks by meaning and keywords by default, and the order changes with the choice', async () => {
    const ui = new UI(page);
    await ui.open(inject('baseUrl'));
    await ui.waitUntilReady();
    await ui.search(PM_JOB.text);
    await expect(page.getByTestId('ranking-hybrid').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('ranking-used').textContent()).resolves.toContain('hybrid');
    const hybrid = await ui.results();

    const orderAfter = async (choice: string, phrase: string) => {
      await page.getByTestId(choice).check();
      await page.getByTestId('ranking-used').filter({ hasText: phrase }).waitFor();
      return ui.results();
    };
    const keywords = await orderAfter('ranking-bm25', 'by keywords');
    const meaning = await orderAfter('ranking-embedding', 'by meaning (cosine');
    const ids = (rs: { id: string }[]) => rs.map((r) => r.id).join(',');
    expect(ids(keywords)).not.toBe(ids(hybrid));
    expect(ids(meaning)).not.toBe(ids(hybrid));
    const pms = (rs: { role: string }[]) => rs.slice(0, 10).filter((r) => r.role === 'Product Manager').length;
    console.log(`${PM_JOB.id}: Product Managers in the top 10: hybrid ${pms(hybrid)}, keywords ${pms(keywords)}, meaning ${pms(meaning)}`);
    expect(pms(hybrid)).toBeGreaterThanOrEqual(pms(meaning));

    // the weight slider, by keyboard: Home = all keywords, which is the keyword order
    await page.getByTestId('ranking-hybrid').check();
    await page.getByTestId('fusion-weight').focus();
    await page.keyboard.press('Home');
    await page.getByTestId('ranking-used').filter({ hasText: '0% meaning, 100% keywords' }).waitFor();
    expect(ids(await ui.results())).toBe(ids(keywords));
    await page.getByRole('button', { name: /Back to 40%/ }).click();
    await page.getByTestId('ranking-used').filter({ hasText: '40% meaning' }).waitFor();
    await screenshot(page, 'ranking-desktop', false);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByTestId('ranking-control').scrollIntoViewIfNeeded();
    await screenshot(page, 'ranking-phone', false);
    const box = await page.getByTestId('ranking-control').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  });

  it('made no request that left the machine', () => {
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
