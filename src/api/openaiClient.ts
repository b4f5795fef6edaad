/**
 * A small client for OpenAI-compatible `POST /embeddings`, on plain `fetch`.
 *
 * Why not the official `openai` package: it adds its own retry, key lookup and error classes
 * that would have to be bent to this app's rules (the key lives in the store and only there,
 * consent comes first, partial results are saved batch by batch), it is far larger than the
 * one request this app makes, and it refuses to run in a browser unless told
 * `dangerouslyAllowBrowser`. Every endpoint here (OpenAI, Ollama, LM Studio, llama.cpp, vLLM,
 * TEI) takes the same JSON, so ~200 lines of tested code do the job.
 *
 * Everything that decides something is a pure function (batching, backoff, reply checking,
 * error wording); `embedTexts` runs them over an injected `fetch` and `sleep`, so tests need
 * neither a network nor a clock.
 */
import { estimateTokens } from '../core/tokens';

/** What one endpoint call needs: where, with which key, which model. */
export interface EndpointConfig {
  /** e.g. https://api.openai.com/v1 (no trailing slash). */
  baseUrl: string;
  /** Sent as a Bearer token when not empty. */
  apiKey: string;
  model: string;
  /** The `dimensions` option (OpenAI v3 models); null to leave it out. */
  dimensions: number | null;
}

/**
 * OpenAI's documented limits per embeddings request: at most 2048 inputs, each at most 8192
 * tokens, and at most 300,000 tokens summed over the inputs (API reference, "Create
 * embeddings", `input`). Batches here stay well inside them: the token sum is estimated at
 * 4 characters a token, which undercounts some text, hence the margin.
 */
export const OPENAI_LIMITS = { maxInputs: 2048, maxTokens: 300_000 } as const;
export interface BatchLimits {
  maxInputs: number;
  /** Estimated tokens per request. */
  maxTokens: number;
}
/** What the app sends per request: small enough that progress moves and a failed request loses little. */
export const DEFAULT_API_BATCH: BatchLimits = { maxInputs: 256, maxTokens: 100_000 };

/**
 * Splits texts into consecutive batches of at most `maxInputs` texts and about `maxTokens`
 * estimated tokens; a single text over the token budget goes alone (the server then decides).
 * Returns [start, end) index pairs.
 */
export function planBatches(texts: readonly string[], limits: BatchLimits = DEFAULT_API_BATCH, tokensOf: (t: string) => number = estimateTokens): Array<[number, number]> {
  const maxInputs = Math.max(1, Math.min(limits.maxInputs, OPENAI_LIMITS.maxInputs));
  const maxTokens = Math.min(limits.maxTokens, OPENAI_LIMITS.maxTokens);
  const out: Array<[number, number]> = [];
  let start = 0;
  let tokens = 0;
  for (let i = 0; i < texts.length; i++) {
    const t = tokensOf(texts[i]);
    if (i > start && (i - start >= maxInputs || tokens + t > maxTokens)) {
      out.push([start, i]);
      start = i;
      tokens = 0;
    }
    tokens += t;
  }
  if (start < texts.length) out.push([start, texts.length]);
  return out;
}

export function buildEmbeddingsRequest(config: EndpointConfig, input: readonly string[]): { url: string; init: RequestInit } {
  const body: Record<string, unknown> = { model: config.model, input, encoding_format: 'float' };
  if (config.dimensions) body.dimensions = config.dimensions;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (config.apiKey) headers.Authorization = `Bearer ${config.apiKey}`;
  return { url: `${config.baseUrl}/embeddings`, init: { method: 'POST', headers, body: JSON.stringify(body) } };
}

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  baseMs: number;
  maxMs: number;
  /** Per attempt: a request with no reply by then is abandoned. */
  timeoutMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseMs: 1000, maxMs: 30_000, timeoutMs: 60_000 };

/** Statuses worth asking again: rate limits and server trouble. 4xx otherwise means the request itself is wrong. */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long to wait before retry number `attempt` (0-based): the server's Retry-After (seconds,
 * or an HTTP date) when it gives one, else baseMs·2^attempt; capped at maxMs. No jitter: one
 * user's browser makes one request at a time.
 */
export function retryDelayMs(attempt: number, retryAfter: string | null, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, now = Date.now()): number {
  let ms = policy.baseMs * 2 ** attempt;
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) ms = seconds * 1000;
    else {
      const at = Date.parse(retryAfter);
      if (Number.isFinite(at)) ms = Math.max(0, at - now);
    }
  }
  return Math.min(ms, policy.maxMs);
}

