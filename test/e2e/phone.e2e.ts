import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { UI } from './ui';
import { axeViolations, horizontalOverflow, overflowingElements } from './a11y';
import type { JobsFile } from '../../src/data/schema';

const jobs = (JSON.parse(readFileSync('public/data/jobs.json', 'utf8')) as JobsFile).jobs;
const PM_JOB = jobs.find((j) => j.role === 'Product Manager')!;

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The page fits the window sideways; on failure the message names what sticks out. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  // a phone zooms out to fit a page wider than the screen, so compare with the screen, not innerWidth
  const width = page.viewportSize()!.width;
  const over = await horizontalOverflow(page, width);
  const culprits = over > 0 ? await overflowingElements(page, width) : [];
  expect({ where, over, culprits }).toEqual({ where, over: 0, culprits: [] });
}

/** Search with results, one result open, a term rule, the ranking control: the busiest main view. */
async function searchWithEverythingOpen(page: Page): Promise<void> {
  const ui = new UI(page);
  await ui.open(inject('baseUrl'));
  await ui.waitUntilReady();
  await page.getByRole('textbox', { name: 'Term or phrase' }).fill('roadmap');
  await page.getByRole('textbox', { name: 'Term or phrase' }).press('Enter');
  await ui.search(PM_JOB.text);
  await page.getByTestId('result-item').first().getByRole('button').first().click();
  await page.getByTestId('result-item').first().locator('.details').waitFor();
}

/** The map drawn, the k comparison run and a top hit tapped: the tooltip must not cover it. */
async function mapWithSweep(page: Page): Promise<void> {
  await page.getByTestId('top-point').first().waitFor();
  await page.getByRole('button', { name: /^Compare k/ }).click();
  await page.getByTestId('k-sweep').waitFor({ timeout: 120_000 });
}

/** The on-screen box of a locator, as edges. */
async function rectOf(locator: Locator): Promise<Rect> {
  const b = (await locator.boundingBox())!;
  return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height };
}

/**
 * Points at a few top hits in turn and checks each one's tooltip lies clear of it; then clicks
 * one (which selects it and scrolls its result into view) and checks any tooltip still shown
 * does not cover the selected point.
 */
async function expectTooltipsClearOfPoints(page: Page): Promise<void> {
  const points = page.getByTestId('top-point');
  const n = Math.min(await points.count(), 6);
  expect(n).toBeGreaterThan(0);
  const tip = page.getByTestId('plot-tooltip');
  for (let i = 0; i < n; i++) {
    const point = points.nth(i);
    await point.scrollIntoViewIfNeeded();
    const p = await rectOf(point);
    await page.mouse.move((p.left + p.right) / 2, (p.top + p.bottom) / 2);
    await tip.waitFor();
    expect(overlaps(await rectOf(tip), p)).toBe(false);
  }
  // the last of them that no other mark covers (top hits often overlap)
  const uncovered = await points.evaluateAll((els, count) => {
    const free = els.slice(0, count).map((el, i) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el ? i : -1;
    });
    return Math.max(...free);
  }, n);
  expect(uncovered, 'one of the first top hits is not covered by another mark').toBeGreaterThanOrEqual(0);
  const last = points.nth(uncovered);
  const index = await last.getAttribute('data-index');
  const p = await rectOf(last);
  await page.mouse.click((p.left + p.right) / 2, (p.top + p.bottom) / 2);
  const selected = page.locator(`[data-testid="selected-point"][data-index="${index}"]`);
  await selected.waitFor();
  if (await tip.isVisible()) expect(overlaps(await rectOf(tip), await rectOf(selected))).toBe(false);
}

const PHONES = [
  { name: 'phone-390', width: 390, height: 844 },
  { name: 'phone-360', width: 360, height: 740 },
];

