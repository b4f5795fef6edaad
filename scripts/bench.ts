/**
 * Benchmarks (never timed unit tests). Prints medians of several runs and ratios measured
 * side by side in the same process. The search part writes its own section of BENCHMARKS.md;
 * copy the other parts' output there.
 *
 *   npm run bench                          # every part
 *   npm run bench -- --only search,node    # parts: search (Chromium), map (Chromium), node, browser (the app), native, first (time to the first ranking)
 *   npm run bench -- --only native         # MiniLM-shaped model: onnxruntime-node vs Chromium (scripts/bench-native.ts)
 *   npm run bench -- --only million --file F  # a large file from `npm run embed` in the page (scripts/bench-million.ts)
 *   npm run bench -- --only search --json  # one JSON object on stdout, BENCHMARKS.md untouched
 *   npm run bench -- --only first --runs 7 # the first-ranking part with 7 rounds (default 5); writes its section
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runSearchBench, searchMarkdown } from './bench-search';
import { firstMarkdown, median, runFirstBench, type BuildResult } from './bench-first';
import { nativeOptionsFromArgv, runNativeBench } from './bench-native';
import { runMapBench } from './bench-map';
import { rankByCosine } from '../src/core/search';
import { topK } from '../src/core/topK';
import { normalizeRows, scoreAll } from '../src/core/vectors';
import { profileToText } from '../src/data/profileText';
import { BUNDLED_MODEL } from '../src/embedding/catalogue';
import { readBundledDataset } from './lib/bundledData';
import { NodeEmbedder } from './lib/nodeEmbedder';
import { interleavedMedianMs, medianMs, seededRandom } from './lib/timing';
import { runKMeans } from '../src/core/kmeans';
import { fitPca, projectPoints } from '../src/core/pca';
import { silhouetteScore } from '../src/core/silhouette';
import { clusterLabels } from '../src/core/clusterLabels';

const RUNS = 7;

function randomMatrix(rows: number, dim: number, seed: number) {
  const next = seededRandom(seed);
  const vectors = Float32Array.from({ length: rows * dim }, () => next() * 2 - 1);
  return normalizeRows({ vectors, dim });
}

/** Full sort of every score, then the best 25: what the heap replaces. */
function sortTop(scores: Float32Array, k: number): number[] {
  return Array.from(scores.keys())
    .sort((a, b) => scores[b] - scores[a])
    .slice(0, k);
}

async function benchSearch(): Promise<void> {
  console.log(`## Search: score every profile, then top 25 (median of ${RUNS}, ms; each pair of columns interleaved run by run)`);
  console.log('| profiles × dim | end to end: score + heap | end to end: score + full sort | sort / heap, end to end | score all | selection only: heap | selection only: full sort | sort / heap, selection only |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [rows, dim] of [
    [2_000, 100],
    [20_000, 384],
    [100_000, 384],
  ] as const) {
    const m = randomMatrix(rows, dim, rows);
    const q = randomMatrix(1, dim, 7).vectors;
    const scores = scoreAll(m, q);
    // End to end is what a search costs (rankByCosine is the app's path); the selection alone
    // is only the part the heap changes.
    const [heapAll, sortAll] = await interleavedMedianMs(RUNS, [() => rankByCosine(m, q, 25), () => sortTop(scoreAll(m, q), 25)]);
    const [score] = await interleavedMedianMs(RUNS, [() => scoreAll(m, q)]);
    const [heap, sort] = await interleavedMedianMs(RUNS, [() => topK(scores, 25), () => sortTop(scores, 25)]);
    console.log(
      `| ${rows.toLocaleString()} × ${dim} | ${heapAll.toFixed(2)} | ${sortAll.toFixed(2)} | ${(sortAll / heapAll).toFixed(2)}× | ${score.toFixed(2)} | ${heap.toFixed(2)} | ${sort.toFixed(2)} | ${(sort / heap).toFixed(1)}× |`,
    );
  }
}

