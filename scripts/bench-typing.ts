/**
 * Typing latency in the job description box, in Debian's Chromium against `vite preview` of the
 * built app: the time from a key press to the next painted frame, for a short job description and
 * for a 1 MB one, with a search's results on screen. Reports the median and max of several keys
 * per run and the median over runs.
 *
 *   npx vite build && npx tsx scripts/bench-typing.ts
 */
import { preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { UI } from '../test/e2e/ui';

const RUNS = 3;
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
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await launchBrowser();
  try {
    const rows: { text: string; medians: number[]; maxes: number[] }[] = [];
    for (const [name, text] of [
      ['short (110 chars)', SHORT],
      [`1 MB (${LONG.length.toLocaleString()} chars)`, LONG],
    ] as const) {
      const medians: number[] = [];
      const maxes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const ui = new UI(page);
        await ui.open(url);
        await ui.waitUntilReady();
        await ui.search(SHORT);
        // paste the text as one input event, as a paste would
        await page.getByTestId('job-input').fill(text);
        await page.waitForTimeout(500);
        const times = await keyLatencies(page);
        medians.push(median(times));
        maxes.push(Math.max(...times));
        await page.close();
      }
      rows.push({ text: name, medians, maxes });
    }
    console.log(`key press to painted frame, ${KEYS} keys per run, ${RUNS} runs (median of per-run medians; per-run medians; worst key)`);
    for (const r of rows) console.log(`${r.text}: ${median(r.medians)} ms  [${r.medians.join(', ')}]  worst ${Math.max(...r.maxes)} ms`);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
