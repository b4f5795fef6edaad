/**
 * Endpoints, consent and usage of API embedding models. The endpoint settings come from the
 * settings form only: nothing here reads the URL, so a link can never point the app at an
 * endpoint. Sending itself happens in src/api/apiEmbedder.ts, which asks `requestConsent`.
 */
import { ApiEmbedder, type ConsentRequest, type UsageReport } from '../api/apiEmbedder';
import { apiModelId, parseApiModelId, type ApiModelRef } from '../api/models';
import { checkBaseUrl, findPreset, type ProviderId } from '../api/presets';
import { reachOf, reachProblem } from './pagePolicy';
import { confirmOrigin, releaseOrigin } from './connectActions';
import type { EmbeddingCache } from '../embedding/embeddingCache';
import { useAppStore } from './appStore';

const set = useAppStore.setState;
const get = useAppStore.getState;

let answer: ((allowed: boolean) => void) | null = null;

/** Opens the consent dialog; resolves with the user's answer. A newer question declines an open one. */
export function requestConsent(request: ConsentRequest): Promise<boolean> {
  answer?.(false);
  return new Promise((resolve) => {
    answer = (allowed) => {
      answer = null;
      // "Send" also allows the endpoint's origin in this browser's policy (from the next page load)
      if (allowed) confirmOrigin(request.baseUrl);
      set((s) => ({ consentRequest: null, apiConsented: allowed && !s.apiConsented.includes(request.baseUrl) ? [...s.apiConsented, request.baseUrl] : s.apiConsented }));
      resolve(allowed);
    };
    set({ consentRequest: request });
  });
}

export function answerConsent(allowed: boolean): void {
  answer?.(allowed);
}

export function recordUsage(report: UsageReport): void {
  const { modelId, ...rest } = report;
  set((s) => {
    const before = s.apiUsage[modelId];
    const sum: ApiUsageSum = before
      ? {
          baseUrl: rest.baseUrl,
          texts: before.texts + rest.texts,
          requests: before.requests + rest.requests,
          estimatedTokens: before.estimatedTokens + rest.estimatedTokens,
          billedTokens: before.billedTokens === null || rest.billedTokens === null ? null : before.billedTokens + rest.billedTokens,
        }
      : rest;
    return { apiUsage: { ...s.apiUsage, [modelId]: sum }, apiNotice: null };
  });
}
type ApiUsageSum = Omit<UsageReport, 'modelId'>;

export interface AddApiModelInput {
  provider: ProviderId;
  baseUrl: string;
  apiKey: string;
  remember: boolean;
  model: string;
  dimensions: number | null;
}

/** Saves the endpoint and offers the model in the picker; returns the model id, or why not. */
export function addApiModel(input: AddApiModelInput): { id: string } | { error: string } {
  const preset = findPreset(input.provider);
  if (!preset) return { error: `Unknown provider ${input.provider}.` };
  const checked = checkBaseUrl(input.baseUrl);
  if ('error' in checked) return checked;
  // an origin the app can never reach is refused now; one the running policy lacks is allowed after the consent and a reload
  if (reachOf(`${checked.url}/embeddings`) === 'never') return { error: connectProblem(checked.url) ?? '' };
  const model = input.model.trim();
  if (!model || /[\s@]/.test(model)) return { error: 'Give the model name the server expects, e.g. text-embedding-3-small (no spaces or @).' };
  const apiKey = input.apiKey.trim();
  if (preset.needsKey && !apiKey) return { error: `${preset.label} needs an API key.` };
  const ref: ApiModelRef = { provider: input.provider, model, dimensions: input.dimensions && input.dimensions > 0 ? input.dimensions : null };
  const id = apiModelId(ref);
  const previous = get().apiEndpoints[input.provider];
  set((s) => ({
    apiEndpoints: { ...s.apiEndpoints, [input.provider]: { baseUrl: checked.url, apiKey, remember: input.remember } },
    apiModelIds: s.apiModelIds.includes(id) ? s.apiModelIds : [...s.apiModelIds, id],
    // a new address needs a new yes
    apiConsented: previous && previous.baseUrl !== checked.url ? s.apiConsented.filter((u) => u !== previous.baseUrl) : s.apiConsented,
  }));
  if (previous && previous.baseUrl !== checked.url) releaseOrigin(previous.baseUrl);
  return { id };
}

/** Forgets a provider's endpoint, key and models (cached vectors stay until cleared under storage). */
export function forgetEndpoint(provider: ProviderId): void {
  const gone = get().apiEndpoints[provider];
  set((s) => {
    const rest = { ...s.apiEndpoints };
    delete rest[provider];
    return {
      apiEndpoints: rest,
      apiModelIds: s.apiModelIds.filter((id) => parseApiModelId(id)?.provider !== provider),
      apiConsented: gone ? s.apiConsented.filter((u) => u !== gone.baseUrl) : s.apiConsented,
      compareTargets: s.compareTargets.filter((t) => parseApiModelId(t.modelId)?.provider !== provider),
    };
  });
  // its origin is refused again from the next page load (unless something else set up uses it)
  if (gone) releaseOrigin(gone.baseUrl);
}

/**
 * Why this page cannot reach an endpoint now, or null. The Content-Security-Policy is fixed when
 * the page loads, so a newly confirmed origin needs a reload; saying so beats a bare "Failed to fetch".
 */
export function connectProblem(baseUrl: string): string | null {
  return reachProblem(`${baseUrl}/embeddings`);
}

/** The endpoint set up for a model's provider, if any. */
export function endpointFor(ref: Pick<ApiModelRef, 'provider'>) {
  return get().apiEndpoints[ref.provider] ?? null;
}

/** The one ApiEmbedder wiring: endpoints and consent from the store, vectors to the cache. */
export function createApiEmbedder(openCache: () => Promise<Pick<EmbeddingCache, 'putMany'>>, fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a)): ApiEmbedder {
  return new ApiEmbedder({
    fetch: fetchImpl,
    endpointFor,
    hasConsent: (baseUrl) => get().apiConsented.includes(baseUrl),
    consent: requestConsent,
    withdrawConsent: () => answerConsent(false),
    connectBlocked: connectProblem,
    openCache,
    onUsage: recordUsage,
    onRetry: (message) => set({ apiNotice: message }),
  });
}
