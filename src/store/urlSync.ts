/**
 * Keeps the URL's view parameters (src/core/viewUrl.ts) and the store in step: read once at
 * start-up, before the first model load, then rewritten with history.replaceState whenever a
 * setting changes, so the address bar can be bookmarked or shared at any time. It never adds
 * a host to load from: `?hub=` stays with its own handling.
 */
import { create } from 'zustand';
import { parseViewParams, withoutJobDescription, writeViewParams, type ViewLimits, type ViewState } from '../core/viewUrl';
import { DTYPES, findModel, type DType } from '../embedding/catalogue';
import { runSearch } from './actions';
import { useAppStore, type AppState } from './appStore';
import { MAX_K, MIN_K } from './clusterSlice';
import { resolveModel } from './modelActions';
import { RESULT_COUNT_OPTIONS } from './searchSlice';

/** What the link asked for that could not be applied; shown until dismissed. */
export const useViewLink = create<{ problems: string[] }>(() => ({ problems: [] }));

export function dismissViewLinkProblems(): void {
  useViewLink.setState({ problems: [] });
}

/** Catalogue models, and Hub ids this user added themselves; any other id is unknown to a link. */
export function viewLimits(customModelIds: readonly string[]): ViewLimits {
  return {
    dtypesOf: (id) => {
      const known = findModel(id);
      if (known) return Object.keys(known.dtypes);
      return customModelIds.includes(id) ? DTYPES : null;
    },
    topOptions: RESULT_COUNT_OPTIONS,
    minK: MIN_K,
    maxK: MAX_K,
  };
}

export function currentView(s: AppState): ViewState {
  return { model: s.modelId, dtype: s.dtype, ranking: s.rankingKind, weight: s.fusionWeight, top: s.resultCount, k: s.k, filter: s.filterMode };
}

function location(): Location | null {
  return typeof globalThis.location === 'undefined' ? null : globalThis.location;
}

/**
 * Applies the link's view to the store (call before the first model load). Values that fail
 * validation are listed in `useViewLink`; a job description in the link goes into the editor,
 * is searched once the profiles are embedded, and is taken out of the address bar.
 */
let applied = false;

export function applyViewFromUrl(): void {
  const loc = location();
  // once per page: a second call (React's StrictMode mounts twice in dev) would read the URL
  // the sync has already rewritten, and forget what the link asked for
  if (!loc || applied) return;
  applied = true;
  const s = useAppStore.getState();
  const { view, jobDescription, problems } = parseViewParams(loc.search, viewLimits(s.customModelIds), { model: s.modelId });
  const next: Partial<AppState> = {};
  if (view.model !== undefined && view.model !== s.modelId) {
    next.modelId = view.model;
    next.dtype = resolveModel(view.model).defaultDtype;
  }
  if (view.dtype !== undefined) next.dtype = view.dtype as DType;
  if (view.ranking !== undefined) next.rankingKind = view.ranking;
  if (view.weight !== undefined) next.fusionWeight = view.weight;
  if (view.top !== undefined) next.resultCount = view.top;
  if (view.k !== undefined) next.k = view.k;
  if (view.filter !== undefined) next.filterMode = view.filter;
  if (jobDescription !== null) next.query = jobDescription;
  useAppStore.setState(next);
  useViewLink.setState({ problems });
  if (jobDescription !== null) {
    globalThis.history?.replaceState(globalThis.history.state, '', `${loc.pathname}${withoutJobDescription(loc.search)}${loc.hash}`);
    void runSearch();
  }
}

/** The address of this view; with the job description only when `withJobDescription`. */
export function linkToView(withJobDescription: boolean): string {
  const loc = location();
  const s = useAppStore.getState();
  const search = writeViewParams(loc?.search ?? '', currentView(s), withJobDescription ? s.query : null);
  return loc ? `${loc.origin}${loc.pathname}${search}${loc.hash}` : search;
}

/** Rewrites the address bar on every change of the view; returns the unsubscribe function. */
export function startUrlSync(): () => void {
  const write = (s: AppState) => {
    const loc = location();
    if (!loc || !globalThis.history) return;
    const search = writeViewParams(loc.search, currentView(s));
    if (search !== loc.search) globalThis.history.replaceState(globalThis.history.state, '', `${loc.pathname}${search}${loc.hash}`);
  };
  write(useAppStore.getState());
  return useAppStore.subscribe((s, prev) => {
    if (s.modelId !== prev.modelId || s.dtype !== prev.dtype || s.rankingKind !== prev.rankingKind || s.fusionWeight !== prev.fusionWeight || s.resultCount !== prev.resultCount || s.k !== prev.k || s.filterMode !== prev.filterMode) write(s);
  });
}

/** Forgets that the link was read (tests render the app more than once per page). */
export function resetViewLink(): void {
  applied = false;
  useViewLink.setState({ problems: [] });
}
