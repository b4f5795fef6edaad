/**
 * Evaluates settings of the bundled model's word-table pipeline (scripts/model/table.ts)
 * in memory, without writing ONNX: sentence vectors are computed here exactly as the model
 * + transformers.js compute them (whole-word lookup, mean pooling, L2 normalisation).
 *
 *   npx tsx scripts/tune-bundled-model.ts            # grid on odd job ids, report odd/even/all
 *   npx tsx scripts/tune-bundled-model.ts --verify   # check the built model matches; PM per-query P@10
 *   … --data DIR                                     # use a dataset snapshot instead of public/data
 *
 * Settings are chosen on the odd-numbered job descriptions (j001, j003, …); the
 * even-numbered ones are held out.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import path from 'node:path';
import { evaluateRun, type RunScore } from '../src/core/evaluate';
import { profileToText } from '../src/data/profileText';
import { readBundledDataset } from './lib/bundledData';
import { BUILD_SETTINGS } from './model/settings.ts';
import { RECRUITING_TERMS } from './model/recruiting-terms.ts';
import { quantizeRowsInt8, zipfProbabilities } from './model/sif.ts';
import { buildWordTable, selectVocabulary, type TableOptions } from './model/table.ts';
import { isTokenizableWord } from './model/tokenizer.ts';
import { ensureWinkPackage, readWink, winkVector } from './model/wink.ts';

/** BERT-uncased normalisation + pre-tokenisation; tokens that are not [a-z0-9]+ can never be in the vocabulary. */
function pretokenize(text: string): string[] {
  const t = text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
  return t.split(/[\s\p{P}\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+/u).filter(Boolean);
}

interface Trial extends TableOptions {
  topWords: number;
  quantize?: boolean;
}

const { src } = readWink(ensureWinkPackage());
const dim = src.dimensions;
const total = src.words.length;
const rankOf = new Map<string, number>();
src.words.forEach((w, i) => rankOf.set(w, i));
const pAll = zipfProbabilities(total, BUILD_SETTINGS.zipfK);

const dataArg = process.argv.indexOf('--data');
/** The dataset can be pinned to a snapshot folder (--data DIR) while public/data is being regenerated. */
const { profiles, jobs } = readBundledDataset(dataArg >= 0 ? process.argv[dataArg + 1] : undefined);
const labels = profiles.map((p) => p.label.role);
const docTexts = profiles.map(profileToText);
const queryTexts = jobs.map((j) => j.text);
const toRanks = (t: string) => Int32Array.from(pretokenize(t).map((w) => rankOf.get(w) ?? -1).filter((r) => r >= 0));
const docRanks = docTexts.map(toRanks);
const queryRanks = queryTexts.map(toRanks);
const odd = jobs.map((j, i) => [j, i] as const).filter(([j]) => Number(j.id.replace(/\D/g, '')) % 2 === 1).map(([, i]) => i);
const even = jobs.map((_, i) => i).filter((i) => !odd.includes(i));

/** Row index of each GloVe rank in the table (−1 = not in the vocabulary). */
function embedAll(x: Float64Array, rowOf: Int32Array, texts: Int32Array[]): Float64Array {
  const out = new Float64Array(texts.length * dim);
  texts.forEach((ranks, t) => {
    const o = t * dim;
    for (const r of ranks) {
      const row = rowOf[r];
      if (row < 0) continue;
      for (let i = 0; i < dim; i++) out[o + i] += x[row * dim + i];
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += out[o + i] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < dim; i++) out[o + i] /= norm;
  });
  return out;
}

const vocabCache = new Map<number, ReturnType<typeof selectVocabulary> & { raw: Float64Array; p: Float64Array; rowOf: Int32Array }>();
function vocabulary(topWords: number) {
  let v = vocabCache.get(topWords);
  if (!v) {
    const sel = selectVocabulary(src.words, topWords, RECRUITING_TERMS, isTokenizableWord);
    const raw = new Float64Array(sel.ranks.length * dim);
    const p = new Float64Array(sel.ranks.length);
    const rowOf = new Int32Array(total).fill(-1);
    sel.ranks.forEach((rank, j) => {
      const vec = winkVector(src, rank);
      for (let i = 0; i < dim; i++) raw[j * dim + i] = vec[i];
      p[j] = pAll[rank];
      rowOf[rank] = j;
    });
    v = { ...sel, raw, p, rowOf };
    vocabCache.set(topWords, v);
  }
  return v;
}

function tableFor(trial: Trial): { x: Float64Array; rowOf: Int32Array } {
  const v = vocabulary(trial.topWords);
  const n = v.ranks.length;
  let { x } = buildWordTable(v.raw, v.p, n, dim, trial);
  if (trial.quantize) {
    const { table, scales } = quantizeRowsInt8(x, n, dim);
    x = new Float64Array(n * dim);
    for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) x[r * dim + i] = Math.fround(table[r * dim + i] * scales[r]);
  }
  return { x, rowOf: v.rowOf };
}

interface Result {
  odd: RunScore;
  even: RunScore;
  all: RunScore;
  pmVsPmmAuc: number;
  docs: Float64Array;
  queries: Float64Array;
}

