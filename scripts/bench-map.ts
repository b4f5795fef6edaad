/**
 * Clusters and map at 100k in Chromium: the analysis worker's handlers (PCA fit and
 * projection, k-means with labels and quality) timed in the page, then the app's
 * ScatterPlot drawing every point and a new query reaching the map. The vectors are the
 * bundled model's embeddings of the bundled profiles (embedded here in Node), projected to
 * 384-d where asked and grown to 100,000 rows by scripts/lib/derivedVectors.ts; the texts
 * and roles (for the cluster labels) are the bundled profiles', repeated.
 *
 *   npm run bench -- --only map
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { launchBrowser, SCREENSHOT_DIR } from '../test/e2e/browser';
import { profileToText } from '../src/data/profileText';
import { readBundledDataset } from './lib/bundledData';
import { embedBundled } from './lib/searchData';
import { runKMeans } from '../src/core/kmeans';
import { runKMeansFast } from '../src/core/kmeansFast';
import { adjustedRandIndex } from '../src/core/clusterQuality';
import { derivedRows, randomProjection } from './lib/derivedVectors';
import type { MapPageInput, MapPageResult } from './bench-map-page';

const N = 100_000;
const DIMS = process.env.MAP_BENCH_DIMS ? process.env.MAP_BENCH_DIMS.split(",").map(Number) : [100, 384];
const K = 10;
const RUNS = 5;
const WIDTH = 1000;

async function pageScript(): Promise<string> {
  const entry = fileURLToPath(new URL('./bench-map-page.tsx', import.meta.url));
  const out = (await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'benchMapPage' } },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const first = (Array.isArray(out) ? out[0] : out).output[0];
  return `${first.code}\nwindow.benchMap = benchMapPage.benchMap;`;
}

/** The plain path (ml-kmeans from a k-means++ start on all rows) against the fast one, once each, in Node. */
function plainVersusFast(real: { vectors: Float32Array; dim: number }) {
  return DIMS.map((dim) => {
    const m = derivedRows(dim === real.dim ? real : randomProjection(real, dim, 5), N, 11);
    let t = performance.now();
    const fast = runKMeansFast(m, K, { seed: 42 });
    const fastMs = performance.now() - t;
    t = performance.now();
    const plain = runKMeans(m, K, { seed: 42 });
    const plainMs = performance.now() - t;
    return { dim, fastMs, plainMs, inertiaRatio: fast.inertia / plain.inertia, ari: adjustedRandIndex(plain.labels, fast.labels) };
  });
}

export async function runMapBench(): Promise<string> {
  const [data, script] = await Promise.all([embedBundled(), pageScript()]);
  const { profiles } = readBundledDataset();
  const input: MapPageInput = {
    profiles: { vectors: Array.from(data.profiles.vectors), dim: data.profiles.dim },
    jobs: { vectors: Array.from(data.jobs.vectors), dim: data.jobs.dim },
    texts: profiles.map(profileToText),
    roles: profiles.map((p) => p.label.role),
    n: N,
    dims: DIMS,
    k: K,
    runs: RUNS,
    width: WIDTH,
  };
  const browser = await launchBrowser();
  let result: MapPageResult;
  let version: string;
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH + 40, height: 600 } });
    await page.addScriptTag({ content: script });
    result = await page.evaluate((i) => (window as unknown as { benchMap: (x: MapPageInput) => Promise<MapPageResult> }).benchMap(i), input);
    await page.locator('#map-host').screenshot({ path: path.join(SCREENSHOT_DIR, 'map-100k.png') });
    version = browser.version();
  } finally {
    await browser.close();
  }
  const node = process.env.MAP_BENCH_SKIP_PLAIN ? [] : plainVersusFast(data.profiles);
  const loadavg = os.loadavg();
  const load = loadavg.map((x) => x.toFixed(2)).join(' / ');
  const loaded = loadavg[0] > os.cpus().length / 2 ? ' — **the machine was loaded** by other agents, so single times run long; read the ratios, measured in one run' : '';
  const lines = [
    `## Clusters and map at 100k in Chromium (median of ${RUNS} runs, ms)`,
    '',
    `\`npm run bench -- --only map\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, Chromium ${version} headless (\`--disable-gpu\`, device pixel ratio 1). Load average when it finished: ${load} on ${os.cpus().length} cores${loaded}.`,
    '',
    `Data: the bundled model's vectors of the 2,400 bundled profiles (100-d; 384-d by a random projection), grown to ${N.toLocaleString()} rows by \`derivedRows\` (a real row plus a share of another plus noise); cluster-label texts are the bundled profiles' texts repeated. k = ${K}. Timed in the page's main thread with the analysis worker's own handlers (\`src/analysis/handlers.ts\`), which the app runs in its worker.`,
    '',
    '| rows × dim | PCA: fit on a 5,000-row sample + project every row | k-means (seeded on 10,000 rows, Hamerly-bounded Lloyd on all) + labels + quality | Lloyd rounds on all rows |',
    '|---|---|---|---|',
    ...result.analysis.map((a) => `| ${N.toLocaleString()} × ${a.dim} | ${a.projectMs.toFixed(0)} | ${a.clusterMs.toFixed(0)} | ${a.iterations} |`),
    '',
    `The map (\`ScatterPlot\`, ${WIDTH} × 420 px) with all ${result.drawn.toLocaleString()} points of the 384-d run:`,
    '',
    '| full draw: new points to the next frame | canvas draw call alone | query to map: project the job description with the stored PCA, show its star and top 100, next frame |',
    '|---|---|---|',
    `| ${result.fullDrawMs.toFixed(1)} | ${result.drawCallMs.toFixed(1)} | **${result.queryToMapMs.toFixed(1)}** |`,
    '',
    'Query to map excludes the search itself (scoring 100k rows: see the search section); a new query redraws only the SVG marks above the canvas. Screenshot: `test-results/screenshots/map-100k.png`.',
    '',
    'Fast against plain k-means in Node, one run each (plain = ml-kmeans Lloyd from a k-means++ start on all rows, what the worker ran before):',
    '',
    '| rows × dim | plain | fast | plain / fast | inertia fast / plain | ARI fast vs plain |',
    '|---|---|---|---|---|---|',
    ...node.map((r) => `| ${N.toLocaleString()} × ${r.dim} | ${r.plainMs.toFixed(0)} | ${r.fastMs.toFixed(0)} | ${(r.plainMs / r.fastMs).toFixed(1)}× | ${r.inertiaRatio.toFixed(4)} | ${r.ari.toFixed(3)} |`),
    '',
    'These derived rows have no sharp cluster boundaries, so two k-means runs from different starts land in different local optima (ARI well below 1, inertia within a percent); on well-separated data both find the same clusters (`test/unit/kmeansFast.test.ts`).',
  ];
  return lines.join('\n');
}
