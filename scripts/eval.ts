/**
 * Compares rankings (each embedding model alone and fused with keywords, the app's keyword
 * ranking and classic BM25) on labelled profiles and queries: nDCG@10, P@10, MRR, recall@50 (overall and per family), close-pair separation,
 * k-means cluster quality and timing. Same numbers as the in-browser comparison lab
 * (src/core/comparison.ts). Run with --help for the arguments.
 */
import { readFileSync } from 'node:fs';
import { evaluateComparison, type ComparisonMetrics } from '../src/core/comparison';
import { DEFAULT_FUSION, describeFusion, fuseScores, type FusionOptions, type RankingKind } from '../src/core/fusion';
import { KEYWORD_RANKING, KeywordRanker, type KeywordRankingOptions } from '../src/core/keywordRanking';
import { nearestCentroids, runKMeans } from '../src/core/kmeans';
import { topK } from '../src/core/topK';
import { row, scoreAll } from '../src/core/vectors';
import { BUNDLED_MODEL, customModel, findModel, type DType, type ModelEntry } from '../src/embedding/catalogue';
import { readBundledDataset } from './lib/bundledData';
import { EvalInputError, fromDataset, parseArgs, parseProfiles, parseQueries, queryWarnings, USAGE, type EvalProfile, type EvalQuery } from './lib/evalInput';
import { NodeEmbedder } from './lib/nodeEmbedder';
import { NodeReranker, rerankedScores } from './lib/nodeReranker';
import { splitOf } from './lib/splits';

const SEED = 42;

interface Run {
  model: string;
  /** How the profiles were ordered: the model's cosine, keywords, or both fused. */
  ranking: RankingKind;
  /** The ranking the app uses by default (hybrid with the bundled model). */
  default?: true;
  label: string;
  dtype?: DType;
  fusion?: FusionOptions;
  keyword?: KeywordRankingOptions;
  reranker?: { id: string; dtype: string; top: number };
  metrics: ComparisonMetrics;
  /** Wall times in milliseconds. */
  timing: Record<string, number>;
}

interface EvalData {
  profiles: EvalProfile[];
  /** Every query is embedded and scored (so timings cover all of them)... */
  queries: EvalQuery[];
  /** ...but only these are reported (the held-out half of the bundled job descriptions, by default). */
  reported: number[];
}

function resolveEntry(id: string, dtype: string | undefined): ModelEntry {
  const entry = findModel(id) ?? (/^[\w.-]+\/[\w.-]+$/.test(id) ? customModel(id) : null);
  if (!entry) throw new EvalInputError(`unknown model "${id}": use bm25, bm25-plain, a catalogue id (e.g. ${BUNDLED_MODEL.id}) or a Hub id like "organisation/model-name"`);
  if (dtype === undefined) return entry;
  const available = Object.keys(entry.dtypes);
  if (!available.includes(dtype)) throw new EvalInputError(`${id} has no ${dtype} weights; available: ${available.join(', ')}`);
  return { ...entry, defaultDtype: dtype as DType };
}

const since = (t: number) => Math.round(performance.now() - t);
const PLAIN_BM25: KeywordRankingOptions = { phrases: false, focus: false };

/** The metrics over the reported queries only. */
function evaluateReported(data: EvalData, scores: readonly Float32Array[], clustering?: { labels: Int32Array; queryClusters: number[][] }): ComparisonMetrics {
  const { profiles, queries, reported } = data;
  return evaluateComparison({
    scores: reported.map((q) => scores[q]),
    labels: profiles.map((p) => p.label),
    families: profiles.map((p) => p.family),
    queries: reported.map((q) => queries[q]),
    clustering: clustering && { labels: clustering.labels, queryClusters: reported.map((q) => clustering.queryClusters[q]) },
  });
}

