/**
 * Ranking quality of the bundled model against a BM25 keyword baseline on the bundled
 * profiles and job descriptions, using the dataset's role labels as ground truth.
 *
 *   npm run eval              # table
 *   npm run eval -- --json    # machine-readable
 */
import { Bm25Index } from '../src/core/bm25';
import { evaluateRun, type RunScore } from '../src/core/evaluate';
import { scoreAll, row } from '../src/core/vectors';
import { profileToText } from '../src/data/profileText';
import { BUNDLED_MODEL } from '../src/embedding/catalogue';
import { runKMeans } from '../src/core/kmeans';
import { adjustedRandIndex, encodeLabels, normalizedMutualInformation, purity } from '../src/core/clusterQuality';
import { readBundledDataset } from './lib/bundledData';
import { NodeEmbedder } from './lib/nodeEmbedder';

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const { profiles, jobs } = readBundledDataset();
  const texts = profiles.map(profileToText);
  const labels = profiles.map((p) => p.label.role);
  const runs: Record<string, RunScore> = {};

  const bm25 = new Bm25Index(texts);
  runs['BM25 (keyword baseline)'] = evaluateRun(jobs.map((j) => bm25.score(j.text)), labels, jobs);

  const embedder = await NodeEmbedder.load(BUNDLED_MODEL);
  const started = performance.now();
  const docs = await embedder.embed(texts, 'document');
  const embedMs = performance.now() - started;
  const queries = await embedder.embed(jobs.map((j) => j.text), 'query');
  runs[BUNDLED_MODEL.label] = evaluateRun(jobs.map((_, i) => scoreAll(docs, row(queries, i))), labels, jobs);

  // The app's clustering: k-means, k = 10, seed 42 (src/store/clusterSlice.ts)
  const truth = encodeLabels(labels).ids;
  const clustering = runKMeans(docs, 10, { seed: 42 });
  const clusterScores = {
    k: 10,
    purity: purity(clustering.labels, truth),
    nmi: normalizedMutualInformation(clustering.labels, truth),
    ari: adjustedRandIndex(clustering.labels, truth),
  };

  if (json) {
    console.log(JSON.stringify({ profiles: profiles.length, jobs: jobs.length, runs, clustering: { [BUNDLED_MODEL.label]: clusterScores } }, null, 2));
    return;
  }
  console.log(`${profiles.length} profiles, ${jobs.length} job descriptions; bundled model embedded the profiles in ${(embedMs / 1000).toFixed(1)} s (Node)`);
  console.log('');
  console.log('| method | nDCG@10 | P@10 (exact role) | P@10 (role or related) |');
  console.log('|---|---|---|---|');
  for (const [name, r] of Object.entries(runs)) {
    console.log(`| ${name} | ${r.ndcg10.toFixed(3)} | ${r.precision10.toFixed(3)} | ${r.precision10Related.toFixed(3)} |`);
  }
  console.log('');
  console.log(`Clustering of the bundled model's profile embeddings (k-means, k = ${clusterScores.k}, seed 42) against the ${new Set(labels).size} role labels:`);
  console.log(`purity ${clusterScores.purity.toFixed(3)} · NMI ${clusterScores.nmi.toFixed(3)} · ARI ${clusterScores.ari.toFixed(3)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
