/**
 * The re-ranking stage: after the current ranking (whatever produced it), a cross-encoder
 * re-scores the top N (job description, profile) pairs in its own worker and the list shows
 * the new order with each profile's move. It runs whenever `result` changes while it is on
 * (one subscription, `startRerankStage`), and when its settings change. A failure or a
 * cancel leaves the first-stage order on screen and says why; nothing else is touched.
 */
import type { ProgressInfo } from '@huggingface/transformers';
import { errorMessage } from '../core/assert';
import { rerankOrder } from '../core/rerankOrder';
import { profileToText } from '../data/profileText';
import type { DType } from '../embedding/catalogue';
import { explainModelError } from '../embedding/errors';
import { checkHubId } from '../embedding/hubId';
import { mirrorLabel } from '../embedding/mirror';
import { loadSpecFor } from '../embedding/loadSpec';
import { RerankClient } from '../embedding/rerankClient';
import { RERANKERS, resolveReranker } from '../embedding/rerankers';
import { MemoryFirstStore, scoreCacheKey, scoresWithCache, type ScoreStore } from '../embedding/scoreCache';
import { useAppStore } from './appStore';
import { rankingFor } from './currentRanking';
import { threadCount } from './modelActions';
import { getServices, type Services } from './services';

const set = useAppStore.setState;
const get = useAppStore.getState;

let fallbackClient: RerankClient | null = null;
function client(): RerankClient {
  return getServices().reranker ?? (fallbackClient ??= new RerankClient());
}

/** One memory layer per cache-opening service, so tests with fresh services start empty; the lab shares it. */
const stores = new WeakMap<Services['openCache'], Promise<ScoreStore>>();
export function rerankScoreStore(): Promise<ScoreStore> {
  const open = getServices().openCache;
  let store = stores.get(open);
  if (!store) {
    store = open().then((cache) => new MemoryFirstStore(cache));
    stores.set(open, store);
  }
  return store;
}

function onFileProgress(info: ProgressInfo): void {
  if (info.status === 'progress') {
    set((s) => ({ rerankFiles: { ...s.rerankFiles, [info.file]: { loaded: info.loaded, total: info.total } } }));
  }
}

let seq = 0;

/** Re-ranks the current result (or clears the stage when it is off); only the newest run writes. */
export async function applyRerank(): Promise<void> {
  const my = ++seq;
  const { result, rerankEnabled, rerankerId, rerankDtype, rerankTopN, resultCount, profiles, profileEmbeddings, remoteHost } = get();
  if (!rerankEnabled || !result || profileEmbeddings?.modelId !== result.modelId) {
    set({ rerank: null, rerankStatus: 'off', rerankProgress: null, rerankError: null });
    return;
  }
  const candidates = rankingFor(result.queryVector, result.embeddingScores, result.keywordScores, Math.max(rerankTopN, resultCount))?.hits;
  if (!candidates) return;
  const reranker = resolveReranker(rerankerId);
  const dtype: DType = reranker.dtypes[rerankDtype] ? rerankDtype : reranker.defaultDtype;
  const head = candidates.slice(0, rerankTopN);
  const documents = head.map((h) => profileToText(profiles[h.index]));
  const { origin, base } = getServices();
  const spec = loadSpecFor({ id: reranker.id, source: 'hub' }, { dtype, device: 'wasm', remoteHost, threads: threadCount(), stallMs: get().stallMs }, origin, base);
  const started = performance.now();
  set({ rerankStatus: 'scoring', rerankError: null, rerankProgress: { done: 0, total: head.length, elapsedMs: 0 } });
  try {
    const store = await rerankScoreStore();
    const out = await scoresWithCache(store, scoreCacheKey(reranker.id, dtype, result.query), documents, async (missing) => {
      const cached = documents.length - missing.length;
      if (my === seq) set({ rerankStatus: 'loading', rerankFiles: {}, rerankProgress: { done: cached, total: documents.length, elapsedMs: 0 } });
      await client().load(spec, (info) => my === seq && onFileProgress(info));
      if (my === seq) set({ rerankStatus: 'scoring' });
      const scored = await client().score(spec, result.query, missing, reranker.maxTokens, (p) => {
        if (my === seq) set({ rerankProgress: { done: cached + p.done, total: documents.length, elapsedMs: p.elapsedMs } });
      });
      return scored.scores;
    });
    if (my !== seq) return;
    set((s) => {
      // it loaded after all (the network came back, say): stop warning about it
      const stillUnavailable = Object.fromEntries(Object.entries(s.rerankUnavailable).filter(([id]) => id !== reranker.id));
      return {
        rerankStatus: 'ready',
        rerankProgress: null,
        rerankUnavailable: stillUnavailable,
        rerank: {
          result,
          rerankerId: reranker.id,
          dtype,
          topN: head.length,
          hits: rerankOrder(candidates, out.scores, resultCount),
          fromCache: out.fromCache,
          scored: out.scored,
          elapsedMs: performance.now() - started,
        },
      };
    });
  } catch (err) {
    if (my !== seq) return;
    const raw = errorMessage(err);
    const cancelled = /cancel/i.test(raw);
    const explained = explainModelError(raw, reranker.id, mirrorLabel(remoteHost));
    const why = cancelled ? 'Re-ranking cancelled.' : `Re-ranking is unavailable: ${explained}`;
    set((s) => ({
      rerankStatus: 'error',
      rerankError: `${why} The list shows the order before re-ranking.`,
      rerankProgress: null,
      rerank: null,
      rerankUnavailable: cancelled ? s.rerankUnavailable : { ...s.rerankUnavailable, [reranker.id]: explained },
    }));
  }
}