/** An error the UI can show as it is. `retryable` says whether asking again later may help. */
export class ApiError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** The server's own words, when its error body has them (OpenAI: {error: {message}}; others: {error: "..."} or text). */
function serverSays(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: unknown; message?: unknown };
    const e = j.error;
    const text = typeof e === 'string' ? e : e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : typeof j.message === 'string' ? j.message : '';
    if (text) return text.slice(0, 200);
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 200);
}

/** A sentence for a failed HTTP status, naming the endpoint and what to do. */
export function describeHttpError(status: number, body: string, config: Pick<EndpointConfig, 'baseUrl' | 'model'>): string {
  const said = serverSays(body);
  const tail = said ? ` The server said: "${said}"` : '';
  const where = config.baseUrl;
  if (status === 401) return `${where} refused the key (401 Unauthorized): check the API key.${tail}`;
  if (status === 403) return `${where} refused the request (403 Forbidden): the key may lack access to ${config.model}, or the server does not allow this page's origin (CORS).${tail}`;
  if (status === 404) return `${where}/embeddings was not found (404), or the server has no model "${config.model}": check the base URL and the model name.${tail}`;
  if (status === 429) return `${where} kept answering "too many requests" (429) after several retries: wait a minute, or check the account's rate limits and credit.${tail}`;
  if (status >= 500) return `${where} had a server error (${status}) after several retries.${tail}`;
  return `${where} answered ${status}.${tail}`;
}

export interface EmbeddingsReply {
  /** Unit-length rows, in the order of the request's inputs. */
  vectors: Float32Array;
  dim: number;
  /** Tokens the provider says it billed (usage.prompt_tokens, else usage.total_tokens); null when the reply has no usage. */
  billedTokens: number | null;
}

/**
 * Checks and unpacks an embeddings reply: one vector per input (matched by `index` when
 * given), all the same length, all numbers. Rows are scaled to unit length, since the app
 * ranks by dot product and not every server normalises.
 */
export function parseEmbeddingsReply(json: unknown, expected: number, expectedDims = 0): EmbeddingsReply {
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) throw new ApiError('The endpoint replied without a "data" list of embeddings, so it is not an OpenAI-compatible embeddings endpoint.');
  if (data.length !== expected) throw new ApiError(`The endpoint returned ${data.length} vectors for ${expected} texts; nothing from this batch was kept.`);
  const rows: number[][] = new Array(expected);
  data.forEach((d: unknown, i) => {
    const item = d as { index?: unknown; embedding?: unknown };
    const at = typeof item?.index === 'number' ? item.index : i;
    if (!Number.isInteger(at) || at < 0 || at >= expected || rows[at]) throw new ApiError('The endpoint returned vectors with missing or repeated indexes.');
    if (!Array.isArray(item.embedding) || !item.embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new ApiError('The endpoint returned an embedding that is not a list of numbers (base64 replies are not supported).');
    }
    rows[at] = item.embedding as number[];
  });
  const dim = rows[0]?.length ?? 0;
  if (dim === 0 || rows.some((r) => r.length !== dim)) throw new ApiError('The endpoint returned vectors of different or zero lengths.');
  if (expectedDims && dim !== expectedDims) throw new ApiError(`The endpoint returned ${dim}-dimensional vectors where ${expectedDims} were expected.`);
  const vectors = new Float32Array(expected * dim);
  rows.forEach((r, i) => {
    let norm = 0;
    for (const x of r) norm += x * x;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = r[j] * scale;
  });
  const usage = (json as { usage?: { prompt_tokens?: unknown; total_tokens?: unknown } }).usage;
  const billed = typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : typeof usage?.total_tokens === 'number' ? usage.total_tokens : null;
  return { vectors, dim, billedTokens: billed };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });

export interface CallDeps {
  fetch: FetchLike;
  sleep?: Sleep;
  retry?: RetryPolicy;
  /** Told before each wait, so the UI can say "rate-limited, retrying in 20 s". */
  onRetry?: (info: { attempt: number; waitMs: number; status: number | null }) => void;
}

function cancelledError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(typeof reason === 'string' ? reason : 'Cancelled.');
}