async function benchBundledModel(): Promise<void> {
  const { profiles } = readBundledDataset();
  const texts = profiles.map(profileToText);
  let loaded: NodeEmbedder | undefined;
  const loadMs = await medianMs(3, async () => {
    loaded = await NodeEmbedder.load(BUNDLED_MODEL);
  });
  const embedder = loaded!;
  console.log('');
  console.log(`## Bundled model in Node (onnxruntime-node), ${texts.length} profiles (median of 3)`);
  console.log('| batch size | ms for all profiles | profiles/s |');
  console.log('|---|---|---|');
  for (const batch of [1, 16, 64]) {
    const ms = await medianMs(3, () => embedder.embed(texts, 'document', batch));
    console.log(`| ${batch} | ${ms.toFixed(0)} | ${Math.round((texts.length / ms) * 1000)} |`);
  }
  console.log(`model load: ${loadMs.toFixed(0)} ms`);
}

async function benchClustering(): Promise<void> {
  const { profiles } = readBundledDataset();
  const embedder = await NodeEmbedder.load(BUNDLED_MODEL);
  const texts = profiles.map(profileToText);
  const real = await embedder.embed(texts, 'document');
  const roles = profiles.map((p) => p.label.role);
  // 20,000 rows: the real vectors repeated with a little noise, so clusters stay realistic
  const next = seededRandom(3);
  const big = normalizeRows({
    vectors: Float32Array.from({ length: 20_000 * real.dim }, (_, i) => real.vectors[i % real.vectors.length] + (next() - 0.5) * 0.02),
    dim: real.dim,
  });
  const bigTexts = Array.from({ length: 20_000 }, (_, i) => texts[i % texts.length]);
  const bigRoles = Array.from({ length: 20_000 }, (_, i) => roles[i % roles.length]);
  console.log('');
  console.log('## Clustering and projection in Node, bundled-model vectors (100-d), k = 10 (median of 3, ms)');
  console.log('| profiles | k-means | silhouette (sampled ≤ 2,000) | PCA fit | PCA project all | c-TF-IDF labels |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, m, t, r] of [
    ['2,400', real, texts, roles],
    ['20,000', big, bigTexts, bigRoles],
  ] as const) {
    let labels: Int32Array = new Int32Array(0);
    const kmeans = await medianMs(3, () => {
      labels = runKMeans(m, 10, { seed: 42 }).labels;
    });
    const sil = await medianMs(3, () => silhouetteScore(m, labels, { seed: 1 }));
    let pca = fitPca(m, 2);
    const fit = await medianMs(3, () => {
      pca = fitPca(m, 2);
    });
    const project = await medianMs(3, () => projectPoints(pca, m));
    const label = await medianMs(3, () => clusterLabels(t, labels, 10, r));
    console.log(`| ${name} | ${kmeans.toFixed(0)} | ${sil.toFixed(0)} | ${fit.toFixed(0)} | ${project.toFixed(1)} | ${label.toFixed(0)} |`);
  }
}

const PARTS = ['search', 'map', 'node', 'browser', 'native', 'first', 'million'] as const;
type Part = (typeof PARTS)[number];