function runKeywords(data: EvalData, options: KeywordRankingOptions): { run: Run; scores: Float32Array[] } {
  let t = performance.now();
  const ranker = new KeywordRanker(data.profiles.map((p) => p.text), options);
  const indexMs = since(t);
  t = performance.now();
  const scores = data.queries.map((q) => ranker.score(q.text));
  const scoreMs = since(t);
  const plain = !options.phrases && !options.focus;
  const run: Run = {
    model: plain ? 'bm25-plain' : 'bm25',
    ranking: 'bm25',
    label: plain ? 'BM25, classic (words, whole query)' : 'Keywords (BM25 + word pairs, collaborators left out)',
    keyword: options,
    metrics: evaluateReported(data, scores),
    timing: { indexMs, scoreMs },
  };
  return { run, scores };
}

/** Re-ranks the top `n` of a first-stage run per query with a cross-encoder. */
async function runReranked(first: Run, firstScores: readonly Float32Array[], data: EvalData, id: string, n: number, localModels?: string): Promise<Run> {
  let t = performance.now();
  let reranker: NodeReranker;
  try {
    reranker = await NodeReranker.load(id, 'q8', localModels);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`could not load the re-ranker ${id}: ${why}.${localModels ? '' : ' Re-rankers are downloaded from huggingface.co and need network access.'}`, { cause: err });
  }
  const loadMs = since(t);
  t = performance.now();
  const scores: Float32Array[] = [];
  for (const [q, query] of data.queries.entries()) {
    // only reported queries are scored: a cross-encoder is slow, and the others are not shown
    if (!data.reported.includes(q)) {
      scores.push(firstScores[q]);
      continue;
    }
    const top = topK(firstScores[q], n);
    const pairScores = await reranker.score(query.text, top.map((i) => data.profiles[i].text));
    scores.push(rerankedScores(firstScores[q], top, pairScores));
  }
  const rerankMs = since(t);
  return {
    model: first.model,
    ranking: 'reranked',
    label: `${first.label}, top ${n} re-ranked by ${id} (q8)`,
    dtype: first.dtype,
    reranker: { id, dtype: 'q8', top: n },
    metrics: evaluateReported(data, scores),
    timing: { rerankLoadMs: loadMs, rerankMs },
  };
}

