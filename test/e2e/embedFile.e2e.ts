import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { openWatchedPage } from './browser';
import { UI } from './ui';
import { COLUMNS } from '../../src/data/embeddingsParquet';
import { BUNDLED_MODEL } from '../../src/embedding/catalogue';
import { largeProfiles } from '../../scripts/dataset/large';
import { mergeParts } from '../../scripts/lib/embedJob/merge';
import { runShard } from '../../scripts/lib/embedJob/run';
import { NodeEmbedder } from '../../scripts/lib/nodeEmbedder';

/**
 * A file made by `npm run embed` (here run in-process on 300 generated profiles) imports into
 * the page with its vectors used as they are: no profile is embedded, and the page's cosines
 * are those of the file's int8 vectors against the job description.
 */
describe('a file from npm run embed in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let dir: string;
  let file: string;
  let embedder: NodeEmbedder;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'embed-file-e2e-'));
    const input = join(dir, 'profiles.jsonl');
    writeFileSync(input, [...largeProfiles(11, 300)].map((p) => JSON.stringify(p)).join('\n'));
    file = join(dir, 'embeddings.parquet');
    embedder = await NodeEmbedder.load(BUNDLED_MODEL);
    await runShard({ input, out: file, dtype: 'q8', store: ['int8', 'binary'], partRows: 100, batch: 32, shard: { index: 1, count: 1 }, resume: false, log: () => undefined }, embedder);
    await mergeParts(file, () => undefined);
    ({ browser, page, pageErrors } = await openWatchedPage());
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports the int8 vectors without embedding the profiles and ranks by them', async () => {
    const ui = new UI(page);
    await ui.open(inject('baseUrl'));
    await ui.waitUntilReady();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(file);
    // the file's metadata names the model, so the int8 column and the bundled model are chosen
    await page.getByTestId('import-map-vectors').selectOption(COLUMNS.int8);
    expect(await page.getByTestId('import-map-vector-model').inputValue()).toBe(BUNDLED_MODEL.id);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await page.locator('[data-testid="status"]', { hasText: 'Ready · 300 profiles with vectors from the file' }).waitFor();

    const job = 'Registered nurse for an intensive care unit, night shifts, patient care';
    await ui.search(job);
    const shown = await ui.results();
    expect(shown.length).toBeGreaterThan(0);

    // the file's vectors, decoded as the import does (code x scale, then unit length)
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    const query = (await embedder.embed([job], 'query')).vectors;
    const cosineOf = new Map(
      rows.map((r) => {
        const bytes = r[COLUMNS.int8] as Uint8Array;
        const codes = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
        const norm = Math.hypot(...codes);
        return [String(r[COLUMNS.id]), codes.reduce((s, c, j) => s + (c / norm) * query[j], 0)];
      }),
    );
    for (const hit of shown) expect(hit.cosine).toBeCloseTo(cosineOf.get(hit.id) ?? Number.NaN, 3);
    expect(pageErrors).toEqual([]);
  });
});