export function parseArgs(argv: readonly string[]): { parts: Part[]; json: boolean; runs: number } {
  const at = argv.indexOf('--only');
  const asked = at >= 0 ? (argv[at + 1] ?? '').split(',') : [...PARTS];
  const unknown = asked.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`--only: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 5;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new Error('--runs: a whole number of 1 or more');
  return { parts: asked as Part[], json: argv.includes('--json'), runs };
}

/** Replaces one part's section of BENCHMARKS.md (between its markers) with this run's, or appends it. */
function writeSection(part: string, markdown: string): void {
  const file = 'BENCHMARKS.md';
  const [open, close] = [`<!-- bench:${part} -->`, `<!-- /bench:${part} -->`];
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  const section = `${open}\n${markdown}\n${close}`;
  const next = start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + close.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The targets for the bundled data: cold ≤ 3 s, warm ≤ 1 s, cold ≤ 1.5 × runtime only (same run). */
export function firstTargets(r: BuildResult): string {
  const cold = median(r.cold.map((p) => p.ranked));
  const warm = median(r.warm.map((p) => p.ranked));
  const ratio = cold / median(r.runtimeCold);
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
  return `Targets: cold ${(cold / 1000).toFixed(2)} s ≤ 3 s ${mark(cold <= 3000)}; warm ${(warm / 1000).toFixed(2)} s ≤ 1 s ${mark(warm <= 1000)}; cold / runtime only ${ratio.toFixed(2)} ≤ 1.5 ${mark(ratio <= 1.5)}.`;
}

async function benchFirst(runs: number): Promise<void> {
  run('npx', ['vite', 'build']);
  const [result] = await runFirstBench(['dist'], runs, (line) => console.error(line));
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  const markdown = [
    `## First ranking in Chromium: cold, warm and runtime only (medians of ${runs} rounds, ms)`,
    '',
    `\`npm run bench -- --only first --runs ${runs}\`, ${new Date().toISOString().slice(0, 10)}, ${machine()}, Debian Chromium headless, \`vite preview\` of \`vite build\`. Load average when it finished: ${load} on ${os.cpus().length} cores.`,
    '',
    firstMarkdown([result], runs),
    '',
    firstTargets(result),
  ].join('\n');
  console.log(markdown);
  writeSection('first', markdown);
  console.log('\n(written to BENCHMARKS.md)\n');
}

function run(command: string, args: string[]): void {
  const res = spawnSync(command, args, { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${res.status ?? res.signal})`);
}

async function main(): Promise<void> {
  const { parts, json, runs } = parseArgs(process.argv.slice(2));
  if (json) {
    if (parts.length !== 1 || parts[0] !== 'search') throw new Error('--json is for --only search');
    console.log(JSON.stringify(await runSearchBench()));
    return;
  }
  console.log(`Machine: ${machine()}`);
  console.log('');
  if (parts.includes('search')) {
    const markdown = searchMarkdown(await runSearchBench());
    console.log(markdown);
    writeSection('search', markdown);
    console.log('\n(written to BENCHMARKS.md)\n');
  }
  if (parts.includes('map')) {
    const markdown = await runMapBench();
    console.log(markdown);
    writeSection('map', markdown);
    console.log('\n(written to BENCHMARKS.md)\n');
  }
  if (parts.includes('node')) {
    await benchSearch();
    await benchBundledModel();
    await benchClustering();
  }
  if (parts.includes('browser')) {
    run('npx', ['vite', 'build']);
    run('npx', ['tsx', 'scripts/bench-browser.ts']);
  }
  // --threads, --runs, --every, --builds, --profile as in scripts/bench-native.ts
  if (parts.includes('native')) await runNativeBench(nativeOptionsFromArgv());
  if (parts.includes('first')) await benchFirst(runs);
  if (parts.includes('million')) benchMillion(runs);
}

/**
 * A large embeddings file in the page (scripts/bench-million.ts). The file takes minutes to
 * make (`npm run data:large` then `npm run embed`, see README "A million profiles"), so it is
 * named by `--file` and the part is skipped, saying how to make one, when none is given.
 */
function benchMillion(runs: number): void {
  const at = process.argv.indexOf('--file');
  const file = at >= 0 ? process.argv[at + 1] : process.env.BENCH_MILLION_FILE;
  if (!file) {
    console.log('million: skipped, no file. Make one (README, "A million profiles") and run `npm run bench -- --only million --file F` (or set BENCH_MILLION_FILE).');
    return;
  }
  run('npx', ['vite', 'build']);
  run('npx', ['tsx', 'scripts/bench-million.ts', '--file', file, '--runs', String(runs)]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
