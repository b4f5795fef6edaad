/**
 * The store's async actions, at module level so they can be called from anywhere (UI,
 * tests, the console). They talk to services and write source data into the store;
 * everything derived is computed in selectors.
 */
import type { BaseRanking } from '../core/fusion';
import { isZero } from '../core/vectors';
import { BUNDLED_MODEL, withPrefix } from '../embedding/catalogue';
import { errorMessage } from '../core/assert';
import { useAppStore } from './appStore';
import { getServices } from './services';
import { analyzeProfiles, fittedRowCount, placeNewProfiles } from './clusterActions';
import { shouldRefit } from '../core/progressive';
import { applyLinkParams, checkWebGPU, embedProfiles, mirrorDecided, preloadModel, resolveModel, setModelChangedHandler, setPartialHandler, specFor } from './modelActions';
import { hashText } from '../core/textHash';
import { coverageOf, rankingFor, refreshRanking, rescoreForNewEmbeddings } from './currentRanking';
import { ensureKeywordIndex, keywordScoresFor } from './keywordActions';
import { startRerankStage } from './rerankActions';
import { loadStartupDataset } from './datasetActions';
import { cancelComparison } from './compareActions';
import type { Profile } from '../data/schema';
import { embeddingScoresFor } from './searchIndex';
import { markStartup, STARTUP_MARKS } from './startupMarks';
import { takeCarriedConsent } from './connectActions';
import { readConfirmedOrigins } from './pagePolicy';

const set = useAppStore.setState;
const get = useAppStore.getState;


/** Loads the bundled data, then the current model, then embeds every profile. */
export async function initialize(): Promise<void> {
  if (get().datasetStatus !== 'idle') return;
  // cross-encoder re-ranking follows every new ranking while it is on
  startRerankStage();
  // the origins confirmed in this browser, and the consent carried over a "Reload to allow" (only for endpoints still set up)
  const endpoints = new Set(Object.values(get().apiEndpoints).map((e) => e?.baseUrl));
  set({ connectOrigins: readConfirmedOrigins(), apiConsented: takeCarriedConsent().filter((u) => endpoints.has(u)) });
  // ?hub= (a mirror, offered until the user accepts it), ?threads=, ?stall=: checked and reported
  applyLinkParams(globalThis.location?.search ?? '');
  set({ datasetStatus: 'loading', datasetError: null });
  // start compiling the runtime and loading the model while the profiles download; the
  // worker shares this load with embedProfiles' (same model, same key)
  preloadModel();
  try {
    // the bundled data, or the imported dataset chosen last time
    const { profiles, jobs } = await loadStartupDataset();
    set({ profiles, jobs, datasetStatus: 'ready' });
    markStartup(STARTUP_MARKS.data);
    // built off the main thread while the profiles are embedded
    void ensureKeywordIndex();
  } catch (err) {
    set({ datasetStatus: 'error', datasetError: errorMessage(err) });
    return;
  }
  await checkWebGPU();
  // a run's first partial snapshot restores the ranking shown before a reload, as a finished run does
  restoringPage = true;
  // a remembered Hub model is fetched from nowhere until the user has answered about the link's mirror
  if (resolveModel(get().modelId).source === 'hub') await mirrorDecided();
  if (await embedProfiles()) {
    await afterEmbedding(true);
    return;
  }
  // the model remembered from last time could not load (offline, removed): fall back to the bundled one,
  // unless what it embedded before it stopped is on screen (a cancel mid-run keeps that)
  const failed = get().modelId;
  if (failed === BUNDLED_MODEL.id || get().profileEmbeddings) return;
  const why = get().embeddingError;
  set({ modelId: BUNDLED_MODEL.id, dtype: BUNDLED_MODEL.defaultDtype });
  if (await embedProfiles()) {
    set({ embeddingError: `${why ?? `Could not load ${failed}.`} Using the bundled model instead.` });
    await afterEmbedding(true);
  }
}

