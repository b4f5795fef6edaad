import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { UI } from './ui';
import { startStandInHub } from '../helpers/standInHub';

type Hub = Awaited<ReturnType<typeof startStandInHub>>;

/**
 * The catalogue's e5-small-v2 entry ("query: " / "passage: " prefixes, 512 tokens) served by
 * the prefix probe (scripts/build-test-models.ts probeTables): a "query: …" job description
 * scores the same (0.6 / √(1 + r²), r set by its first word) against every "passage: …"
 * profile, and 0 against a profile that lost its prefix; with the prefixes swapped, each
 * profile's score would depend on its own first word and the scores would differ. Runs the
 * whole path: store → worker → transformers.js.
 */
describe('model prefixes and token limits, through the real worker', () => {
  let hub: Hub;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startStandInHub({ aliases: { 'Xenova/e5-small-v2': 'test-org/prefix-probe' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('puts the query prefix on the job description and the document prefix on profiles, and says which profiles were cut', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const ui = new UI(page);
    await ui.openWithMirror(inject('baseUrl'), hub.url + '/');
    await ui.waitUntilReady();
    await page.getByTestId('model-select').selectOption('Xenova/e5-small-v2');
    await page.getByTestId('on-screen-model').filter({ hasText: 'Xenova/e5-small-v2' }).waitFor({ timeout: 120_000 });
    await ui.waitUntilReady();
    // the probe's tokenizer stops at 128 tokens (below the catalogue's 512), and spells most words letter by letter
    await expect(page.getByTestId('truncation-notice').textContent()).resolves.toMatch(/^[\d,]+ profiles were longer than 128 tokens and were cut\.$/);
    await ui.search('Registered nurse for a surgical ward.');
    const results = await ui.results();
    expect(results.length).toBe(25);
    const cosines = results.map((r) => r.cosine);
    // 'Registered…' leans by the probe's weight of its first word piece: between 0.6/√5 and 0.6/√1.25
    expect(Math.min(...cosines)).toBeGreaterThan(0.26);
    expect(Math.max(...cosines)).toBeLessThan(0.54);
    // the same for every profile: the document prefix is on the profiles, the query prefix on the job description
    expect(Math.max(...cosines) - Math.min(...cosines)).toBeLessThan(0.002);
    await page.close();
  });
});
