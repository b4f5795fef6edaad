/**
 * Chooses the default hybrid ranking (src/core/fusion.ts DEFAULT_FUSION) by measurement:
 * a grid of fusion methods and weights, scored on the TUNING half of the bundled job
 * descriptions (odd-numbered ids, the half the bundled model was tuned on too) and
 * reported on the held-out half (even ids) only for the chosen setting and its neighbours.
 *
 *   npx tsx scripts/tune-fusion.ts            # grid on the tuning half, the winner on both halves
 *
 * The keyword side is src/core/keywordRanking.ts (its choices are the ablation printed first).
 *
 * Selection rule: the highest tuning-half nDCG@10 among settings whose worse PM/PMM
 * direction AUC on the tuning half is at least 0.8 (the separation target); ties go to
 * the simpler setting (listed first).
 */
import { evaluateComparison, type ComparisonMetrics } from '../src/core/comparison';
import { describeFusion, fuseScores, type FusionOptions } from '../src/core/fusion';
import { KEYWORD_RANKING, KeywordRanker, type KeywordRankingOptions } from '../src/core/keywordRanking';
import { pairHeadlines } from '../src/core/separation';
import { row, scoreAll } from '../src/core/vectors';
import { BUNDLED_MODEL } from '../src/embedding/catalogue';
import { readBundledDataset } from './lib/bundledData';
import { fromDataset, type EvalQuery } from './lib/evalInput';
import { splitOf } from './lib/splits';
import { NodeEmbedder } from './lib/nodeEmbedder';

const { profiles, queries } = fromDataset(readBundledDataset());
const embedder = await NodeEmbedder.load(BUNDLED_MODEL);
const docs = await embedder.embed(profiles.map((p) => p.text), 'document');
const qv = await embedder.embed(queries.map((q) => q.text), 'query');
const texts = profiles.map((p) => p.text);
const keyword = new KeywordRanker(texts, KEYWORD_RANKING);
const embeddingScores = queries.map((_, i) => scoreAll(docs, row(qv, i)));
const keywordScores = queries.map((q) => keyword.score(q.text));
const labels = profiles.map((p) => p.label);
const families = profiles.map((p) => p.family);

function evaluate(scoresOf: (q: number) => ArrayLike<number>, which: 'tune' | 'test'): ComparisonMetrics {
  const picked = queries.map((q, i) => [q, i] as [EvalQuery, number]).filter(([q]) => splitOf(q.id) === which);
  return evaluateComparison({ scores: picked.map(([, i]) => scoresOf(i)), labels, families, queries: picked.map(([q]) => q) });
}

const pmWorse = (m: ComparisonMetrics) => pairHeadlines(m.separation)[0].worse;
const summary = (m: ComparisonMetrics) => {
  const [pmToPmm, pmmToPm] = m.separation;
  return `nDCG@10 ${m.ndcg10.toFixed(3)} · P@10 ${m.precision10.toFixed(3)} · PM→PMM AUC ${pmToPmm.auc?.toFixed(3)} · PMM→PM AUC ${pmmToPm.auc?.toFixed(3)}`;
};

const grid: FusionOptions[] = [];
for (let w = 0.1; w < 0.95; w += 0.05) {
  const weight = Math.round(w * 100) / 100;
  grid.push({ method: 'convex', weight, normalisation: 'zscore' });
  grid.push({ method: 'convex', weight, normalisation: 'minmax' });
  for (const offset of [10, 30, 60]) grid.push({ method: 'rrf', weight, offset });
}

console.log(`${queries.filter((q) => splitOf(q.id) === 'tune').length} tuning job descriptions, ${queries.filter((q) => splitOf(q.id) === 'test').length} held out\n`);
console.log(`embedding only (tune): ${summary(evaluate((i) => embeddingScores[i], 'tune'))}`);
console.log('keyword ranking ablation (tune):');
const variants: [string, KeywordRankingOptions][] = [
  ['BM25, words', { phrases: false, focus: false }],
  ['+ word pairs', { phrases: true, focus: false }],
  ['+ collaborator focus', { phrases: false, focus: true }],
  ['+ both (the app)', { phrases: true, focus: true }],
];
for (const [name, options] of variants) {
  const ranker = new KeywordRanker(texts, options);
  console.log(`  ${name.padEnd(22)} ${summary(evaluate((i) => ranker.score(queries[i].text), 'tune'))}`);
}
console.log('');

const tried = grid.map((options) => ({ options, tune: evaluate((i) => fuseScores(embeddingScores[i], keywordScores[i], options), 'tune') }));
const eligible = tried.filter((t) => (pmWorse(t.tune).auc ?? 0) >= 0.8);
const pool = eligible.length ? eligible : tried;
const best = pool.reduce((a, b) => (b.tune.ndcg10 > a.tune.ndcg10 + 1e-9 ? b : a));
for (const t of [...tried].sort((a, b) => b.tune.ndcg10 - a.tune.ndcg10).slice(0, 15)) {
  console.log(`${t === best ? '*' : ' '} ${describeFusion(t.options).padEnd(48)} ${summary(t.tune)}`);
}
console.log(`\n${eligible.length} of ${tried.length} settings keep the worse PM/PMM direction at AUC >= 0.8 on the tuning half`);
console.log(`\nChosen: ${JSON.stringify(best.options)} (${describeFusion(best.options)})`);
console.log(`  tuning half:   ${summary(best.tune)}`);
console.log(`  held-out half: ${summary(evaluate((i) => fuseScores(embeddingScores[i], keywordScores[i], best.options), 'test'))}`);
console.log(`  held-out, embedding only: ${summary(evaluate((i) => embeddingScores[i], 'test'))}`);
console.log(`  held-out, BM25 only:      ${summary(evaluate((i) => keywordScores[i], 'test'))}`);