/**
 * After new profile embeddings: answer a waiting or shown search with them, then cluster them.
 * On page load, the ranking shown before the reload comes back if the job description is the
 * one it ranked (the profiles' vectors come from the cache); if it was edited since, we say so.
 */
async function afterEmbedding(pageLoad = false): Promise<void> {
  pageLoad ||= restoringPage;
  restoringPage = false;
  const { searchStatus, result, query, rankedQueryHash } = get();
  if (searchStatus === 'waiting-for-embeddings' || result) await runSearch();
  else if (pageLoad && rankedQueryHash && query.trim()) {
    if (hashText(query.trim()) === rankedQueryHash) await runSearch();
    else set({ searchNotice: 'The job description was edited after its last search, so its ranking was not restored. Press Find candidates to rank it.' });
  }
  await analyzeProfiles();
}
setModelChangedHandler(() => afterEmbedding());

/** Set from page start until the first embeddings (complete or partial) are on screen. */
let restoringPage = false;
/** The map is being fitted on a partial snapshot; a later snapshot only places its new profiles meanwhile. */
let refitting: Promise<void> | null = null;

/**
 * A progressive run put more profiles on screen. Its first snapshot is searched and clustered
 * like finished embeddings; later ones rescore the shown ranking from the stored query vector
 * (no model call), place the new profiles in the fitted clusters and map, and fit both again
 * when the embedded set has doubled (`shouldRefit`). The finished run goes through
 * `afterEmbedding`, which searches and fits once more on every profile.
 */
async function afterPartialEmbedding(first: boolean): Promise<void> {
  if (first) {
    await afterEmbedding();
    return;
  }
  const e = get().profileEmbeddings;
  if (!e?.coverage) return;
  const fitted = fittedRowCount();
  if (!refitting && shouldRefit(fitted, e.coverage.count, e.coverage.has.length)) {
    refitting = analyzeProfiles().finally(() => (refitting = null));
  } else placeNewProfiles();
  rescoreForNewEmbeddings();
}
setPartialHandler(afterPartialEmbedding);

/**
 * Puts another profile list on screen (a dataset switch): drops everything computed from
 * the old list, then embeds (cache first), answers a shown search again and re-clusters.
 * The keyword index follows, keyed by the new list's identity.
 */
export async function replaceProfiles(profiles: Profile[]): Promise<void> {
  // a comparison describes the profiles it ran on: stop it and clear its figures
  cancelComparison();
  const { result, searchStatus } = get();
  const searchAgain = result !== null || searchStatus === 'waiting-for-embeddings' || searchStatus === 'searching';
  set({
    profiles,
    profileEmbeddings: null,
    result: null,
    searchStatus: searchAgain ? 'waiting-for-embeddings' : 'idle',
    searchError: null,
    clustering: null,
    projection: null,
    clusterStatus: 'idle',
    clusterError: null,
    sweep: null,
    sweepStatus: 'idle',
    hiddenClusters: new Set<number>(),
    expandedProfileId: null,
    selectedProfileId: null,
    sentenceExplanation: null,
    keywordExplanation: null,
    compareRuns: [],
    compareKeyword: null,
    compareStatus: 'idle',
  });
  void ensureKeywordIndex();
  if (await embedProfiles()) await afterEmbedding();
}

export function setQuery(query: string): void {
  set({ query, searchNotice: null });
}

/** Embedding only, keywords only, or both fused; re-ranks the shown result at once. */
export function setRankingKind(rankingKind: BaseRanking): void {
  set({ rankingKind });
  refreshRanking();
}

/** The embedding's share in the hybrid ranking (clamped to 0..1); re-ranks the shown result at once. */
export function setFusionWeight(weight: number): void {
  if (!Number.isFinite(weight)) return;
  set({ fusionWeight: Math.min(1, Math.max(0, weight)) });
  refreshRanking();
}

export function setResultCount(resultCount: number): void {
  set({ resultCount });
  refreshRanking();
}