/** Stops a download or scoring at once (the worker is replaced); the first-stage order stays. */
export function cancelRerank(): void {
  const { rerankStatus } = get();
  if (rerankStatus !== 'loading' && rerankStatus !== 'scoring') return;
  seq++;
  client().terminate('Cancelled by you.');
  set({ rerankStatus: 'error', rerankError: 'Re-ranking cancelled. The list shows the order before re-ranking.', rerankProgress: null, rerank: null });
}

/** A new choice of model interrupts a load or scoring still running for the old one. */
function restart(): Promise<void> {
  const { rerankStatus } = get();
  if (rerankStatus === 'loading' || rerankStatus === 'scoring') client().terminate('Replaced by a newer re-ranking.');
  return applyRerank();
}

export function setRerankEnabled(rerankEnabled: boolean): Promise<void> {
  set({ rerankEnabled });
  return restart();
}

export function setRerankTopN(rerankTopN: number): Promise<void> {
  set({ rerankTopN });
  return applyRerank();
}

export function selectReranker(rerankerId: string): Promise<void> {
  set({ rerankerId, rerankDtype: resolveReranker(rerankerId).defaultDtype });
  return restart();
}

export function setRerankDtype(rerankDtype: DType): Promise<void> {
  set({ rerankDtype });
  return restart();
}

/** Adds a Hub re-ranker id typed by the user and switches to it; false (and the reason shown) if the id is not valid. */
export async function addCustomReranker(rawId: string): Promise<boolean> {
  const checked = checkHubId(rawId);
  if (!checked.ok) {
    set({ rerankError: checked.reason });
    return false;
  }
  const { id } = checked;
  set((s) => ({ customRerankerIds: s.customRerankerIds.includes(id) ? s.customRerankerIds : [...s.customRerankerIds, id] }));
  await selectReranker(id);
  return true;
}

/** Forgets a typed-in re-ranker id; if it was chosen, the first catalogue re-ranker takes its place. */
export function removeCustomReranker(id: string): Promise<void> {
  set((s) => ({ customRerankerIds: s.customRerankerIds.filter((x) => x !== id) }));
  return get().rerankerId === id ? selectReranker(RERANKERS[0].id) : Promise.resolve();
}

let unsubscribe: (() => void) | null = null;

/** Runs the stage after every new ranking; idempotent. Returns the function that stops it. */
export function startRerankStage(): () => void {
  unsubscribe ??= useAppStore.subscribe((s, prev) => {
    if (s.result !== prev.result && s.rerankEnabled) void applyRerank();
  });
  return () => {
    unsubscribe?.();
    unsubscribe = null;
  };
}
