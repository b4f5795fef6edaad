/**
 * Keeps the keyword worker's index in step with the profiles: built off the main thread
 * once per profile list (a new list, e.g. an import, gets a new key and a new index), and
 * scored per search.
 */
import { errorMessage } from '../core/assert';
import type { TermContribution } from '../core/bm25';
import { profileToText } from '../data/profileText';
import type { Profile } from '../data/schema';
import { useAppStore } from './appStore';
import { getServices } from './services';
import { markStartup, STARTUP_MARKS } from './startupMarks';

const set = useAppStore.setState;
const get = useAppStore.getState;

const keys = new WeakMap<readonly Profile[], string>();
let nextKey = 0;

/** A key per profile list (by identity: the store replaces the list, never mutates it). */
export function keywordKeyOf(profiles: readonly Profile[]): string {
  let key = keys.get(profiles);
  if (!key) keys.set(profiles, (key = `profiles-${++nextKey}-${profiles.length}`));
  return key;
}

let building: { key: string; done: Promise<string | null> } | null = null;

/**
 * Above this many profiles the keyword index is not built: the keyword worker would hold a
 * second copy of every text plus the BM25 postings (BENCHMARKS.md, "A million profiles in
 * the page"), so a large embeddings file is ranked by meaning only. 200,000 is the generic
 * import's row limit: every file that needs embedding in the page still gets keywords.
 */
export const KEYWORD_MAX_PROFILES = 200_000;

/** Why there is no keyword index for this many profiles, or null when there may be one. */
export function keywordsOffReason(profiles: number): string | null {
  if (profiles <= KEYWORD_MAX_PROFILES) return null;
  return `keyword ranking is off above ${KEYWORD_MAX_PROFILES.toLocaleString('en-US')} profiles (these are ${profiles.toLocaleString('en-US')}): its index would hold a second copy of every text`;
}

/** Builds the index of the current profiles unless the worker holds it; resolves with its key, or null if it failed or is off. */
export function ensureKeywordIndex(): Promise<string | null> {
  const { profiles } = get();
  const key = keywordKeyOf(profiles);
  const off = keywordsOffReason(profiles.length);
  if (off) {
    if (get().keywordIndex.dataKey !== key) set({ keywordIndex: { status: 'off', dataKey: key, ms: null, error: off } });
    return Promise.resolve(null);
  }
  const { keywords } = getServices();
  if (keywords.dataKey === key && get().keywordIndex.status === 'ready') return Promise.resolve(key);
  if (building?.key === key && keywords.dataKey === key) return building.done;
  set({ keywordIndex: { status: 'building', dataKey: key, ms: null, error: null } });
  const done = keywords.index(key, profiles.map(profileToText)).then(
    (r) => {
      if (keywordKeyOf(get().profiles) === key) set({ keywordIndex: { status: 'ready', dataKey: key, ms: r.ms, error: null } });
      markStartup(STARTUP_MARKS.keywords);
      return key;
    },
    (err: unknown) => {
      if (keywordKeyOf(get().profiles) === key) set({ keywordIndex: { status: 'error', dataKey: key, ms: null, error: errorMessage(err) } });
      return null;
    },
  );
  building = { key, done };
  return done;
}

/** BM25 scores of the current profiles for a job description, or an error message. */
export async function keywordScoresFor(query: string): Promise<{ scores: Float32Array; queryText: string } | { error: string }> {
  const key = await ensureKeywordIndex();
  if (!key) return { error: get().keywordIndex.error ?? 'the keyword index could not be built' };
  try {
    const { scores, queryText } = await getServices().keywords.score(key, query);
    return { scores, queryText };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

/** The terms behind one profile's BM25 score (from the worker's index), largest first. */
export async function keywordTermsFor(query: string, docIndex: number): Promise<TermContribution[]> {
  const key = await ensureKeywordIndex();
  if (!key) throw new Error(get().keywordIndex.error ?? 'the keyword index could not be built');
  return (await getServices().keywords.explain(key, query, docIndex)).terms;
}