async function runModel(entry: ModelEntry, data: EvalData, keywordScores: readonly Float32Array[], k: number): Promise<{ runs: Run[]; hybridScores: Float32Array[] }> {
  const { profiles, queries } = data;
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
  const fused = scores.map((s, i) => fuseScores(s, keywordScores[i], DEFAULT_FUSION));
  const fuseMs = since(t);
  t = performance.now();
  const clusters = runKMeans(docs, k, { seed: SEED });
  const queryClusters = queries.map((_, i) => nearestCentroids(clusters.centroids, row(qv, i), k));
  const kmeansMs = since(t);
  const clustering = { labels: clusters.labels, queryClusters };
  const timing = { loadMs, embedProfilesMs, embedQueriesMs, scoreMs, kmeansMs };
  const isDefault = entry.id === BUNDLED_MODEL.id ? { default: true as const } : {};
  const runs: Run[] = [
    {
      model: entry.id,
      ranking: 'hybrid',
      ...isDefault,
      label: `${entry.label} + keywords (hybrid: ${describeFusion(DEFAULT_FUSION)})`,
      dtype: entry.defaultDtype,
      fusion: DEFAULT_FUSION,
      keyword: KEYWORD_RANKING,
      metrics: evaluateReported(data, fused, clustering),
      timing: { ...timing, fuseMs },
    },
    { model: entry.id, ranking: 'embedding', label: `${entry.label}, embedding only`, dtype: entry.defaultDtype, metrics: evaluateReported(data, scores, clustering), timing },
  ];
  return { runs, hybridScores: fused };
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const shortName = (r: Run) => (r.ranking === 'bm25' ? r.model : `${r.model} ${r.ranking}`);
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function printTables(runs: Run[], k: number): void {
  console.log('Quality (P@10, MRR and recall@50 count the target role, grade 2; * = the app\'s default ranking)\n');
  console.log(table(['method', 'nDCG@10', 'P@10', 'MRR', 'recall@50'], runs.map((r) => [`${r.default ? '* ' : ''}${r.label}`, ...[r.metrics.ndcg10, r.metrics.precision10, r.metrics.mrr, r.metrics.recall50].map(f3)])));
  console.log('\nnDCG@10 per family\n');
  const families = Object.keys(runs[0].metrics.perFamily);
  console.log(table(['family', 'queries', ...runs.map(shortName)], families.map((f) => [f, String(runs[0].metrics.perFamily[f].queries), ...runs.map((r) => f3(r.metrics.perFamily[f]?.ndcg10))])));
  console.log('\nClose-pair separation, each direction on its own: for the job descriptions of the target role, AUC of target vs twin scores / twin share of the top 10 (filtered: query-cluster filter)\n');
  const head = ['target → twin', 'queries', ...runs.flatMap((r) => (r.metrics.clustering ? [shortName(r), `${shortName(r)}, filtered`] : [shortName(r)]))];
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
    const byModel = clustered.filter((r, i) => clustered.findIndex((x) => x.model === r.model) === i);
    console.log(table(['model', 'purity', 'NMI', 'ARI'], byModel.map((r) => [r.model, f3(r.metrics.clustering?.purity), f3(r.metrics.clustering?.nmi), f3(r.metrics.clustering?.ari)])));
  }
  console.log('\nTiming (ms, Node)\n');
  console.log(runs.filter((r) => r.ranking !== 'embedding').map((r) => `${r.label}: ${Object.entries(r.timing).map(([key, ms]) => `${key.replace(/Ms$/, '')} ${ms}`).join(' · ')}`).join('\n'));
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
  const bundled = !args.profiles;
  const split = bundled ? args.split : 'all';
  const reported = queries.flatMap((q, i) => (split === 'all' || splitOf(q.id) === split ? [i] : []));
  if (reported.length === 0) throw new EvalInputError(`no job descriptions in the "${split}" split`);
  const evalData: EvalData = { profiles, queries, reported };
  const models = args.models.length ? args.models : [BUNDLED_MODEL.id, 'bm25', 'bm25-plain'];
  const entries = models.filter((id) => id !== 'bm25' && id !== 'bm25-plain').map((id) => resolveEntry(id, args.dtype));
  if (entries.length && args.k > profiles.length) throw new EvalInputError(`--k ${args.k} is more than the ${profiles.length} profiles`);
  const warnings = queryWarnings(queries, profiles);
  for (const w of warnings) console.error(`warning: ${w}`);

  // the keyword ranking feeds every hybrid, so it always runs; it is reported when asked for
  const keyword = runKeywords(evalData, KEYWORD_RANKING);
  const runs: Run[] = [];
  for (const entry of entries) {
    const { runs: modelRuns, hybridScores } = await runModel(entry, evalData, keyword.scores, args.k);
    runs.push(...modelRuns);
    if (args.reranker) runs.push(await runReranked(modelRuns[0], hybridScores, evalData, args.reranker, args.rerankTop, args.localModels));
  }
  if (args.reranker && entries.length === 0) throw new EvalInputError('--reranker re-ranks a model\'s hybrid ranking: give a model too (e.g. --model glove-sif-100d)');
  if (models.includes('bm25')) runs.push(keyword.run);
  if (models.includes('bm25-plain')) runs.push(runKeywords(evalData, PLAIN_BM25).run);

  const splitNote =
    split === 'all'
      ? bundled
        ? 'all job descriptions (the settings were chosen on the odd-numbered half)'
        : 'all job descriptions in the file (nothing was tuned on them)'
      : split === 'test'
        ? 'the held-out job descriptions (even ids); the settings were chosen on the odd ids'
        : 'the TUNING job descriptions (odd ids), on which the settings were chosen: optimistic';
  if (args.json) {
    const source = args.profiles ? { profiles: args.profiles, queries: args.queries } : 'bundled';
    console.log(JSON.stringify({ data: source, split, reportedOn: splitNote, profiles: profiles.length, queries: reported.length, k: args.k, seed: SEED, warnings, runs }, null, 2));
    return;
  }
  console.log(`${profiles.length} profiles, ${new Set(profiles.map((p) => p.label)).size} labels; reported on ${reported.length} of ${queries.length} queries: ${splitNote}\n`);
  printTables(runs, args.k);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`eval: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