/** Opens or closes a result; the open one is also the profile selected on the plot. */
export function toggleExpanded(profileId: string): void {
  const open = get().expandedProfileId !== profileId;
  set({ expandedProfileId: open ? profileId : null, selectedProfileId: open ? profileId : null });
}

/** Puts an example job description in the editor and searches with it. */
export function searchWithExampleJob(jobId: string): Promise<void> {
  const job = get().jobs.find((j) => j.id === jobId);
  if (!job) return Promise.resolve();
  set({ query: job.text });
  return runSearch();
}

let searchSeq = 0;
export const SEARCH_START_MARK = 'search-start';

/** Embeds the job description and ranks profiles; only the newest search writes its result. */
export async function runSearch(): Promise<void> {
  const { query, profileEmbeddings, modelId, embeddingStatus } = get();
  const text = query.trim();
  if (!text) {
    set({ searchStatus: 'error', searchError: 'Paste or type a job description first.' });
    return;
  }
  // while another model loads or embeds, the one on screen answers (the list names it)
  const preparing = embeddingStatus === 'loading-model' || embeddingStatus === 'embedding';
  if (!profileEmbeddings || (profileEmbeddings.modelId !== modelId && !preparing)) {
    if (embeddingStatus === 'error') {
      set({ searchStatus: 'error', searchError: 'Profiles could not be embedded, so there is nothing to search yet.' });
    } else {
      set({ searchStatus: 'waiting-for-embeddings', searchError: null });
    }
    return;
  }
  const model = resolveModel(profileEmbeddings.modelId);
  const seq = ++searchSeq;
  // benchmarks measure from here to the plot showing this query (see ClusterPanel)
  performance.mark(SEARCH_START_MARK);
  const started = performance.now();
  set({ searchStatus: 'searching', searchError: null });
  try {
    const spec = specFor(model, profileEmbeddings.dtype, profileEmbeddings.device);
    // keywords are scored in their own worker while the query is embedded
    const keywords = keywordScoresFor(text);
    const out = await getServices().client.embed(spec, [withPrefix(model, 'query', text)], model.pooling);
    const keyword = await keywords;
    if (seq !== searchSeq) return;
    if (isZero(out.vectors)) {
      set({
        searchStatus: 'error',
        searchError: `${model.label} knows none of the words in this job description, so it cannot rank by it. Try a fuller description in English.`,
      });
      return;
    }
    const { rankingKind, resultCount, rerankTopN, keywordIndex } = get();
    // without keyword scores the ranking is meaning only, which an index may serve
    const { scores: embeddingScores, index: searchIndex } = embeddingScoresFor(profileEmbeddings.matrix, out.vectors, rankingKind !== 'embedding' && 'scores' in keyword, Math.max(resultCount, rerankTopN), undefined, profileEmbeddings.coverage?.has);
    const keywordScores = 'scores' in keyword && keyword.scores.length === embeddingScores.length ? keyword.scores : null;
    const ranking = rankingFor(out.vectors, embeddingScores, keywordScores);
    if (!ranking) return;
    set({
      rankedQueryHash: hashText(text),
      searchNotice: null,
      searchStatus: 'done',
      // keywords switched off for the size: the ranking control says so, this is no error
      searchError: keywordScores || get().rankingKind === 'embedding' || keywordIndex.status === 'off' ? null : `Keyword ranking is unavailable (${'error' in keyword ? keyword.error : 'the keyword index describes other profiles'}), so these results are ranked by the embedding alone.`,
      result: {
        query: text,
        modelId: model.id,
        ...ranking,
        queryVector: out.vectors,
        embeddingScores,
        keywordScores,
        keywordQuery: 'queryText' in keyword ? keyword.queryText : null,
        searchIndex,
        coverage: coverageOf(profileEmbeddings),
        tookMs: performance.now() - started,
      },
    });
  } catch (err) {
    if (seq !== searchSeq) return;
    set({ searchStatus: 'error', searchError: `Search failed: ${errorMessage(err)}` });
  }
}
