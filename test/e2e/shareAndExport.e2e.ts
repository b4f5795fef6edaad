import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isLocal, launchBrowser, recordRequests, screenshot } from './browser';
import { UI } from './ui';
import type { JobsFile } from '../../src/data/schema';
import { SHORTLIST_COLUMNS } from '../../src/core/shortlist';

const jobs = (JSON.parse(readFileSync('public/data/jobs.json', 'utf8')) as JobsFile).jobs;
const NURSE_JOB = jobs.find((j) => j.role === 'Registered Nurse') ?? jobs[0];

/** A minimal RFC 4180 reader, enough to read the export back (quoted fields with commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

const searchParams = (page: Page) => new URL(page.url()).searchParams;

describe('shareable view and shortlist export in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(inject('baseUrl')).origin });
    page = await context.newPage();
    requests = recordRequests(page);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('applies the view a link carries', async () => {
    const ui = new UI(page);
    await ui.open(`${inject('baseUrl')}?ranking=bm25&top=10&k=6&filter=cluster`);
    await ui.waitUntilReady();
    await expect(page.getByTestId('ranking-bm25').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('k-input').inputValue()).resolves.toBe('6');
    await expect(page.getByRole('radio', { name: "the job's cluster" }).isChecked()).resolves.toBe(true);
    await ui.search(NURSE_JOB.text);
    await expect(page.getByTestId('result-item').count()).resolves.toBeLessThanOrEqual(10);
    await expect(page.getByTestId('ranking-used').textContent()).resolves.toBe('by keywords (BM25)');
    await expect(page.getByTestId('view-link-problems').count()).resolves.toBe(0);
  });

  it('writes every setting change into the address bar, and never the job description', async () => {
    await page.getByTestId('ranking-hybrid').check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ranking') === 'hybrid');
    // the weight slider by keyboard: 40% -> 45%
    await page.getByTestId('fusion-weight').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('weight') !== '0.4');
    await page.getByRole('radio', { name: 'all profiles' }).check();
    await page.getByRole('combobox', { name: /Show/ }).selectOption('25');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('top') === '25');
    const params = searchParams(page);
    expect(Object.fromEntries(params)).toMatchObject({ model: 'glove-sif-100d', dtype: 'q8', ranking: 'hybrid', top: '25', k: '6', filter: 'all' });
    expect(Number(params.get('weight'))).toBeGreaterThan(0.4);
    expect(params.has('jd')).toBe(false);
    expect(page.url()).not.toContain(encodeURIComponent(NURSE_JOB.text.slice(0, 20)));
  });

  it('exports the shown list as CSV and JSON, read back row for row', async () => {
    const shown = await new UI(page).results();
    await page.getByTestId('export-shortlist').focus();
    await page.keyboard.press('Enter');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-shortlist-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^shortlist-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual(SHORTLIST_COLUMNS);
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => r[col('id')])).toEqual(shown.map((r) => r.id));
    expect(rows.map((r) => Number(r[col('score')]).toFixed(4))).toEqual(shown.map((r) => r.score.toFixed(4)));
    expect(rows.every((r) => r[col('ranking')] === 'hybrid' && r[col('model')] === 'glove-sif-100d' && r[col('dtype')] === 'q8' && r[col('device')] === 'wasm')).toBe(true);
    expect(rows[0][col('job_description')]).toBe(NURSE_JOB.text);
    expect(rows[0][col('score_meaning')]).toMatch(/hybrid: 45% z-scored cosine/);

    // keyboard: Enter opens the menu, Tab reaches JSON
    await page.getByTestId('export-shortlist').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('export-shortlist-json');
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    expect(json).toMatchObject({ jobDescription: NURSE_JOB.text, ranking: 'hybrid', model: 'glove-sif-100d', clusterFilter: 'all profiles' });
    expect(json.rows.map((r: { id: string }) => r.id)).toEqual(shown.map((r) => r.id));
    await screenshot(page, 'share-and-export');
  });

  it('copies a link with the job description only when asked, and the link reproduces the search', async () => {
    const shown = (await new UI(page).results()).map((r) => r.id);
    await page.getByTestId('copy-view-link').click();
    await page.getByTestId('share-status').filter({ hasText: 'Link copied' }).waitFor();
    const plain = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(plain).searchParams.has('jd')).toBe(false);

    await page.getByTestId('copy-view-link-jd').click();
    await page.getByTestId('share-status').filter({ hasText: 'with the job description' }).waitFor();
    const withJob = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(withJob).searchParams.get('jd')).toBe(NURSE_JOB.text);

    const other = await context.newPage();
    const otherRequests = recordRequests(other);
    const ui = new UI(other);
    await ui.open(withJob);
    await ui.waitUntilReady();
    await other.getByTestId('result-item').first().waitFor();
    await expect(other.getByTestId('job-input').inputValue()).resolves.toBe(NURSE_JOB.text);
    expect((await ui.results()).map((r) => r.id)).toEqual(shown);
    // read into the editor, then taken out of the address bar
    expect(searchParams(other).has('jd')).toBe(false);
    expect(otherRequests.filter((u) => !isLocal(u))).toEqual([]);
    await other.close();
  });

  it('reports what a link asked for that could not be applied, and keeps working', async () => {
    const bad = await context.newPage();
    const ui = new UI(bad);
    await ui.open(`${inject('baseUrl')}?model=${encodeURIComponent('evil/../model')}&k=99&weight=7&filter=nearest-0`);
    const problems = bad.getByTestId('view-link-problems');
    await problems.waitFor();
    const text = await problems.textContent();
    expect(text).toMatch(/does not know, "evil\/\.\.\/model"/);
    expect(text).toMatch(/number of clusters "99"/);
    expect(text).toMatch(/fusion weight "7"/);
    expect(text).toMatch(/cluster filter "nearest-0"/);
    await ui.waitUntilReady();
    // the address bar now says what is in force
    expect(searchParams(bad).get('model')).not.toBe('evil/../model');
    expect(Number(searchParams(bad).get('k'))).toBeLessThanOrEqual(20);
    await bad.close();
  });

  it('made no request that left the machine, and threw no page errors', () => {
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
