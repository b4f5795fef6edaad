/**
 * The model comparison lab: runs each chosen model + precision over the current profiles
 * and labelled job descriptions, one after another, and records quality, close-pair
 * separation, clustering, speed and size. Finished runs are kept when a later one fails
 * or the user cancels.
 */
import { evaluateComparison, type ComparisonInput } from '../core/comparison';
import { DEFAULT_FUSION, rankingScores } from '../core/fusion';
import { KeywordRanker } from '../core/keywordRanking';
import { nearestCentroids } from '../core/kmeans';
import { medianOrNull, timingVariants } from '../core/labTiming';
import { errorMessage } from '../core/assert';
import { rerankedScoreList } from '../core/rerankOrder';
import { topK } from '../core/topK';
import { cosine, row, scoreAll, type EmbeddingMatrix } from '../core/vectors';
import { profileToText } from '../data/profileText';
import { evaluableProfiles } from './datasetSelectors';
import { withPrefix, type DType } from '../embedding/catalogue';
import { embedWithCache } from '../embedding/embeddingCache';
import { explainModelError } from '../embedding/errors';
import { loadSpecFor } from '../embedding/loadSpec';
import { RerankClient } from '../embedding/rerankClient';
import { resolveReranker } from '../embedding/rerankers';
import { scoreCacheKey, scoresWithCache } from '../embedding/scoreCache';
import { useAppStore } from './appStore';
import { CLUSTER_SEED } from './clusterSlice';
import { coldLoad } from './compareLoad';
import type { CompareRun, CompareTarget, DtypeAgreement } from './compareSlice';
import { cacheKeyFor, chooseDevice, resolveModel, specFor, threadCount } from './modelActions';
import { rerankScoreStore } from './rerankActions';
import { getServices } from './services';
import { usageSince } from './apiSelectors';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** The article clustered with k = 10. */
const COMPARE_K = 10;
/** Single job-description variants timed one by one for query latency; the median is reported. */
const LATENCY_SAMPLES = 5;

let compareSeq = 0;

export function setView(view: 'search' | 'compare'): void {
  set({ view });
}

export function toggleCompareTarget(target: CompareTarget): void {
  const same = (t: CompareTarget) => t.modelId === target.modelId && t.dtype === target.dtype;
  set((s) => ({ compareTargets: s.compareTargets.some(same) ? s.compareTargets.filter((t) => !same(t)) : [...s.compareTargets, target] }));
}

