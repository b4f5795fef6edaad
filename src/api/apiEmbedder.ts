/**
 * API models behind the embedding worker client's interface (`EmbeddingBackend`: load, embed,
 * agreement, terminate), so model switching, search and the comparison lab run them like any
 * other model. This is the one module from which the app sends texts to an endpoint; it
 * sends nothing unless
 *   1. the model names a provider the user configured in the UI (`endpointFor`), and
 *   2. the user allowed that endpoint in the consent dialog (`consent`), which is asked the
 *      first time any text would go there.
 * Every finished batch is saved to the embedding cache at once, so a cancel or a failure
 * keeps what was paid for, and the next run sends only the rest.
 */
import { hashText } from '../core/textHash';
import type { EmbeddingClient } from '../embedding/client';
import type { EmbeddingCache } from '../embedding/embeddingCache';
import type { EmbedProgress, EmbedResult, LoadResult, LoadSpec } from '../embedding/protocol';
import { costUsd, estimateTotalTokens } from './cost';
import { API_DEVICE, API_DTYPE, API_REVISION, apiCacheKey, isApiModelId, knownDims, parseApiModelId, type ApiModelRef } from './models';
import { embedTexts, type BatchLimits, type FetchLike, type RetryPolicy, type Sleep } from './openaiClient';
import { findPreset, isLocalUrl } from './presets';

/** What the model switcher, search and the lab need from an embedding backend. */
export type EmbeddingBackend = Pick<EmbeddingClient, 'load' | 'embed' | 'agreement' | 'terminate'>;

export interface ConfiguredEndpoint {
  baseUrl: string;
  apiKey: string;
}

/** What the consent dialog shows. */
export interface ConsentRequest {
  baseUrl: string;
  providerLabel: string;
  local: boolean;
  modelId: string;
  texts: number;
  /** Estimated at 4 characters a token. */
  tokens: number;
  /** At the dated list price; 0 for a local server; null when the model has no listed price. */
  usd: number | null;
}

/** Counted from the replies, per model. */
export interface UsageReport {
  modelId: string;
  baseUrl: string;
  texts: number;
  requests: number;
  estimatedTokens: number;
  /** null when a reply did not say. */
  billedTokens: number | null;
}

export interface ApiEmbedderDeps {
  fetch: FetchLike;
  sleep?: Sleep;
  retry?: RetryPolicy;
  limits?: BatchLimits;
  /** The endpoint the user configured for this provider, or null. Read from the store: never from a URL. */
  endpointFor(ref: ApiModelRef): ConfiguredEndpoint | null;
  /** Whether the user already allowed sending to this endpoint. */
  hasConsent(baseUrl: string): boolean;
  /** Asks the user; resolves true to send. */
  consent(request: ConsentRequest): Promise<boolean>;
  /** Why the page may not connect to this endpoint now (its Content-Security-Policy), or null. Asked after the consent. */
  connectBlocked?(baseUrl: string): string | null;
  /** Closes an open consent question whose run was cancelled. */
  withdrawConsent?(): void;
  openCache(): Promise<Pick<EmbeddingCache, 'putMany'>>;
  onUsage?(report: UsageReport): void;
  /** A retry is waiting (a sentence to show), or null once the run has ended. */
  onRetry?(message: string | null): void;
}

function refOf(spec: LoadSpec): ApiModelRef {
  const ref = parseApiModelId(spec.modelId);
  if (!ref) throw new Error(`"${spec.modelId}" is not an API model name (provider:model).`);
  return ref;
}

export class ApiEmbedder implements EmbeddingBackend {
  private readonly running = new Set<AbortController>();

  constructor(private readonly deps: ApiEmbedderDeps) {}

  private endpoint(ref: ApiModelRef): ConfiguredEndpoint {
    const preset = findPreset(ref.provider);
    const endpoint = this.deps.endpointFor(ref);
    if (!endpoint) throw new Error(`No ${preset?.label ?? ref.provider} endpoint is set up. Add it under "API models" first; nothing was sent.`);
    if (preset?.needsKey && !endpoint.apiKey) throw new Error(`${preset.label} needs an API key: enter it under "API models" (unless you ticked "remember", it is forgotten on reload). Nothing was sent.`);
    return endpoint;
  }

  /** Nothing to load and nothing sent: checks the endpoint is set up. */
  async load(spec: LoadSpec): Promise<LoadResult> {
    this.endpoint(refOf(spec));
    return { modelId: spec.modelId, dtype: API_DTYPE, device: API_DEVICE, weights: API_REVISION, loadMs: 0 };
  }

