/**
 * Compares ranking methods (embedding models and a BM25 baseline) on labelled profiles and
 * queries: nDCG@10, P@10, MRR, recall@50 (overall and per family), close-pair separation,
 * k-means cluster quality and timing. Same numbers as the in-browser comparison lab
 * (src/core/comparison.ts). Run with --help for the arguments.
 */
import { readFileSync } from 'node:fs';
import { Bm25Index } from '../src/core/bm25';
import { evaluateComparison, type ComparisonMetrics } from '../src/core/comparison';
import { nearestCentroids, runKMeans } from '../src/core/kmeans';
import { row, scoreAll } from '../src/core/vectors';
import { BUNDLED_MODEL, DTYPES, findModel, type DType, type ModelEntry } from '../src/embedding/catalogue';
import { readBundledDataset } from './lib/bundledData';
import { EvalInputError, fromDataset, parseArgs, parseProfiles, parseQueries, queryWarnings, USAGE, type EvalProfile, type EvalQuery } from './lib/evalInput';
import { NodeEmbedder } from './lib/nodeEmbedder';

const SEED = 42;

interface Run {
  model: string;
  label: string;
  dtype?: DType;
  metrics: ComparisonMetrics;
  /** Wall times in milliseconds. */
  timing: Record<string, number>;
}

/** Mirrors customModel in src/store/modelActions.ts (scripts do not import the app store). */
function customModel(id: string): ModelEntry {
  const dtypes = Object.fromEntries(DTYPES.map((d) => [d, { file: '', sizeMB: 0 }]));
  return { id, label: `${id} (custom)`, source: 'hub', paramsM: 0, dims: 0, maxTokens: 512, dtypes, defaultDtype: 'q8', pooling: 'mean', queryPrefix: '', documentPrefix: '', licence: '', url: `https://huggingface.co/${id}`, description: '' };
}

function resolveEntry(id: string, dtype: string | undefined): ModelEntry {
  const entry = findModel(id) ?? (/^[\w.-]+\/[\w.-]+$/.test(id) ? customModel(id) : null);
  if (!entry) throw new EvalInputError(`unknown model "${id}": use bm25, a catalogue id (e.g. ${BUNDLED_MODEL.id}) or a Hub id like "organisation/model-name"`);
  if (dtype === undefined) return entry;
  const available = Object.keys(entry.dtypes);
  if (!available.includes(dtype)) throw new EvalInputError(`${id} has no ${dtype} weights; available: ${available.join(', ')}`);
  return { ...entry, defaultDtype: dtype as DType };
}

const since = (t: number) => Math.round(performance.now() - t);

function runBm25(profiles: EvalProfile[], queries: EvalQuery[]): Run {
  let t = performance.now();
  const index = new Bm25Index(profiles.map((p) => p.text));
  const indexMs = since(t);
  t = performance.now();
  const scores = queries.map((q) => index.score(q.text));
  const scoreMs = since(t);
  const metrics = evaluateComparison({ scores, labels: profiles.map((p) => p.label), families: profiles.map((p) => p.family), queries });
  return { model: 'bm25', label: 'BM25 (keyword baseline)', metrics, timing: { indexMs, scoreMs } };
}