describe.each(PHONES)('every view at $width x $height', ({ name, width, height }) => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width, height }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('search with results, an open result and a term rule: nothing wider than the screen, names and headlines readable', async () => {
    await searchWithEverythingOpen(page);
    await expectNoSidewaysScroll(page, 'search');
    // name, headline and role label each get a line of their own width, not one letter
    for (const item of (await page.getByTestId('result-item').all()).slice(0, 5)) {
      // the name is shown whole, the headline gets at least half the screen, the role label sits clear of both
      await expect(item.locator('.name').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).resolves.toBe(true);
      expect((await rectOf(item.locator('.headline'))).right - (await rectOf(item.locator('.headline'))).left).toBeGreaterThan(width / 2);
      const role = await rectOf(item.locator('.role-label'));
      expect(overlaps(role, await rectOf(item.locator('.name')))).toBe(false);
      expect(overlaps(role, await rectOf(item.locator('.headline')))).toBe(false);
      expect(role.right).toBeLessThanOrEqual(width);
    }
    await screenshot(page, `${name}-search`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `${name}-top`, false);
  });

  it('the model bar, the profiles bar and their pickers fit the screen', async () => {
    const bars = await page.locator('.model-bar').all();
    expect(bars.length).toBeGreaterThanOrEqual(2);
    for (const barLocator of bars) {
      const bar = await rectOf(barLocator);
      expect(bar.left).toBeGreaterThanOrEqual(0);
      expect(bar.right).toBeLessThanOrEqual(width);
      for (const control of await barLocator.locator('select, input, button').all()) {
        if (await control.isVisible()) expect((await rectOf(control)).right).toBeLessThanOrEqual(bar.right);
      }
    }
    expect(await page.locator('.model-bar select, .model-bar input, .model-bar button').count()).toBeGreaterThan(2);
  });

  it('has no serious or critical accessibility violation on the search view with an open result', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('cluster map: drawn at the screen width with its legend and k chart, and a tapped point is not covered by its tooltip', async () => {
    await mapWithSweep(page);
    await expectNoSidewaysScroll(page, 'map');
    const plot = (await page.getByTestId('cluster-plot').boundingBox())!;
    expect(plot.x + plot.width).toBeLessThanOrEqual(width);
    await expectTooltipsClearOfPoints(page);
    await page.locator('#cluster-map').screenshot({ path: `test-results/screenshots/${name}-map.png` });
    // the map, legend and k chart on screen pass axe too
    expect(await axeViolations(page)).toEqual([]);
  });

  it('comparison lab and cost calculator: no sideways scroll, a hint for the wide table, the cost chart drawn', async () => {
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('run-comparison').click();
    await page.locator('[data-testid="compare-run"][data-status="done"]').waitFor({ timeout: 180_000 });
    await expectNoSidewaysScroll(page, 'compare');
    await expect(page.locator('.scroll-hint').isVisible()).resolves.toBe(true);
    const chart = page.getByTestId('cost-chart');
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator('.recharts-line').count()).resolves.toBeGreaterThan(0);
    const svg = (await chart.locator('svg.recharts-surface').first().boundingBox())!;
    expect(svg.width).toBeGreaterThan(200);
    expect(svg.x + svg.width).toBeLessThanOrEqual(width);
    // axes in words: "$1,000" / "10 h" / "1M", never "1e+3"
    const ticks = await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents();
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.filter((t) => /e[+-]?\d/.test(t))).toEqual([]);
    await screenshot(page, `${name}-compare`);
  });

  it('has no serious or critical accessibility violation on the compare view', async () => {
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('desktop: accessibility, tabs, sticky map column, tooltip', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('has no serious or critical accessibility violation on the search view with an open result', async () => {
    await searchWithEverythingOpen(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reads a result as "rank 1, score 0.814, name, headline, ..." in the accessibility tree', async () => {
    const first = page.getByTestId('result-item').first();
    const name = await first.locator('.name').evaluate((el) => el.lastChild?.textContent?.trim());
    const snapshot = await first.getByRole('button').first().ariaSnapshot();
    expect(snapshot).toMatch(new RegExp(`^- button "rank 1, score \\d\\.\\d{3}, ${name}, [^"]+, true role [^"]+, cluster C\\d+"`));
  });

  it('the skip link past the results moves the focus to the map', async () => {
    const skip = page.getByRole('link', { name: 'Skip past the results to the cluster map' });
    await skip.focus();
    await expect(skip.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('cluster-map');
  });

  it('the Search tab does not look like the primary search button', async () => {
    const look = (testId: string) =>
      page.getByTestId(testId).evaluate((el) => {
        const s = getComputedStyle(el);
        return { background: s.backgroundColor, color: s.color };
      });
    const tab = await look('tab-search');
    const primary = await look('search-button');
    expect(tab.background).not.toBe(primary.background);
    expect(tab.color).not.toBe(primary.color);
  });

  it('the sticky map column fits the window, so its legend and k chart can be reached while the list scrolls', async () => {
    await mapWithSweep(page);
    // halfway down the results: the map column is stuck at the top
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 3));
    const column = page.locator('.column.sticky');
    const box = (await column.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800 + 1);
    await page.getByTestId('k-sweep').scrollIntoViewIfNeeded();
    const sweep = (await page.getByTestId('k-sweep').boundingBox())!;
    expect(sweep.y).toBeGreaterThanOrEqual(0);
    expect(sweep.y + sweep.height).toBeLessThanOrEqual(800 + 1);
    await screenshot(page, 'desktop-sticky-map', false);
  });

  it('a clicked point is never covered by its tooltip', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.column.sticky').evaluate((el) => el.scrollTo(0, 0));
    await expectTooltipsClearOfPoints(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('has no serious or critical accessibility violation on the compare view', async () => {
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('cost-panel').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-compare');
  });
});