/** One request with retries on 429/5xx/network failures/timeouts, honouring Retry-After. Returns the parsed JSON. */
export async function postJsonWithRetry(deps: CallDeps, url: string, init: RequestInit, config: Pick<EndpointConfig, 'baseUrl' | 'model'>, signal?: AbortSignal): Promise<unknown> {
  const policy = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw cancelledError(signal);
    const timeout = new AbortController();
    // a plain Error, not an ApiError: a timeout is retried like a dropped connection
    const timer = setTimeout(() => timeout.abort(new Error('timed out')), policy.timeoutMs);
    const onAbort = () => timeout.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let failure: { status: number | null; message: string; retryAfter: string | null };
    try {
      const res = await deps.fetch(url, { ...init, signal: timeout.signal });
      const text = await res.text();
      if (res.ok) {
        try {
          return JSON.parse(text);
        } catch {
          throw new ApiError(`${config.baseUrl} answered with something that is not JSON ("${text.slice(0, 80)}…"); is the base URL an OpenAI-compatible API?`);
        }
      }
      failure = { status: res.status, message: describeHttpError(res.status, text, config), retryAfter: res.headers.get('retry-after') };
      if (!isRetryable(res.status)) throw new ApiError(failure.message, res.status);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (signal?.aborted) throw cancelledError(signal);
      const timedOut = timeout.signal.aborted;
      failure = {
        status: null,
        message: timedOut
          ? `${config.baseUrl} did not answer within ${Math.round(policy.timeoutMs / 1000)} s, several times.`
          : `Could not reach ${config.baseUrl} (${err instanceof Error ? err.message : String(err)}): is the server running, and does it allow this page's origin (CORS)?`,
        retryAfter: null,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (attempt >= policy.retries) throw new ApiError(failure.message, failure.status);
    const waitMs = retryDelayMs(attempt, failure.retryAfter, policy);
    deps.onRetry?.({ attempt: attempt + 1, waitMs, status: failure.status });
    await sleep(waitMs, signal);
  }
}

export interface BatchDone {
  /** [start, end) into the texts. */
  range: [number, number];
  vectors: Float32Array;
  dim: number;
  billedTokens: number | null;
}

export interface EmbedRun {
  vectors: Float32Array;
  dim: number;
  /** Sum of the billed tokens the replies reported; null if any reply had no usage. */
  billedTokens: number | null;
  requests: number;
}

/**
 * Embeds texts batch by batch, one request at a time. `onBatch` hears each finished batch at
 * once (the caller saves it, so a cancel or a later failure keeps what was done). A failure
 * rejects with an ApiError after the retries; batches already reported stay reported.
 */
export async function embedTexts(
  deps: CallDeps,
  config: EndpointConfig,
  texts: readonly string[],
  options: { signal?: AbortSignal; limits?: BatchLimits; expectedDims?: number; onBatch?: (b: BatchDone) => void | Promise<void> } = {},
): Promise<EmbedRun> {
  const batches = planBatches(texts, options.limits);
  let dim = options.expectedDims ?? 0;
  let out: Float32Array | null = null;
  let billed: number | null = 0;
  for (const [start, end] of batches) {
    const { url, init } = buildEmbeddingsRequest(config, texts.slice(start, end));
    const json = await postJsonWithRetry(deps, url, init, config, options.signal);
    const reply = parseEmbeddingsReply(json, end - start, dim);
    dim = reply.dim;
    out ??= new Float32Array(texts.length * dim);
    out.set(reply.vectors, start * dim);
    billed = billed === null || reply.billedTokens === null ? null : billed + reply.billedTokens;
    await options.onBatch?.({ range: [start, end], vectors: reply.vectors, dim, billedTokens: reply.billedTokens });
  }
  return { vectors: out ?? new Float32Array(0), dim, billedTokens: texts.length ? billed : 0, requests: batches.length };
}

export interface ChatReply {
  content: string;
  /** usage.total_tokens (prompt + completion), or null when the reply has none. */
  billedTokens: number | null;
}

/** One chat completion (temperature 0, a short answer), with the same retries and messages as embeddings. */
export async function chatCompletion(deps: CallDeps, config: Omit<EndpointConfig, 'dimensions'>, messages: readonly { role: string; content: string }[], signal?: AbortSignal): Promise<ChatReply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (config.apiKey) headers.Authorization = `Bearer ${config.apiKey}`;
  const body = JSON.stringify({ model: config.model, messages, temperature: 0, max_tokens: 120 });
  const json = (await postJsonWithRetry(deps, `${config.baseUrl}/chat/completions`, { method: 'POST', headers, body }, config, signal)) as {
    choices?: Array<{ message?: { content?: unknown } }>;
    usage?: { total_tokens?: unknown };
  };
  const content = json?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new ApiError(`${config.baseUrl} replied without choices[0].message.content, so it is not an OpenAI-compatible chat endpoint.`);
  return { content, billedTokens: typeof json.usage?.total_tokens === 'number' ? json.usage.total_tokens : null };
}
