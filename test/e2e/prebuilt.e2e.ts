/**
 * The bundled profiles' vectors built with the app (src/embedding/prebuilt.ts): with a valid
 * file the first ranking comes without an embedding pass; without it the browser embeds every
 * profile itself and gets the same vectors (within float tolerance) and the same top 10; and
 * a profile whose text changed is embedded, never given the file's vector for its old text.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { openWatchedPage } from './browser';
import { UI } from './ui';
import { hashText } from '../../src/core/textHash';
import { decodeVectorFile } from '../../src/core/vectorFile';
import type { ProfilesFile } from '../../src/data/schema';
import { profileToText } from '../../src/data/profileText';
import { DEFAULT_CACHE_NAME } from '../../src/embedding/embeddingCache';
import { prebuiltPath } from '../../src/embedding/prebuilt';
import { BUNDLED_MODEL } from '../../src/embedding/catalogue';

const JOB = 'Registered nurse for a surgical ward: patient care, medication, care records, working with doctors and families.';
const FILE = prebuiltPath(BUNDLED_MODEL.id);

/** Every vector in the app's embedding cache, by text hash. */
function cachedVectors(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, number[]>>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('vectors').objectStore('vectors');
          const out: Record<string, number[]> = {};
          const cursor = store.openCursor();
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve(out);
            out[(c.key as [string, string])[1]] = Array.from(c.value as Float32Array);
            c.continue();
          };
        };
      }),
    DEFAULT_CACHE_NAME,
  );
}

/** The app's status line once every profile has a vector, and the profiles computed now. */
async function computedNow(ui: UI): Promise<{ status: string; computed: number }> {
  await ui.waitUntilReady();
  const status = (await ui.status.textContent()) ?? '';
  const m = /([\d,]+) computed/.exec(status);
  return { status, computed: m ? Number(m[1].replace(/,/g, '')) : NaN };
}

async function firstRanking(page: Page): Promise<string[]> {
  await page.goto(`${inject('baseUrl')}?jd=${encodeURIComponent(JOB)}`);
  await page.getByTestId('result-item').first().waitFor({ timeout: 120_000 });
  return (await new UI(page).results()).slice(0, 10).map((r) => r.id);
}

describe('prebuilt vectors of the bundled profiles', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  let prebuiltTop: string[] = [];

  it('with a valid file, the first (hybrid) ranking needs no embedding pass and writes nothing to the cache', async () => {
    const watched = await openWatchedPage();
    browser = watched.browser;
    prebuiltTop = await firstRanking(watched.page);
    const { status, computed } = await computedNow(new UI(watched.page));
    expect(status).toMatch(/2,400 built with the app/);
    expect(computed).toBe(0);
    await expect(watched.page.getByTestId('ranking-used').textContent()).resolves.toMatch(/hybrid/);
    expect(watched.requests.some((u) => u.endsWith(FILE))).toBe(true);
    expect(Object.keys(await cachedVectors(watched.page))).toHaveLength(0);
    expect(prebuiltTop).toHaveLength(10);
    expect(watched.pageErrors).toEqual([]);
  });

  it('without it, the browser embeds every profile itself: the same vectors within float tolerance and the same top 10', async () => {
    const watched = await openWatchedPage();
    browser = watched.browser;
    await watched.page.route(`**/${FILE}`, (route) => route.fulfill({ status: 404, body: 'not here' }));
    const liveTop = await firstRanking(watched.page);
    const { status } = await computedNow(new UI(watched.page));
    expect(status).not.toMatch(/built with the app|from cache/);
    const live = await cachedVectors(watched.page);
    const built = decodeVectorFile(await (await fetch(new URL(FILE, inject('baseUrl')))).arrayBuffer());
    // every distinct text was computed in the page and cached under its hash
    expect(Object.keys(live)).toHaveLength(new Set(built.hashes).size);
    let worst = 0;
    built.hashes.forEach((h, i) => {
      const row = live[h];
      expect(row, `no live vector for row ${i}`).toBeDefined();
      for (let j = 0; j < built.dim; j++) worst = Math.max(worst, Math.abs(row[j] - built.vectors[i * built.dim + j]));
    });
    console.log(`prebuilt vs live in Chromium: largest difference ${worst.toExponential(2)} over ${built.hashes.length} × ${built.dim}`);
    expect(worst).toBeLessThan(1e-5);
    expect(liveTop).toEqual(prebuiltTop);
  });

  it('a profile whose text changed is embedded in the page; the others come from the file', async () => {
    const watched = await openWatchedPage();
    browser = watched.browser;
    const file = JSON.parse(readFileSync('public/data/profiles.json', 'utf8')) as ProfilesFile;
    const changed = file.profiles[7];
    changed.headline = `${changed.headline} and part-time lighthouse keeper`;
    const body = JSON.stringify(file);
    await watched.page.route('**/data/profiles.json', (route) => route.fulfill({ body, contentType: 'application/json' }));
    await watched.page.goto(inject('baseUrl'));
    const { status, computed } = await computedNow(new UI(watched.page));
    expect(status).toMatch(/2,399 built with the app/);
    expect(computed).toBe(1);
    // the one vector computed (and cached) is the changed text's
    expect(Object.keys(await cachedVectors(watched.page))).toEqual([hashText(profileToText(changed))]);
  });
});
