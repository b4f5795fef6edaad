/**
 * API models are named `provider:model`, with `@dims` when the `dimensions` option shortens
 * the vectors: "openai:text-embedding-3-small", "openai:text-embedding-3-large@256",
 * "ollama:nomic-embed-text". Hub ids never contain ':', so the name alone says which backend
 * runs a model. The name says nothing about where the endpoint is: that is set in the UI only.
 */
import { cacheModelKey } from '../embedding/embeddingCache';
import type { ModelEntry } from '../embedding/catalogue';
import { findPreset, type ProviderId } from './presets';

export interface ApiModelRef {
  provider: ProviderId;
  model: string;
  /** The `dimensions` option sent with each request; null to take the model's own size. */
  dimensions: number | null;
}

const ID = /^([a-z]+):([^@\s]+)(?:@(\d+))?$/;

export function isApiModelId(id: string): boolean {
  return id.includes(':');
}

export function parseApiModelId(id: string): ApiModelRef | null {
  const m = ID.exec(id);
  if (!m || !findPreset(m[1])) return null;
  const dimensions = m[3] ? Number(m[3]) : null;
  if (dimensions !== null && !(dimensions > 0)) return null;
  return { provider: m[1] as ProviderId, model: m[2], dimensions };
}

export function apiModelId({ provider, model, dimensions }: ApiModelRef): string {
  return `${provider}:${model}${dimensions ? `@${dimensions}` : ''}`;
}

/** The vector length a reference will return, when known without asking the server; 0 when unknown. */
export function knownDims(ref: ApiModelRef): number {
  if (ref.dimensions) return ref.dimensions;
  return findPreset(ref.provider)?.models.find((m) => m.model === ref.model)?.dims ?? 0;
}

/** Names the vectors of API models in the embedding cache (see `apiCacheKey`). */
export const API_REVISION = 'api';
/** API models have no quantization or device of ours: the cache key records these fixed values. */
export const API_DTYPE = 'fp32';
export const API_DEVICE = 'wasm';

/**
 * A catalogue entry for an API model, so the rest of the app (model picker, search, lab)
 * handles it like any other. Nothing about the endpoint is in it.
 */
export function apiModelEntry(id: string): ModelEntry | undefined {
  const ref = parseApiModelId(id);
  if (!ref) return undefined;
  const preset = findPreset(ref.provider);
  const dims = knownDims(ref);
  return {
    id,
    label: `${ref.model}${ref.dimensions ? ` (${ref.dimensions}d)` : ''} · ${ref.provider === 'custom' ? 'custom endpoint' : `${preset?.label ?? ref.provider} API`}`,
    source: 'api',
    paramsM: 0,
    dims,
    // OpenAI's embedding models take up to 8192 tokens per input; local servers cut at their own limit
    maxTokens: 8192,
    dtypes: { fp32: { file: '', sizeMB: 0 } },
    defaultDtype: API_DTYPE,
    pooling: 'mean',
    queryPrefix: '',
    documentPrefix: '',
    revision: API_REVISION,
    licence: ref.provider === 'openai' ? 'proprietary API' : 'see the model served',
    url: preset?.docs ?? '',
    description: `Embedded by the ${preset?.label ?? ref.provider} endpoint you configured: profiles and job descriptions are sent there.`,
  };
}

/**
 * The embedding cache key of an API model's vectors: provider + model + dimensions. It equals
 * what the store's `cacheKeyFor` computes for the entry above, so batches the API client saves
 * as they arrive are the ones a later run finds (the test checks both agree).
 */
export function apiCacheKey(id: string): string {
  const entry = apiModelEntry(id);
  return cacheModelKey({ modelId: id, weights: API_REVISION, dtype: API_DTYPE, device: API_DEVICE, dims: entry?.dims ?? 0 });
}