  async embed(spec: LoadSpec, texts: string[], _pooling?: unknown, onProgress?: (p: EmbedProgress) => void): Promise<EmbedResult> {
    const ref = refOf(spec);
    const endpoint = this.endpoint(ref);
    const controller = new AbortController();
    this.running.add(controller);
    try {
      const estimatedTokens = estimateTotalTokens(texts);
      if (!this.deps.hasConsent(endpoint.baseUrl)) {
        const allowed = await Promise.race([
          this.deps.consent({
            baseUrl: endpoint.baseUrl,
            providerLabel: findPreset(ref.provider)?.label ?? ref.provider,
            local: isLocalUrl(endpoint.baseUrl),
            modelId: spec.modelId,
            texts: texts.length,
            tokens: estimatedTokens,
            usd: costUsd(estimatedTokens, ref, endpoint.baseUrl),
          }),
          new Promise<never>((_, reject) =>
            controller.signal.addEventListener('abort', () => {
              this.deps.withdrawConsent?.();
              reject(controller.signal.reason);
            }, { once: true }),
          ),
        ]);
        if (!allowed) throw new Error(`Nothing was sent: you did not allow sending to ${endpoint.baseUrl}.`);
      }
      // after the consent: a "Send" is what allows a new origin (from the next page load)
      const blocked = this.deps.connectBlocked?.(endpoint.baseUrl);
      if (blocked) throw new Error(blocked);
      const cache = await this.deps.openCache();
      const key = apiCacheKey(spec.modelId);
      const started = performance.now();
      let done = 0;
      let requests = 0;
      let billed: number | null = 0;
      const report = () => this.deps.onUsage?.({ modelId: spec.modelId, baseUrl: endpoint.baseUrl, texts: done, requests, estimatedTokens: estimateTotalTokens(texts.slice(0, done)), billedTokens: billed });
      try {
        const out = await embedTexts(
          {
            fetch: this.deps.fetch,
            sleep: this.deps.sleep,
            retry: this.deps.retry,
            onRetry: ({ waitMs, status }) => this.deps.onRetry?.(`${endpoint.baseUrl} answered ${status ?? 'nothing'}; asking again in ${Math.ceil(waitMs / 1000)} s.`),
          },
          { baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model: ref.model, dimensions: ref.dimensions },
          texts,
          {
            signal: controller.signal,
            limits: this.deps.limits,
            expectedDims: knownDims(ref),
            onBatch: async (b) => {
              requests++;
              done = b.range[1];
              billed = billed === null || b.billedTokens === null ? null : billed + b.billedTokens;
              // saved now: a cancel or a later failure keeps what was already paid for
              await cache.putMany(key, texts.slice(b.range[0], b.range[1]).map(hashText), { vectors: b.vectors, dim: b.dim });
              onProgress?.({ done, total: texts.length, elapsedMs: performance.now() - started });
            },
          },
        );
        return { vectors: out.vectors, dim: out.dim, truncated: 0, maxTokensApplied: spec.maxTokens, elapsedMs: performance.now() - started };
      } catch (err) {
        if (done > 0 && err instanceof Error) throw new Error(`${err.message} The ${done} of ${texts.length} texts embedded before that are saved; running it again sends only the rest.`, { cause: err });
        throw err;
      } finally {
        if (requests > 0) report();
        this.deps.onRetry?.(null);
      }
    } finally {
      this.running.delete(controller);
    }
  }

  /** Device agreement is a WebGPU question; an API model runs on no device of ours. */
  async agreement(): Promise<never> {
    throw new Error('API models have no WebGPU/WebAssembly agreement check.');
  }

  /** Stops every request (and any open consent question) at once. */
  terminate(reason = 'Cancelled.'): void {
    for (const c of this.running) c.abort(new Error(reason));
    this.running.clear();
  }
}

/** Sends API models to `api`, everything else to the local worker client. */
export class RoutedEmbeddingClient implements EmbeddingBackend {
  constructor(
    private readonly local: EmbeddingBackend,
    private readonly api: EmbeddingBackend,
  ) {}

  private pick(spec: LoadSpec): EmbeddingBackend {
    return isApiModelId(spec.modelId) ? this.api : this.local;
  }

  load(...args: Parameters<EmbeddingBackend['load']>): ReturnType<EmbeddingBackend['load']> {
    return this.pick(args[0]).load(...args);
  }

  embed(...args: Parameters<EmbeddingBackend['embed']>): ReturnType<EmbeddingBackend['embed']> {
    return this.pick(args[0]).embed(...args);
  }

  agreement(...args: Parameters<EmbeddingBackend['agreement']>): ReturnType<EmbeddingBackend['agreement']> {
    return this.pick(args[0]).agreement(...args);
  }

  terminate(reason?: string): void {
    this.local.terminate(reason);
    this.api.terminate(reason);
  }
}
