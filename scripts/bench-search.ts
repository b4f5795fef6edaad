/**
 * Search at 100k in Chromium: exact top-10 against the time to stream the same bytes (the
 * bound, measured in the same page and run), and the int8 and binary indexes with recall@10
 * against exact. The vectors are the bundled model's embeddings of the bundled profiles and
 * job descriptions, embedded here in Node; 384-d sizes use a random projection of them and
 * 100,000 rows are derived from them (scripts/lib/derivedVectors.ts).
 *
 *   npm run bench -- --only search [--json]
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { launchBrowser } from '../test/e2e/browser';
import type { PageInput, SizeResult } from './bench-search-page';
import { embedBundled } from './lib/searchData';

export const SEARCH_SIZES = [
  { n: 2_400, dim: 100 },
  { n: 2_400, dim: 384 },
  { n: 100_000, dim: 384 },
];

export interface SearchBench {
  command: string;
  date: string;
  machine: string;
  loadAverage: number[];
  runs: number;
  browser: string;
  sizes: SizeResult[];
}

/** The page side as one classic script that defines `window.benchSearch`. */
async function pageScript(): Promise<string> {
  const entry = fileURLToPath(new URL('./bench-search-page.ts', import.meta.url));
  const out = (await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'benchSearchPage' } },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const first = (Array.isArray(out) ? out[0] : out).output[0];
  return `${first.code}\nwindow.benchSearch = benchSearchPage.benchSearch;`;
}

export async function runSearchBench(runs = 15): Promise<SearchBench> {
  const [data, script] = await Promise.all([embedBundled(), pageScript()]);
  const input: PageInput = {
    profiles: { vectors: Array.from(data.profiles.vectors), dim: data.profiles.dim },
    jobs: { vectors: Array.from(data.jobs.vectors), dim: data.jobs.dim },
    sizes: SEARCH_SIZES,
    runs,
  };
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: script });
    const sizes = await page.evaluate((i) => (window as unknown as { benchSearch: (x: PageInput) => SizeResult[] }).benchSearch(i), input);
    return {
      command: 'npm run bench -- --only search',
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      runs,
      browser: `Chromium ${browser.version()} headless`,
      sizes,
    };
  } finally {
    await browser.close();
  }
}

const f = (x: number, digits = 1) => x.toFixed(digits);

/** The BENCHMARKS.md section for one run. */
export function searchMarkdown(b: SearchBench): string {
  const lines = [
    `## Search at 100k in Chromium (median of ${b.runs} searches, ms)`,
    '',
    `\`${b.command}\`, ${b.date.slice(0, 10)}, ${b.machine}, ${b.browser}. Load average when it finished: ${b.loadAverage.join(' / ')} on ${os.cpus().length} cores${b.loadAverage[0] > os.cpus().length / 2 ? ' — **the machine was loaded** by other agents, so read the ratios (measured side by side, interleaved run by run) rather than single times' : ''}.`,
    '',
    '*bound*: reading the same float32 matrix once with the cheapest reduction (a four-way sum) in the same page; exact top-10 cannot beat it. *plain*: the one-row-at-a-time loop `scoreAll` used before, plus the same top-k. Indexes rescore their shortlist exactly, so their scores are exact cosines; recall@10 is over the 80 job descriptions against exact.',
    '',
    '| rows × dim | data | exact top-10 | bound | exact / bound | plain loop | plain / exact | int8 | int8 recall@10 (shortlist) | binary | binary recall@10 (shortlist) | app picks |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of b.sizes) {
    lines.push(
      `| ${s.n.toLocaleString('en')} × ${s.dim} | ${s.data} | ${f(s.exactMs, 2)} | ${f(s.boundMs, 2)} | **${f(s.exactMs / s.boundMs, 2)}×** | ${f(s.plainMs, 2)} | ${f(s.plainMs / s.exactMs, 2)}× | ${f(s.int8.ms, 2)} | ${f(s.int8.recall10, 4)} (${s.int8.shortlist}) | ${f(s.binary.ms, 2)} | ${f(s.binary.recall10, 4)} (${s.binary.shortlist.toLocaleString('en')}) | ${s.chosen} |`,
    );
  }
  lines.push('', '| rows × dim | int8 build | int8 size | binary build | binary size | float32 rows |', '|---|---|---|---|---|---|');
  for (const s of b.sizes) {
    lines.push(
      `| ${s.n.toLocaleString('en')} × ${s.dim} | ${f(s.int8.buildMs, 0)} ms | ${f(s.int8.megabytes)} MiB | ${f(s.binary.buildMs, 0)} ms | ${f(s.binary.megabytes, 2)} MiB | ${f((s.n * s.dim * 4) / 2 ** 20)} MiB |`,
    );
  }
  const shortlists = [...new Set(b.sizes.flatMap((s) => [...Object.keys(s.sweep.int8), ...Object.keys(s.sweep.binary)].map(Number)))].sort((x, y) => x - y);
  lines.push(
    '',
    'Recall@10 against exact by shortlist size (rows rescored exactly), from which the defaults in `DEFAULT_SHORTLIST` (`src/core/vectorIndex.ts`) were chosen:',
    '',
    `| rows × dim | index | ${shortlists.map((l) => l.toLocaleString('en')).join(' | ')} |`,
    `|---|---|${shortlists.map(() => '---').join('|')}|`,
  );
  for (const s of b.sizes) {
    for (const kind of ['int8', 'binary'] as const) {
      const cells = shortlists.map((l) => (s.sweep[kind][l] === undefined ? '–' : f(s.sweep[kind][l], 4)));
      lines.push(`| ${s.n.toLocaleString('en')} × ${s.dim} | ${kind} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