async function runModel(entry: ModelEntry, profiles: EvalProfile[], queries: EvalQuery[], k: number): Promise<Run> {
  let t = performance.now();
  let embedder: NodeEmbedder;
  try {
    embedder = await NodeEmbedder.load(entry);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const hint = entry.source === 'hub' ? ` Hub models are downloaded from huggingface.co and need network access; ${BUNDLED_MODEL.id} and bm25 work offline.` : '';
    throw new Error(`could not load ${entry.id} (${entry.defaultDtype}): ${why}.${hint}`, { cause: err });
  }
  const loadMs = since(t);
  t = performance.now();
  const docs = await embedder.embed(profiles.map((p) => p.text), 'document');
  const embedProfilesMs = since(t);
  t = performance.now();
  const qv = await embedder.embed(queries.map((q) => q.text), 'query');
  const embedQueriesMs = since(t);
  t = performance.now();
  const scores = queries.map((_, i) => scoreAll(docs, row(qv, i)));
  const scoreMs = since(t);
  t = performance.now();
  const clusters = runKMeans(docs, k, { seed: SEED });
  const queryClusters = queries.map((_, i) => nearestCentroids(clusters.centroids, row(qv, i), k));
  const kmeansMs = since(t);
  const metrics = evaluateComparison({
    scores,
    labels: profiles.map((p) => p.label),
    families: profiles.map((p) => p.family),
    queries,
    clustering: { labels: clusters.labels, queryClusters },
  });
  return { model: entry.id, label: entry.label, dtype: entry.defaultDtype, metrics, timing: { loadMs, embedProfilesMs, embedQueriesMs, scoreMs, kmeansMs } };
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function printTables(runs: Run[], k: number): void {
  console.log('Quality (P@10, MRR and recall@50 count the target role, grade 2)\n');
  console.log(table(['method', 'nDCG@10', 'P@10', 'MRR', 'recall@50'], runs.map((r) => [r.label, ...[r.metrics.ndcg10, r.metrics.precision10, r.metrics.mrr, r.metrics.recall50].map(f3)])));
  console.log('\nnDCG@10 per family\n');
  const families = Object.keys(runs[0].metrics.perFamily);
  console.log(table(['family', 'queries', ...runs.map((r) => r.model)], families.map((f) => [f, String(runs[0].metrics.perFamily[f].queries), ...runs.map((r) => f3(r.metrics.perFamily[f]?.ndcg10))])));
  console.log('\nClose-pair separation, each direction on its own: for the job descriptions of the target role, AUC of target vs twin scores / twin share of the top 10 (filtered: query-cluster filter)\n');
  const head = ['target → twin', 'queries', ...runs.flatMap((r) => (r.metrics.clustering ? [r.model, `${r.model} filtered`] : [r.model]))];
  const shown = runs[0].metrics.separation.map((s, i) => ({ s, i })).filter(({ s }) => s.queries > 0);
  const rows = shown.map(({ s, i }) => [
    `${s.target} → ${s.twin}`,
    String(s.queries),
    ...runs.flatMap((r) => {
      const x = r.metrics.separation[i];
      const plain = `${f3(x.auc)} / ${f3(x.twinShareTop10)}`;
      return r.metrics.clustering ? [plain, `${f3(x.aucFiltered)} / ${f3(x.twinShareTop10Filtered)}`] : [plain];
    }),
  ]);
  console.log(table(head, rows));
  const hidden = runs[0].metrics.separation.length - shown.length;
  if (hidden) console.log(`(${hidden} direction(s) without queries for the target role left out)`);
  const clustered = runs.filter((r) => r.metrics.clustering);
  if (clustered.length) {
    console.log(`\nClustering against the role labels (k-means, k = ${k}, seed ${SEED}; not for BM25)\n`);
    console.log(table(['method', 'purity', 'NMI', 'ARI'], clustered.map((r) => [r.label, f3(r.metrics.clustering?.purity), f3(r.metrics.clustering?.nmi), f3(r.metrics.clustering?.ari)])));
  }
  console.log('\nTiming (ms, Node)\n');
  console.log(runs.map((r) => `${r.label}: ${Object.entries(r.timing).map(([key, ms]) => `${key.replace(/Ms$/, '')} ${ms}`).join(' · ')}`).join('\n'));
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new EvalInputError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const data =
    args.profiles && args.queries
      ? { profiles: parseProfiles(read(args.profiles), args.profiles), queries: parseQueries(read(args.queries), args.queries) }
      : fromDataset(readBundledDataset());
  const { profiles, queries } = data;
  const models = args.models.length ? args.models : [BUNDLED_MODEL.id, 'bm25'];
  const entries = models.map((id) => (id === 'bm25' ? null : resolveEntry(id, args.dtype)));
  if (entries.some(Boolean) && args.k > profiles.length) throw new EvalInputError(`--k ${args.k} is more than the ${profiles.length} profiles`);
  const warnings = queryWarnings(queries, profiles);
  for (const w of warnings) console.error(`warning: ${w}`);

  const runs: Run[] = [];
  for (const entry of entries) runs.push(entry ? await runModel(entry, profiles, queries, args.k) : runBm25(profiles, queries));

  if (args.json) {
    const source = args.profiles ? { profiles: args.profiles, queries: args.queries } : 'bundled';
    console.log(JSON.stringify({ data: source, profiles: profiles.length, queries: queries.length, k: args.k, seed: SEED, warnings, runs }, null, 2));
    return;
  }
  console.log(`${profiles.length} profiles, ${queries.length} queries, ${new Set(profiles.map((p) => p.label)).size} labels\n`);
  printTables(runs, args.k);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`eval: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
