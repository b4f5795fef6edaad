import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { isLocal, openWatchedPage, screenshot } from './browser';
import { UI } from './ui';
import { applyTermRules } from '../../src/core/termRules';
import { profileToText } from '../../src/data/profileText';
import type { JobsFile, ProfilesFile } from '../../src/data/schema';

const jobs = (JSON.parse(readFileSync('public/data/jobs.json', 'utf8')) as JobsFile).jobs;
const profiles = (JSON.parse(readFileSync('public/data/profiles.json', 'utf8')) as ProfilesFile).profiles;
const PM_JOB = jobs.find((j) => j.role === 'Product Manager')!;
/** Product Managers' profiles talk about roadmaps: excluding the word removes strong matches. */
const EXCLUDED = 'roadmap';

describe('why this match and term rules in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    ({ browser, page, requests, pageErrors } = await openWatchedPage());
    const ui = new UI(page);
    await ui.open(inject('baseUrl'));
    await ui.waitUntilReady();
    await ui.search(PM_JOB.text);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('excludes a term: the rule says how many profiles it removed and the strong matches it removed are listed', async () => {
    const ui = new UI(page);
    const before = await ui.results();
    const expected = applyTermRules(profiles.map(profileToText), [{ kind: 'exclude', term: EXCLUDED }]).removedBy[0];
    expect(expected).toBeGreaterThan(0);

    await page.getByRole('combobox', { name: 'Rule type' }).selectOption('exclude');
    const box = page.getByRole('textbox', { name: 'Term or phrase' });
    await box.fill(EXCLUDED);
    await box.press('Enter');
    const rule = page.getByTestId('term-rule');
    await rule.waitFor();
    await expect(rule.getAttribute('data-removed')).resolves.toBe(String(expected));
    await expect(rule.textContent()).resolves.toContain(`removes ${expected.toLocaleString('en-US')} profiles`);

    const after = await ui.results();
    const afterIds = new Set(after.map((r) => r.id));
    const removedStrong = before.filter((r) => !afterIds.has(r.id)).map((r) => r.id);
    expect(removedStrong.length).toBeGreaterThan(0);
    // none of the remaining results contains the word
    const byId = new Map(profiles.map((p) => [p.id, p]));
    for (const r of after) expect(profileToText(byId.get(r.id)!)).not.toMatch(/\broadmap\b/i);

    const hidden = page.getByTestId('rule-hidden-hits');
    await expect(hidden.locator('summary').textContent()).resolves.toBe(`${removedStrong.length} strong matches removed by your term rules`);
    await hidden.locator('summary').click();
    const hiddenIds = await page.getByTestId('hidden-item').evaluateAll((items) => items.map((el) => el.getAttribute('data-profile-id')));
    expect(hiddenIds).toEqual(removedStrong);
    await screenshot(page, 'term-rules', false);

    await page.getByRole('button', { name: `Remove an excluded term “${EXCLUDED}”` }).press('Enter');
    await page.getByTestId('rule-hidden-hits').waitFor({ state: 'detached' });
    expect((await ui.results()).map((r) => r.id)).toEqual(before.map((r) => r.id));
  });

  it('expands a result from the keyboard and shows its closest sentences and scoring keywords', async () => {
    const first = page.getByTestId('result-item').first();
    const id = (await first.getAttribute('data-profile-id'))!;
    await first.getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    const sentences = first.getByTestId('closest-sentences');
    await first.locator('[data-testid="closest-sentences"][data-state="done"]').waitFor({ timeout: 30_000 });
    const shown = await sentences.locator('li').evaluateAll((items) =>
      items.map((el) => ({ text: el.querySelector('.sentence-text')?.textContent ?? '', score: Number(el.getAttribute('data-score')) })),
    );
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length).toBeLessThanOrEqual(3);
    const text = profileToText(profiles.find((p) => p.id === id)!).replace(/\s+/g, ' ');
    for (const s of shown) {
      expect(text).toContain(s.text);
      expect(s.score).toBeGreaterThan(0);
    }
    expect([...shown].sort((a, b) => b.score - a.score)).toEqual(shown);
    await expect(sentences.textContent()).resolves.toContain('GloVe-SIF');

    const terms = await first.getByTestId('keyword-explanation').locator('li').evaluateAll((items) => items.map((el) => el.getAttribute('data-term')));
    expect(terms.length).toBeGreaterThan(0);
    // each is a word of the job description, or a pair of them (stop words between are skipped)
    for (const t of terms) for (const w of t!.split(' ')) expect(PM_JOB.text.toLowerCase()).toContain(w);
    // the keywords are marked in the profile text, as text nodes (no injected HTML)
    await expect(first.locator('.details mark').count()).resolves.toBeGreaterThan(terms.length);
    await screenshot(page, 'why-this-match', false);
  });

  it('fits the rules and the open result on a 360 px wide screen', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    // the rules UI and the explanation, not the whole page (the model bar is wider: see the report)
    const widest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('.term-rules *, .why-match *, .results-panel .details *')].map((el) => el.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(360);
    await screenshot(page, 'why-this-match-360', false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('made no request that left the machine, and threw no page errors', () => {
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
