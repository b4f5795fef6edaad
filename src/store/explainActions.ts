/**
 * "Why this match" for one profile: the sentences closest to the job description (embedded
 * by the model on screen, through the same embedding cache as the profiles) and the
 * keywords that made up its BM25 score.
 */
import { errorMessage } from '../core/assert';
import { closestSentences, splitSentences } from '../core/sentences';
import { hashText } from '../core/textHash';
import { profileFields } from '../data/profileText';
import type { Profile } from '../data/schema';
import { withPrefix } from '../embedding/catalogue';
import { embedWithCache } from '../embedding/embeddingCache';
import type { AppState } from './appStore';
import { useAppStore } from './appStore';
import { cacheKeyFor, resolveModel, specFor } from './modelActions';
import { keywordKeyOf, keywordTermsFor } from './keywordActions';
import { profileRow } from './profileIndex';
import type { KeywordExplanation } from './whySlice';
import { getServices } from './services';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** Two or three sentences explain a match; more would be the profile again. */
export const CLOSEST_SENTENCE_COUNT = 3;
/** The keywords listed and highlighted: the few that carry most of the score. */
export const TOP_KEYWORD_COUNT = 8;

/**
 * Which explanation the expanded profile needs: its id, the query and the model, precision
 * and device of the vectors on screen. Null when there is no result from the model on screen
 * (a model switch in progress), so nothing is computed against mismatched vectors.
 */
export function sentenceExplanationKey(s: Pick<AppState, 'result' | 'profileEmbeddings'>, profileId: string): string | null {
  const { result, profileEmbeddings: e } = s;
  if (!result || !e || e.modelId !== result.modelId) return null;
  return [e.modelId, e.dtype, e.device, profileId, hashText(result.query)].join('|');
}

/** Embeds the profile's sentences (cache first) and keeps the closest to the query; only the newest request writes. */
export async function explainSentences(profileId: string): Promise<void> {
  const state = get();
  const key = sentenceExplanationKey(state, profileId);
  const profile = state.profiles[profileRow(state.profiles, profileId)];
  const { result, profileEmbeddings } = state;
  if (!key || !profile || !result || !profileEmbeddings) return;
  const current = state.sentenceExplanation;
  if (current?.key === key && current.status !== 'error') return;
  set({ sentenceExplanation: { key, status: 'loading' } });
  const stillWanted = () => get().sentenceExplanation?.key === key;
  try {
    const model = resolveModel(profileEmbeddings.modelId);
    const sentences = splitSentences(profileFields(profile));
    const spec = specFor(model, profileEmbeddings.dtype, profileEmbeddings.device);
    const texts = sentences.map((t) => withPrefix(model, 'document', t));
    const cache = await getServices().openCache();
    // the worker already holds this model: load() answers at once with its weights' identity, part of the cache key
    const loaded = await getServices().client.load(spec);
    const cacheKey = cacheKeyFor(model, profileEmbeddings.dtype, profileEmbeddings.device, loaded.weights);
    const { matrix } = await embedWithCache(cache, cacheKey, texts, async (missing) => {
      const r = await getServices().client.embed(spec, missing, model.pooling);
      return { vectors: r.vectors, dim: r.dim };
    });
    if (!stillWanted()) return;
    const closest = closestSentences(sentences, matrix, result.queryVector, CLOSEST_SENTENCE_COUNT);
    set({ sentenceExplanation: { key, status: 'done', sentences: closest, modelLabel: model.label } });
  } catch (err) {
    if (stillWanted()) set({ sentenceExplanation: { key, status: 'error', error: `Could not compare this profile's sentences: ${errorMessage(err)}` } });
  }
}

export type { KeywordExplanation };

/** Which profile and query a keyword explanation answers (the profile list too: a new list is a new index). */
export function keywordExplanationKey(profiles: readonly Profile[], query: string, profileId: string): string {
  return `${keywordKeyOf(profiles)}|${profileId}|${hashText(query)}`;
}

/**
 * Asks the keyword worker which terms make up a profile's BM25 score for a query; only the
 * newest request writes. The index is the one the ranking uses, built off the main thread.
 */
export async function explainKeywords(query: string, profileId: string): Promise<void> {
  const { profiles } = get();
  const row = profileRow(profiles, profileId);
  if (row < 0) return;
  const key = keywordExplanationKey(profiles, query, profileId);
  const current = get().keywordExplanation;
  if (current?.key === key && current.status !== 'error') return;
  set({ keywordExplanation: { key, status: 'loading' } });
  try {
    const all = await keywordTermsFor(query, row);
    if (get().keywordExplanation?.key !== key) return;
    const explanation = { total: all.reduce((s, t) => s + t.contribution, 0), top: all.slice(0, TOP_KEYWORD_COUNT), matched: all.length };
    set({ keywordExplanation: { key, status: 'done', explanation } });
  } catch (err) {
    if (get().keywordExplanation?.key === key) set({ keywordExplanation: { key, status: 'error', error: `Could not list the keywords: ${errorMessage(err)}` } });
  }
}