function updateRun(seq: number, index: number, patch: Partial<CompareRun>): void {
  if (seq !== compareSeq) return;
  set((s) => ({ compareRuns: s.compareRuns.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
}

/** Mean cosine between matching rows, and mean top-10 overlap of the two rankings per query. */
export function dtypeAgreement(a: EmbeddingMatrix, b: EmbeddingMatrix, qa: EmbeddingMatrix, qb: EmbeddingMatrix): DtypeAgreement {
  const rows = a.vectors.length / a.dim;
  let sum = 0;
  for (let i = 0; i < rows; i++) sum += cosine(row(a, i), row(b, i));
  const queries = qa.vectors.length / qa.dim;
  let overlap = 0;
  for (let q = 0; q < queries; q++) {
    const ta = new Set(topK(scoreAll(a, row(qa, q)), 10));
    overlap += topK(scoreAll(b, row(qb, q)), 10).filter((i) => ta.has(i)).length / 10;
  }
  return { meanCosine: rows ? sum / rows : 0, top10Overlap: queries ? overlap / queries : 0 };
}

interface RunVectors {
  profiles: EmbeddingMatrix;
  queries: EmbeddingMatrix;
}

/** What every ranking of one comparison is scored against: the profiles' labels and the job descriptions. */
function labelledData(): Omit<ComparisonInput, 'scores' | 'clustering'> {
  const { profiles, jobs } = get();
  return {
    labels: profiles.map((p) => p.label.role),
    families: profiles.map((p) => p.label.family),
    queries: jobs.map((j) => ({ id: j.id, role: j.role, family: j.family, relevant: j.relevant })),
  };
}

/** BM25 scores per job description, as the app's keyword ranking computes them. */
function keywordScores(): Float32Array[] {
  const { profiles, jobs } = get();
  const ranker = new KeywordRanker(profiles.map(profileToText));
  return jobs.map((j) => ranker.score(j.text));
}

async function runOne(seq: number, index: number, target: CompareTarget, fp32: Map<string, RunVectors>, keyword: readonly Float32Array[]): Promise<void> {
  const { profiles, jobs, devicePreference, gpu } = get();
  // the lab's own workers: the main view's model, searches and map are never touched
  const { compareClient: client, openCache, compareAnalysis } = getServices();
  const current = () => seq === compareSeq;
  const model = resolveModel(target.modelId);
  const { device } = chooseDevice(devicePreference, gpu, target.dtype, model);
  const spec = specFor(model, target.dtype, device);
  updateRun(seq, index, { status: 'loading', device, progress: null });
  const usageBefore = get().apiUsage[model.id];

  const load = await coldLoad(
    client,
    spec,
    (info) => {
      if (info.status === 'progress_total') updateRun(seq, index, { progress: { done: info.loaded, total: info.total } });
    },
    current,
  );
  if (!current()) return;

  updateRun(seq, index, { status: 'embedding', progress: { done: 0, total: profiles.length } });
  const texts = profiles.map((p) => withPrefix(model, 'document', profileToText(p)));
  const cache = await openCache();
  if (!current()) return;
  const embedStarted = performance.now();
  const key = cacheKeyFor(model, target.dtype, device, load.result.weights);
  // the dataset's file came with this model's vectors: the lab uses them as the main view does
  const file = get().datasetVectors;
  const fileMatrix = file && file.modelId === model.id && file.matrix.length === profiles.length * file.dims ? { vectors: file.matrix, dim: file.dims } : null;
  const out = fileMatrix
    ? { matrix: fileMatrix, embedded: 0, fromCache: 0 }
    : await embedWithCache(cache, key, texts, async (missing) => {
    // reading the cache took a while: a cancelled run must not start the worker again
    if (!current()) throw new Error('Cancelled.');
    const r = await client.embed(spec, missing, model.pooling, (p) =>
      updateRun(seq, index, { progress: { done: texts.length - missing.length + p.done, total: texts.length } }),
    );
    return { vectors: r.vectors, dim: r.dim };
  });
  const embedMs = performance.now() - embedStarted;
  if (!current()) return;
  const q = await client.embed(
    spec,
    jobs.map((j) => withPrefix(model, 'query', j.text)),
    model.pooling,
  );
  const queries: EmbeddingMatrix = { vectors: q.vectors, dim: q.dim };
  // timed on variants no cache or de-duplication has seen, one at a time as a search does
  const latencies: number[] = [];
  for (const text of timingVariants(
    jobs.map((j) => j.text),
    LATENCY_SAMPLES,
  )) {
    if (!current()) return;
    const t = performance.now();
    await client.embed(spec, [withPrefix(model, 'query', text)], model.pooling);
    latencies.push(performance.now() - t);
  }
  if (!current()) return;

  updateRun(seq, index, { status: 'evaluating', progress: null });
  const dataKey = `compare#${seq}#${index}`;
  await compareAnalysis.setData({
    vectors: out.matrix.vectors.slice(),
    dim: out.matrix.dim,
    texts: profiles.map(profileToText),
    roles: profiles.map((p) => p.label.role),
    dataKey,
  });
  if (!current()) return;
  const clustered = await compareAnalysis.cluster(dataKey, Math.min(COMPARE_K, profiles.length), CLUSTER_SEED);
  if (!current()) return;
  const centroids = { vectors: clustered.centroids, dim: clustered.dim };
  const scores = jobs.map((_, i) => scoreAll(out.matrix, row(queries, i)));
  const clustering = {
    labels: clustered.labels,
    queryClusters: jobs.map((_, i) => nearestCentroids(centroids, row(queries, i), clustered.k)),
  };
  const metrics = evaluateComparison({ ...labelledData(), scores, clustering });
  const hybridScores = scores.map((s, i) => rankingScores('hybrid', s, keyword[i], DEFAULT_FUSION));
  const hybrid = evaluateComparison({ ...labelledData(), scores: hybridScores, clustering });
  const rerank = get().rerankEnabled ? await rerankInLab(seq, index, hybridScores) : { scores: null, note: null };
  if (!current()) return;
  const reranked = rerank.scores ? evaluateComparison({ ...labelledData(), scores: rerank.scores }) : null;

  const vectors: RunVectors = { profiles: out.matrix, queries };
  if (target.dtype === 'fp32') fp32.set(model.id, vectors);
  const reference = fp32.get(model.id);
  // two precisions given the same file vectors agree trivially: no figure
  const agreement = reference && target.dtype !== 'fp32' && !fileMatrix ? dtypeAgreement(reference.profiles, out.matrix, reference.queries, queries) : null;
  const dims = out.matrix.dim;
  updateRun(seq, index, {
    status: 'done',
    metrics,
    hybrid,
    reranked,
    rerankNote: rerank.note,
    agreement,
    speed: {
      loadMs: load.loadMs,
      bytesRead: load.bytesRead,
      bytesFromBrowserCache: load.bytesFromBrowserCache,
      catalogueMB: model.dtypes[target.dtype]?.sizeMB || null,
      textsPerSecond: out.embedded > 0 ? (out.embedded / embedMs) * 1000 : null,
      fromCache: out.fromCache,
      fromFile: fileMatrix ? profiles.length : 0,
      queryMs: medianOrNull(latencies),
      querySamples: latencies.length,
      dims,
      bytesPerVector: dims * 4,
    },
    apiCost: usageSince(model.id, usageBefore, get().apiUsage[model.id]),
  });
}

/**
 * Re-ranks each job description's hybrid top N with the search view's re-ranker, in the lab's
 * own re-ranker worker, sharing the score cache. A re-ranker that cannot load gives a note, not a
 * failed run: the other rows stand.
 */
async function rerankInLab(seq: number, index: number, hybridScores: readonly Float32Array[]): Promise<{ scores: Float32Array[] | null; note: string | null }> {
  const { profiles, jobs, rerankerId, rerankDtype, rerankTopN, remoteHost } = get();
  const reranker = resolveReranker(rerankerId);
  const dtype: DType = reranker.dtypes[rerankDtype] ? rerankDtype : reranker.defaultDtype;
  const { origin, base } = getServices();
  const client = labReranker();
  const spec = loadSpecFor({ id: reranker.id, source: 'hub' }, { dtype, device: 'wasm', remoteHost, threads: threadCount() }, origin, base);
  const n = Math.min(rerankTopN, profiles.length);
  updateRun(seq, index, { status: 'reranking', progress: { done: 0, total: jobs.length } });
  try {
    const store = await rerankScoreStore();
    let loaded = false;
    const out: Float32Array[] = [];
    for (const [j, job] of jobs.entries()) {
      if (seq !== compareSeq) throw new Error('Cancelled.');
      const top = topK(hybridScores[j], n);
      const documents = top.map((i) => profileToText(profiles[i]));
      const scored = await scoresWithCache(store, scoreCacheKey(reranker.id, dtype, job.text), documents, async (missing) => {
        if (!loaded) await client.load(spec);
        loaded = true;
        return (await client.score(spec, job.text, missing, reranker.maxTokens)).scores;
      });
      out.push(rerankedScoreList(hybridScores[j], top, scored.scores));
      updateRun(seq, index, { progress: { done: j + 1, total: jobs.length } });
    }
    return { scores: out, note: `top ${n} re-ranked by ${reranker.label} (${dtype})` };
  } catch (err) {
    const raw = errorMessage(err);
    if (seq !== compareSeq) return { scores: null, note: null };
    return { scores: null, note: `Not re-ranked: ${explainModelError(raw, reranker.id)}` };
  }
}

let fallbackReranker: RerankClient | null = null;
function labReranker(): RerankClient {
  return getServices().compareReranker ?? (fallbackReranker ??= new RerankClient());
}

/** fp32 runs first, so every other precision of the same model can be compared with them. */
function orderTargets(targets: readonly CompareTarget[]): CompareTarget[] {
  const rank = (d: DType) => (d === 'fp32' ? 0 : 1);
  return [...targets].sort((a, b) => rank(a.dtype) - rank(b.dtype));
}

export async function runComparison(): Promise<void> {
  const { compareTargets, profiles, jobs } = get();
  if (compareTargets.length === 0 || profiles.length === 0 || jobs.length === 0) return;
  // no profile carries a role the job descriptions ask for (an unlabelled import): nothing to score against
  if (evaluableProfiles(profiles, jobs) === 0) return;
  const seq = ++compareSeq;
  const targets = orderTargets(compareTargets);
  set({
    compareStatus: 'running',
    compareRuns: targets.map((target) => ({ target, status: 'queued', progress: null, device: null, error: null, metrics: null, hybrid: null, reranked: null, rerankNote: null, speed: null, agreement: null })),
    compareKeyword: null,
  });
  // BM25 needs no model: scored once, shown as one row, and fused into each model's hybrid
  const keyword = keywordScores();
  set({ compareKeyword: evaluateComparison({ ...labelledData(), scores: keyword }) });
  const fp32 = new Map<string, RunVectors>();
  for (let i = 0; i < targets.length; i++) {
    if (seq !== compareSeq) return;
    try {
      await runOne(seq, i, targets[i], fp32, keyword);
    } catch (err) {
      updateRun(seq, i, { status: 'error', progress: null, error: explainModelError(err instanceof Error ? err.message : String(err), targets[i].modelId) });
    }
  }
  if (seq === compareSeq) set({ compareStatus: 'done' });
}

/** Stops the comparison at once; finished runs stay. */
export function cancelComparison(): void {
  if (get().compareStatus !== 'running') return;
  compareSeq++;
  // only the lab's own workers: a search or model load of the main view carries on
  const { compareClient, compareAnalysis } = getServices();
  compareClient.terminate('Cancelled by you.');
  compareAnalysis.terminate('Cancelled by you.');
  labReranker().terminate('Cancelled by you.');
  set((s) => ({
    compareStatus: 'cancelled',
    compareRuns: s.compareRuns.map((r) => (r.status === 'done' || r.status === 'error' ? r : { ...r, status: 'cancelled', progress: null })),
  }));
}
