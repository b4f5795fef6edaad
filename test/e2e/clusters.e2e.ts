import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { UI } from './ui';

const NURSE_JOB = `Registered Nurse, surgical ward. You will assess and care for patients before and after surgery,
give medication safely, keep accurate care records, and work closely with doctors and the wider care team.
You hold a current nursing registration and have experience on a busy hospital ward.`;

describe('cluster map in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let ui: UI;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    ui = new UI(page);
    await ui.open(inject('baseUrl'));
    await ui.waitUntilReady();
    await page.getByTestId('legend-item').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the job description inside the plot area after a search', async () => {
    await ui.search(NURSE_JOB);
    const star = page.getByTestId('query-point');
    await star.waitFor();
    const plot = await page.getByTestId('cluster-plot').boundingBox();
    const box = await star.boundingBox();
    expect(plot && box).toBeTruthy();
    expect(box!.x).toBeGreaterThanOrEqual(plot!.x);
    expect(box!.y).toBeGreaterThanOrEqual(plot!.y);
    expect(box!.x + box!.width).toBeLessThanOrEqual(plot!.x + plot!.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(plot!.y + plot!.height);
    await expect(page.getByTestId('profile-point').count()).resolves.toBe(2400);
  });

  it('selects the profile in the results list when its point is clicked', async () => {
    // a top hit whose centre is not covered by another mark (the star often sits on top of them)
    const target = await page.getByTestId('top-point').evaluateAll((els) => {
      for (const el of els) {
        const r = el.getBoundingClientRect();
        const x = r.x + r.width / 2;
        const y = r.y + r.height / 2;
        if (document.elementFromPoint(x, y) === el) return { x, y, index: el.getAttribute('data-index') };
      }
      return null;
    });
    expect(target, 'some top hit is clickable').not.toBeNull();
    const index = target!.index;
    await page.mouse.click(target!.x, target!.y);
    const selected = page.locator('[data-testid="result-item"].selected');
    await selected.waitFor();
    await expect(selected.locator('.details').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('selected-point').getAttribute('data-index')).resolves.toBe(index);
    await screenshot(page, 'clusters');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'clusters-viewport', false);
  });

  it('re-colours the plot when k changes', async () => {
    const fills = () => page.getByTestId('profile-point').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    const before = await fills();
    expect(new Set(before).size).toBe(10);
    await page.getByTestId('k-input').fill('5');
    await page.getByTestId('k-input').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="legend-item"]').length === 5);
    await page.waitForFunction(() => new Set([...document.querySelectorAll('[data-testid="profile-point"]')].map((e) => e.getAttribute('fill'))).size === 5);
    const after = await fills();
    expect(after).toHaveLength(before.length);
    expect(after.some((f, i) => f !== before[i])).toBe(true);
  });
});
