/**
 * LLM pairwise re-ranking of the shown result's top N (src/api/pairwise.ts): each compared
 * pair goes to the chat model in both orders, verdicts are cached per (model, job
 * description, ordered pair of profile texts) in memory and in IndexedDB (src/api/verdictCache.ts),
 * and nothing is sent before the endpoint's consent.
 */
import { chatCostUsd, estimateTotalTokens } from '../api/cost';
import { chatCompletion, realSleep } from '../api/openaiClient';
import { maxComparisons, pairMessages, pairwiseRerank, parseVerdict, verdictKey, type PairVerdicts } from '../api/pairwise';
import { findPreset, isLocalUrl, type ProviderId } from '../api/presets';
import { errorMessage } from '../core/assert';
import { hashText } from '../core/textHash';
import { answerConsent, connectProblem, requestConsent } from './apiActions';
import { useAppStore } from './appStore';
import { profileTexts } from './profileIndex';
import { openVerdictStore, type VerdictStore } from '../api/verdictCache';

const set = useAppStore.setState;
const get = useAppStore.getState;

export const LLM_TOP_N_OPTIONS = [10, 20, 30] as const;

/** About how many tokens a verdict reply takes ({"winner": "A", "reason": one line}). */
const VERDICT_TOKENS = 40;

/** Verdicts by verdictKey: this page's, and those read from IndexedDB for the pairs of a run. */
const verdicts = new Map<string, PairVerdicts>();
let verdictStore: VerdictStore | null = null;
/** Tests give their own store (a fresh database stands for a later visit). */
export function setVerdictStore(store: VerdictStore | null): void {
  verdictStore = store;
  verdicts.clear();
}
const storeInUse = (): VerdictStore => (verdictStore ??= openVerdictStore());

/** How many LLM verdicts are kept in IndexedDB (the Storage panel lists them). */
export function countStoredVerdicts(): Promise<number> {
  return storeInUse().count();
}

/** Forgets every verdict, stored and in memory: the next re-ranking asks (and pays for) every pair again. */
export async function clearStoredVerdicts(): Promise<void> {
  verdicts.clear();
  await storeInUse().clear();
}
let running: AbortController | null = null;

export function setLlmChoice(patch: Partial<{ llmProvider: ProviderId | null; llmModel: string; llmTopN: number }>): void {
  set(patch);
}

export async function runLlmRerank(): Promise<void> {
  const { result, profiles, llmProvider, llmModel, llmTopN, apiEndpoints } = get();
  const endpoint = llmProvider ? apiEndpoints[llmProvider] : undefined;
  const model = llmModel.trim();
  const fail = (error: string): void => {
    set({ llmRerank: { status: 'error', query: result?.query ?? '', before: [], after: null, pairs: [], done: 0, bound: 0, calls: 0, billedTokens: null, error } });
  };
  if (!result) return fail('Search first: the re-ranking orders the top of a result.');
  if (!llmProvider || !endpoint) return fail('Choose an endpoint set up under "API models".');
  if (!model) return fail('Give the chat model name the endpoint takes, e.g. gpt-4o-mini or llama3.2.');
  const preset = findPreset(llmProvider);
  if (preset?.needsKey && !endpoint.apiKey) return fail(`${preset.label} needs an API key: enter it under "API models". Nothing was sent.`);

  running?.abort(new Error('Replaced by a newer re-ranking.'));
  const controller = new AbortController();
  running = controller;
  const before = result.hits.slice(0, Math.min(llmTopN, 30)).map((h) => h.index);
  const texts = profileTexts(profiles);
  const bound = maxComparisons(before.length);
  const base = { query: result.query, before, after: null, pairs: [], done: 0, bound, calls: 0, billedTokens: 0, error: null };
  set({ llmRerank: { status: 'running', ...base } });
  // verdicts asked in this run and not yet stored: saved when it ends, also when cancelled or failed (they were paid for)
  let unsaved: () => Array<readonly [string, PairVerdicts]> = () => [];
  try {
    if (!get().apiConsented.includes(endpoint.baseUrl)) {
      const perCall = estimateTotalTokens([result.query, texts[before[0]] ?? '', texts[before[1]] ?? '']) + 60;
      const allowed = await requestConsent({
        baseUrl: endpoint.baseUrl,
        providerLabel: preset?.label ?? llmProvider,
        local: isLocalUrl(endpoint.baseUrl),
        modelId: `${llmProvider}:${model}`,
        texts: before.length + 1,
        tokens: perCall * bound * 2,
        // the dated chat price list; a reply is a short JSON verdict (about 40 tokens)
        usd: chatCostUsd(perCall * bound * 2, VERDICT_TOKENS * bound * 2, llmProvider, model, endpoint.baseUrl),
      });
      if (!allowed) throw new Error(`Nothing was sent: you did not allow sending to ${endpoint.baseUrl}.`);
    }
    if (controller.signal.aborted) throw controller.signal.reason;
    // after the consent: a "Send" is what allows a new origin (from the next page load)
    const blocked = connectProblem(endpoint.baseUrl);
    if (blocked) throw new Error(blocked);
    const jobHash = hashText(result.query);
    // the ordered pair is named by its profile texts (not rows), so verdicts stay right across datasets
    const keyOf = (x: string, y: string) => verdictKey(`${llmProvider}:${model}@${endpoint.baseUrl}`, jobHash, hashText(texts[Number(x)]), hashText(texts[Number(y)]));
    const store = storeInUse();
    const ids = before.map(String);
    const wanted = ids.flatMap((x) => ids.filter((y) => y !== x).map((y) => keyOf(x, y))).filter((k) => !verdicts.has(k));
    const stored = await store.getMany(wanted);
    for (const [k, v] of stored) verdicts.set(k, v);
    unsaved = () => wanted.flatMap((k) => (stored.has(k) ? [] : [[k, verdicts.get(k)] as const])).filter((e): e is readonly [string, PairVerdicts] => e[1] !== undefined);
    const deps = { fetch: (u: string, i: RequestInit) => globalThis.fetch(u, i), sleep: realSleep };
    const out = await pairwiseRerank(
      before.map(String),
      async (a, b) => {
        const r = await chatCompletion(deps, { baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model }, pairMessages(result.query, texts[Number(a)], texts[Number(b)]), controller.signal);
        return { verdict: parseVerdict(r.content), billedTokens: r.billedTokens };
      },
      verdicts,
      keyOf,
      (done) => {
        if (running === controller) set((s) => (s.llmRerank ? { llmRerank: { ...s.llmRerank, done } } : {}));
      },
    );
    // awaited: a later visit finds every verdict paid for now
    await store.putMany(unsaved());
    unsaved = () => [];
    if (running !== controller) return;
    set({ llmRerank: { status: 'done', ...base, after: out.order.map(Number), pairs: out.pairs, done: out.pairs.length, calls: out.calls, billedTokens: out.billedTokens } });
  } catch (err) {
    await storeInUse().putMany(unsaved());
    if (running !== controller) return;
    set((s) => ({ llmRerank: { ...(s.llmRerank ?? { status: 'error', ...base }), status: controller.signal.aborted ? 'cancelled' : 'error', error: errorMessage(err) } }));
  } finally {
    if (running === controller) running = null;
  }
}

export function cancelLlmRerank(): void {
  if (!running) return;
  const c = running;
  c.abort(new Error('Cancelled by you.'));
  // an open consent question for this run is answered "no"
  if (get().consentRequest) answerConsent(false);
  set((s) => (s.llmRerank ? { llmRerank: { ...s.llmRerank, status: 'cancelled', error: 'Cancelled by you.' } } : {}));
  running = null;
}
