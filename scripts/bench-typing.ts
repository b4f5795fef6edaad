/**
 * Typing latency in the job description box, in Debian's Chromium against `vite preview` of the
 * built app: the time from a key press to the next painted frame, for a short job description and
 * for a 1 MB one, with a search's results on screen. Reports the median and max of several keys
 * per run and the median over runs.
 *
 *   npx vite build && npx tsx scripts/bench-typing.ts [other-dist-dir ...]
 *
 * With other build directories (e.g. a build of an earlier commit), the runs of each build are
 * interleaved, so a machine shared with other work slows every build alike.
 */
import { preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { UI } from '../test/e2e/ui';

const RUNS = Number(process.env.RUNS ?? 5);
const KEYS = 15;
const SHORT = 'Product manager owning the roadmap and backlog, running discovery with customers and shipping with engineers. ';
/** About 1 MB of plain text, as a user pasting a very long job description. */
const LONG = SHORT.repeat(Math.ceil(1_000_000 / SHORT.length));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds from each key press until the frame after it has been painted. */
async function keyLatencies(page: Page): Promise<number[]> {
  const box = page.getByTestId('job-input');
  await box.focus();
  await page.keyboard.press('End');
  const times: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const t0 = Date.now();
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    // a frame painted after the key's work: requestAnimationFrame, then a task after the paint
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    times.push(Date.now() - t0);
  }
  // the key presses all landed
  const tail = await box.evaluate((el, n) => (el as HTMLTextAreaElement).value.slice(-n), KEYS);
  if (tail.length !== KEYS || !/^[a-z]+$/.test(tail)) throw new Error(`typed text did not arrive: "${tail}"`);
  return times;
}

async function main(): Promise<void> {
  const dirs = ['dist', ...process.argv.slice(2)];
  const servers = await Promise.all(dirs.map((outDir) => preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' })));
  const urls = servers.map((s) => s.resolvedUrls?.local[0] ?? '');
  if (urls.some((u) => !u)) throw new Error('vite preview did not report a URL');
  const browser = await launchBrowser();
  try {
    const texts = [
      ['short (110 chars)', SHORT],
      [`1 MB (${LONG.length.toLocaleString()} chars)`, LONG],
    ] as const;
    const results = new Map<string, { medians: number[]; maxes: number[] }>();
    for (let run = 0; run < RUNS; run++) {
      for (const [name, text] of texts) {
        for (const [d, url] of urls.entries()) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          const ui = new UI(page);
          await ui.open(url);
          await ui.waitUntilReady();
          await ui.search(SHORT);
          // paste the text as one input event, as a paste would
          await page.getByTestId('job-input').fill(text);
          await page.waitForTimeout(500);
          const times = await keyLatencies(page);
          const key = `${dirs[d]} · ${name}`;
          const r = results.get(key) ?? { medians: [], maxes: [] };
          r.medians.push(median(times));
          r.maxes.push(Math.max(...times));
          results.set(key, r);
          await page.close();
        }
      }
    }
    // the floor: Chromium's own cost of editing a textarea holding the same text, with no app around it
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent('<textarea data-testid="job-input" rows="12" style="width: 520px; font: 16px system-ui; line-height: 1.45"></textarea>');
      await page.getByTestId('job-input').fill(LONG);
      await page.waitForTimeout(500);
      bare.push(median(await keyLatencies(page)));
      await page.close();
    }
    results.set(`bare <textarea>, no app · 1 MB`, { medians: bare, maxes: bare });
    console.log(`key press to painted frame, ${KEYS} keys per run, ${RUNS} runs per build (median of per-run medians; per-run medians; worst key)`);
    for (const [key, r] of results) console.log(`${key}: ${median(r.medians)} ms  [${r.medians.join(', ')}]  worst ${Math.max(...r.maxes)} ms`);
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
}

void main();
