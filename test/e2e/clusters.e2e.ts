import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
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
    // every profile is a dot on the canvas under the chart, and the canvas really has them
    const canvas = page.getByTestId('points-canvas');
    await expect(canvas.getAttribute('data-drawn')).resolves.toBe('2400');
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(2400 * 4);
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

  it('selects a profile by clicking its dot on the canvas, away from the outlined marks', async () => {
    // a canvas pixel with ink where the topmost element is the chart itself, not a mark
    const spot = await page.getByTestId('points-canvas').evaluate((c: HTMLCanvasElement) => {
      const box = c.getBoundingClientRect();
      const ratio = c.width / box.width;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let y = 0; y < c.height; y += 3) {
        for (let x = 0; x < c.width; x += 3) {
          if (data[(y * c.width + x) * 4 + 3] < 150) continue;
          const cx = box.x + x / ratio;
          const cy = box.y + y / ratio;
          if (!document.elementFromPoint(cx, cy)?.closest('[data-index], [data-query]')) return { x: cx, y: cy, dx: x / ratio, dy: y / ratio };
        }
      }
      return null;
    });
    expect(spot, 'some dot is not under an SVG mark').not.toBeNull();
    const before = await page.getByTestId('selected-point').getAttribute('data-index');
    await page.mouse.move(spot!.x, spot!.y);
    await page.getByTestId('plot-tooltip').waitFor();
    await page.mouse.click(spot!.x, spot!.y);
    const ring = page.getByTestId('selected-point');
    await page.waitForFunction((prev) => document.querySelector('[data-testid="selected-point"]')?.getAttribute('data-index') !== prev, before);
    const r = (await ring.boundingBox())!;
    // the selection ring is drawn on the clicked dot (within the hit distance), measured from
    // the canvas corner because selecting scrolls the result, and the page, into view
    const c = (await page.getByTestId('points-canvas').boundingBox())!;
    expect(Math.hypot(r.x + r.width / 2 - c.x - spot!.dx, r.y + r.height / 2 - c.y - spot!.dy)).toBeLessThan(8);
    await screenshot(page, 'clusters-canvas-selection', false);
  });

  it('exports the map as a PNG with its dots, not just the axes', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('cluster-map.png');
    await expect(page.getByTestId('map-export-error').count()).resolves.toBe(0);
    const png = readFileSync((await download.path())!).toString('base64');
    // pixels of a clearly saturated colour: the cluster dots (axes, grid and text are grey)
    const coloured = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
      return n;
    }, png);
    expect(coloured).toBeGreaterThan(2400 * 4);
  });

  it('re-colours the plot when k changes', async () => {
    const canvas = page.getByTestId('points-canvas');
    const clusters = async () => ((await canvas.getAttribute('data-clusters')) ?? '').split(',').filter(Boolean);
    const pixels = () => canvas.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
    expect(await clusters()).toHaveLength(10);
    const before = await pixels();
    await page.getByTestId('k-input').fill('5');
    await page.getByTestId('k-input').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="legend-item"]').length === 5);
    await page.waitForFunction(() => document.querySelector('[data-testid="points-canvas"]')?.getAttribute('data-clusters')?.split(',').length === 5);
    await expect(canvas.getAttribute('data-drawn')).resolves.toBe('2400');
    const after = await pixels();
    expect(after.some((v, i) => v !== before[i])).toBe(true);
  });
});