function evaluate(trial: Trial): Result {
  const { x, rowOf } = tableFor(trial);
  const docs = embedAll(x, rowOf, docRanks);
  const queries = embedAll(x, rowOf, queryRanks);
  const scores = jobs.map((_, q) => {
    const s = new Float64Array(profiles.length);
    for (let d = 0; d < profiles.length; d++) {
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += docs[d * dim + i] * queries[q * dim + i];
      s[d] = dot;
    }
    return s;
  });
  const run = (idx: number[]) => evaluateRun(idx.map((i) => scores[i]), labels, idx.map((i) => jobs[i]));
  // PM-vs-PMM separation: for each Product Manager job, the probability that a random
  // Product Manager profile outscores a random Product Marketing Manager profile.
  const pm = labels.flatMap((l, i) => (l === 'Product Manager' ? [i] : []));
  const pmm = labels.flatMap((l, i) => (l === 'Product Marketing Manager' ? [i] : []));
  const aucs = jobs.flatMap((j, q) => {
    if (j.role !== 'Product Manager') return [];
    let wins = 0;
    for (const a of pm) for (const b of pmm) wins += scores[q][a] > scores[q][b] ? 1 : scores[q][a] === scores[q][b] ? 0.5 : 0;
    return [wins / (pm.length * pmm.length)];
  });
  return { odd: run(odd), even: run(even), all: run(jobs.map((_, i) => i)), pmVsPmmAuc: aucs.reduce((s, a) => s + a, 0) / aucs.length, docs, queries };
}

const describe = (t: Trial) =>
  `top=${t.topWords / 1000}k a=${t.sifA} abtt=${t.abttComponents ?? '-'} unit=${t.unitNormalize ? 'y' : 'n'} pcW=${t.removeWeightedComponents}${t.quantize ? ' int8' : ''}`;
const fmt = (r: Result) =>
  `${r.odd.ndcg10.toFixed(3)} / ${r.odd.precision10.toFixed(3)} | ${r.even.ndcg10.toFixed(3)} / ${r.even.precision10.toFixed(3)} | ${r.all.ndcg10.toFixed(3)} / ${r.all.precision10.toFixed(3)} | ${r.pmVsPmmAuc.toFixed(3)} | ${r.all.queries.filter((_, i) => jobs[i].role === 'Product Manager').map((q) => q.precision10.toFixed(1)).join(' ')}`;

async function verify(trial: Trial): Promise<void> {
  const r = evaluate({ ...trial, quantize: true });
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = path.resolve('public/models') + path.sep;
  const extractor = (await pipeline('feature-extraction', BUILD_SETTINGS.modelName, { dtype: 'q8' })) as FeatureExtractionPipeline;
  let minCos = 1;
  const check = async (texts: string[], mem: Float64Array) => {
    for (let s = 0; s < texts.length; s += 64) {
      const batch = texts.slice(s, s + 64);
      const out = (await extractor(batch, { pooling: 'mean', normalize: true })).tolist() as number[][];
      out.forEach((v, j) => {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += v[i] * mem[(s + j) * dim + i];
        minCos = Math.min(minCos, dot);
      });
    }
  };
  await check(queryTexts, r.queries);
  await check(docTexts, r.docs);
  console.log(`verify: min cosine(ONNX via transformers.js, in-memory int8) over ${queryTexts.length + docTexts.length} texts = ${minCos.toFixed(6)}`);
  if (!(minCos > 0.999)) throw new Error('built model does not match the in-memory computation');
  console.log(`built-model settings: ${describe(trial)} → ${fmt(r)}`);
  console.log('Product Manager jobs, P@10:');
  r.all.queries.forEach((q, i) => {
    if (jobs[i].role === 'Product Manager') console.log(`  ${q.id} ${jobs[i].title}: P@10 ${q.precision10.toFixed(1)}, nDCG@10 ${q.ndcg10.toFixed(3)}`);
  });
}

async function main(): Promise<void> {
  const header = '| settings | odd nDCG / P@10 | even nDCG / P@10 | all nDCG / P@10 | PM>PMM AUC | PM jobs P@10 |\n|---|---|---|---|---|---|';
  const settingsTrial: Trial = { topWords: BUILD_SETTINGS.topWords, ...BUILD_SETTINGS.table };
  if (process.argv.includes('--verify')) {
    await verify(settingsTrial);
    return;
  }
  const results: [Trial, Result][] = [];
  const only = process.argv.indexOf('--trials');
  const run = (t: Trial) => {
    const r = evaluate(t);
    results.push([t, r]);
    console.log(`| ${describe(t)} | ${fmt(r)} |`);
  };
  console.log(header);
  if (only >= 0) {
    for (const t of JSON.parse(process.argv[only + 1]) as Trial[]) run(t);
    return;
  }
  const base: Trial = { topWords: 30_000, sifA: 1e-3, abttComponents: null, unitNormalize: false, removeWeightedComponents: 1 };
  run(base);
  run({ ...base, quantize: true });
  for (const sifA of [1e-3, 3e-4, 1e-4, 3e-5, 1e-5]) {
    for (const abttComponents of [null, 0, 1, 2, 3, 5, 8]) {
      for (const unitNormalize of [false, true]) {
        for (const removeWeightedComponents of [0, 1, 2]) run({ topWords: 30_000, sifA, abttComponents, unitNormalize, removeWeightedComponents });
      }
    }
  }
  const best = [...results].sort((a, b) => b[1].odd.ndcg10 - a[1].odd.ndcg10).slice(0, 5);
  console.log('\nTop 5 on odd jobs, then vocabulary size:');
  console.log(header);
  for (const [t] of best) {
    for (const topWords of [20_000, 30_000, 40_000, 50_000]) run({ ...t, topWords });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
