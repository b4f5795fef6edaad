/**
 * Embeddings cached in IndexedDB, so reloading the page or switching back to a model costs
 * no embedding and only new or changed profiles go to the model.
 *
 * Layout: one object store, 'vectors', one record per text. The key is
 * [modelKey, hashText(text)] (modelKey = "modelId@weights|dtype|device|dims", see `cacheModelKey`) and the
 * value is that text's Float32Array of `dims` values, stored on its own buffer. Because
 * modelKey comes first in the key, all of a model's records form one contiguous key range
 * ([modelKey] .. [modelKey, []], as arrays sort after strings), which `count`, `getAll` and
 * `delete` use directly: no index is needed.
 *
 * The cache never breaks embedding. If IndexedDB is missing or will not open, `open` returns
 * a cache that holds nothing; reads that fail report every text missing; a write that fails
 * (the browser's storage quota, most likely) switches writes off and reports why through
 * `status` and `subscribe`, and the caller carries on with the vectors it has.
 *
 * `idb` opens the database and wraps transactions; the hot loops (thousands of gets or puts)
 * issue raw requests on the unwrapped store, a batch at a time, and wait for the transaction
 * rather than for a promise per record.
 */
import { unwrap, wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { assembleRows, planMissing } from '../core/assembleRows';
import { hashText } from '../core/textHash';
import { rowCount, type EmbeddingMatrix } from '../core/vectors';

export const DEFAULT_CACHE_NAME = 'candidate-search';
/** Bump (and migrate in `upgrade`) when the layout changes. */
const DB_VERSION = 1;
const STORE = 'vectors';

type CacheKey = [modelKey: string, textHash: string];

interface CacheSchema extends DBSchema {
  vectors: { key: CacheKey; value: Float32Array };
}

/** Everything that changes a vector, and so belongs in its cache key. */
export interface VectorSource {
  modelId: string;
  /**
   * Which weights: the catalogue revision of a bundled model, or the identity of the Hub
   * files actually loaded (see weightsIdentity), since Hub models load from the moving
   * "main" revision. '' when unknown.
   */
  weights: string;
  dtype: string;
  /** 'wasm' or 'webgpu': some quantized models give different vectors on WebGPU. */
  device: string;
  /** Part of the key so Matryoshka truncations never mix with full vectors. */
  dims: number;
}

/**
 * The part of the cache key that names the vectors' source: "model@weights|dtype|device|dims"
 * (dims last, see `dimsOfModelKey`). The model's text prefix is not here because
 * `embedWithCache` hashes the exact text the model sees, prefix included.
 */
export function cacheModelKey({ modelId, weights, dtype, device, dims }: VectorSource): string {
  return `${weights ? `${modelId}@${weights}` : modelId}|${dtype}|${device}|${dims}`;
}

/** The dims recorded in a `cacheModelKey` key, or undefined for a key in another format. */
export function dimsOfModelKey(modelKey: string): number | undefined {
  const last = modelKey.slice(modelKey.lastIndexOf('|') + 1);
  const d = /^\d+$/.test(last) ? Number(last) : NaN;
  return d > 0 ? d : undefined;
}

export type EmbeddingCacheStatus =
  | { state: 'ready' }
  /** There is no cache at all this session: no IndexedDB, or it would not open. */
  | { state: 'unavailable'; reason: string }
  /** The cache still answers reads but no longer saves new vectors. */
  | { state: 'disabled'; cause: 'quota' | 'write-failed' | 'closed'; reason: string };

export interface EmbeddingCacheOptions {
  /** The IndexedDB factory (tests pass a fresh fake one). Defaults to `globalThis.indexedDB`; null means none. */
  indexedDB?: IDBFactory | null;
  /** Run without a cache if opening takes longer than this (an open blocked by another tab, say). Default 5000. */
  openTimeoutMs?: number;
  /**
   * How `getMany` reads. 'point' issues one get per text; 'range' reads every record of the
   * model at once with getAll and matches hashes in memory; 'auto' (the default) uses
   * 'range' when the model has at most twice as many records as were asked for and at least
   * 64 were asked for, which is the usual "load all profiles" case.
   */
  readStrategy?: 'auto' | 'point' | 'range';
  /**
   * Requests issued before waiting for the browser, in `putMany` and point reads. Cloning
   * 20,000 vectors in one go blocked Chromium's main thread for 1.3 s; batches of 1000
   * (the default) keep each block near 100 ms at the same total time. Still one transaction.
   */
  batchSize?: number;
  /** Called whenever `status` changes. */
  onStatusChange?: (status: EmbeddingCacheStatus) => void;
}

export interface CacheLookup {
  /** Cached vectors by position in the `hashes` passed to `getMany`. */
  found: Map<number, Float32Array>;
  /** Positions with no usable cached vector, ascending. */
  missing: number[];
}

export interface ModelCacheSummary {
  modelKey: string;
  count: number;
  dim: number;
  /** count * dim * 4: the vectors themselves. The browser's own overhead (keys, indexes, compression) differs. */
  bytes: number;
}

const QUOTA_REASON =
  'The browser ran out of storage space for cached embeddings; new embeddings are no longer saved, so they will be ' +
  'computed again next time. Search still works. Clearing cached models frees space and turns saving back on.';
const UNAVAILABLE_REASON = 'This browser does not offer IndexedDB (a private window, perhaps), so embeddings are not cached.';

const RANGE_READ_MIN = 64;
const RANGE_READ_RATIO = 2;

function noop(): void {}

/**
 * Settles with the transaction: resolves on commit, rejects on abort with `tx.error`, the
 * real cause (QuotaExceededError, say; a request error the page does not handle becomes
 * the transaction's error). idb's `tx.done` rejects already at the request's error event,
 * before the browser sets `tx.error`, so a quota failure would read as a bare AbortError.
 * Pre-handled, so it never surfaces as an unhandled rejection.
 */
function completion(tx: IDBPTransaction<CacheSchema, ['vectors'], IDBTransactionMode>): Promise<void> {
  tx.done.catch(noop);
  const raw = unwrap(tx);
  const settled = new Promise<void>((resolve, reject) => {
    raw.addEventListener('complete', () => resolve());
    raw.addEventListener('abort', () => reject(raw.error ?? new DOMException('The transaction was aborted.', 'AbortError')));
  });
  settled.catch(noop);
  return settled;
}

/** Resolves once `request` has finished, whether or not it succeeded; its transaction reports failures. */
function finished(request: IDBRequest): Promise<void> {
  return new Promise((resolve) => {
    request.addEventListener('success', () => resolve());
    request.addEventListener('error', () => resolve());
  });
}

function modelRange(modelKey: string): IDBKeyRange {
  return IDBKeyRange.bound([modelKey], [modelKey, []]);
}

function describe(err: unknown): string {
  if (err instanceof Error || err instanceof DOMException) return err.message ? `${err.name}: ${err.message}` : err.name;
  return String(err);
}

/** Quota errors as the browsers report them: by name, Firefox's legacy name, or the legacy code 22. */
export function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, code, message } = err as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22) return true;
  // Chromium has reported a full disk as UnknownError with a message about space.
  return name === 'UnknownError' && typeof message === 'string' && /quota|space|disk/i.test(message);
}

/** By tag, not instanceof: IndexedDB may hand back arrays from another realm (jsdom, iframes). */
function isFloat32Array(v: unknown): v is Float32Array {
  return Object.prototype.toString.call(v) === '[object Float32Array]';
}

export class EmbeddingCache {
  private currentStatus: EmbeddingCacheStatus;
  private readonly listeners = new Set<(status: EmbeddingCacheStatus) => void>();
  private readonly readStrategy: 'auto' | 'point' | 'range';
  private readonly batchSize: number;

  private constructor(
    private db: IDBPDatabase<CacheSchema> | null,
    status: EmbeddingCacheStatus,
    options: EmbeddingCacheOptions,
  ) {
    this.currentStatus = status;
    this.readStrategy = options.readStrategy ?? 'auto';
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
    if (options.onStatusChange) this.listeners.add(options.onStatusChange);
    if (db) {
      const raw = unwrap(db);
      // Another tab wants a newer version: let it have the database instead of blocking it.
      raw.onversionchange = () => this.shutDown('Another tab upgraded the embedding cache; reload this page to use it again.');
      raw.onclose = () => this.shutDown('The browser closed the embedding cache (storage was cleared, perhaps).');
    }
  }

  /**
   * Opens (creating if need be) the cache database. Never rejects: without IndexedDB, or if
   * opening fails or hangs, the result is a cache in the 'unavailable' state that holds nothing.
   */
  static async open(name = DEFAULT_CACHE_NAME, options: EmbeddingCacheOptions = {}): Promise<EmbeddingCache> {
    const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
    // idb checks values against the global IDB classes, and key ranges need IDBKeyRange.
    if (!factory || typeof IDBKeyRange === 'undefined' || typeof IDBRequest === 'undefined') {
      return EmbeddingCache.none(UNAVAILABLE_REASON, options);
    }
    const unavailable = (why: string) =>
      EmbeddingCache.none(`The embedding cache could not be opened (${why}), so embeddings are not cached.`, options);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (err) {
      return unavailable(describe(err));
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
    };
    const opened = wrap(request) as Promise<IDBPDatabase<CacheSchema>>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.openTimeoutMs ?? 5000);
    });
    try {
      const db = await Promise.race([opened, timeout]);
      if (db === 'timeout') {
        opened.then((late) => late.close(), noop);
        return unavailable('it took too long; another tab may be holding it');
      }
      return new EmbeddingCache(db, { state: 'ready' }, options);
    } catch (err) {
      return unavailable(describe(err));
    } finally {
      clearTimeout(timer);
    }
  }

  /** A cache that holds nothing, for when there is no IndexedDB. */
  static none(reason = UNAVAILABLE_REASON, options: EmbeddingCacheOptions = {}): EmbeddingCache {
    return new EmbeddingCache(null, { state: 'unavailable', reason }, options);
  }

  get status(): EmbeddingCacheStatus {
    return this.currentStatus;
  }

  /** True when new vectors are not being saved (no cache, or writes switched off). */
  get disabled(): boolean {
    return this.currentStatus.state !== 'ready';
  }

  get disabledReason(): string | undefined {
    return this.currentStatus.state === 'ready' ? undefined : this.currentStatus.reason;
  }

  /** Calls `listener` on every status change; returns the unsubscribe function. */
  subscribe(listener: (status: EmbeddingCacheStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Looks up the vectors of `hashes` (one per text) for `modelKey` in one read transaction.
   * Never rejects: if the read fails, every position is reported missing. A record that is
   * not a Float32Array of the key's dims counts as missing.
   */
  async getMany(modelKey: string, hashes: readonly string[]): Promise<CacheLookup> {
    const n = hashes.length;
    const values: unknown[] = new Array(n);
    if (this.db && n > 0) {
      try {
        await this.read(this.db, modelKey, hashes, values);
      } catch {
        values.fill(undefined);
      }
    }
    const dims = dimsOfModelKey(modelKey);
    const found = new Map<number, Float32Array>();
    const missing: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (isFloat32Array(v) && (dims === undefined || v.length === dims)) found.set(i, v);
      else missing.push(i);
    }
    return { found, missing };
  }

  private async read(db: IDBPDatabase<CacheSchema>, modelKey: string, hashes: readonly string[], out: unknown[]): Promise<void> {
    const tx = db.transaction(STORE, 'readonly');
    const done = completion(tx);
    const store = tx.store;
    let useRange = this.readStrategy === 'range';
    if (this.readStrategy === 'auto' && hashes.length >= RANGE_READ_MIN) {
      const stored = await store.count(modelRange(modelKey));
      useRange = stored <= hashes.length * RANGE_READ_RATIO;
    }
    if (useRange) {
      const range = modelRange(modelKey);
      const [keys, vals] = await Promise.all([store.getAllKeys(range), store.getAll(range), done]);
      const byHash = new Map<string, Float32Array>();
      for (let i = 0; i < keys.length; i++) byHash.set(keys[i][1], vals[i]);
      for (let i = 0; i < hashes.length; i++) out[i] = byHash.get(hashes[i]);
    } else {
      const raw = unwrap(store);
      const requests: IDBRequest[] = new Array(hashes.length);
      for (let start = 0; start < hashes.length; start += this.batchSize) {
        const end = Math.min(hashes.length, start + this.batchSize);
        for (let i = start; i < end; i++) requests[i] = raw.get([modelKey, hashes[i]]);
        if (end < hashes.length) await Promise.race([finished(requests[end - 1]), done]);
      }
      await done;
      for (let i = 0; i < requests.length; i++) out[i] = requests[i].result;
    }
  }

  /**
   * Saves vectors in one write transaction. Row j of `vectors` belongs to
   * `hashes[positions[j]]`, or to `hashes[j]` without `positions`. Every row is copied onto a
   * buffer of its own before this returns its promise (storing a view would store the whole
   * matrix), so the caller may reuse `vectors` at once. Puts go out `batchSize` at a time,
   * each batch waiting for the one before, so cloning never blocks the main thread for long.
   *
   * Resolves true once saved and false if nothing was saved. Storage errors never reject:
   * the first one switches writes off (see `status`). Rejects only on arguments that do not
   * fit together, which is a bug in the caller.
   */
  async putMany(modelKey: string, hashes: readonly string[], vectors: EmbeddingMatrix, positions?: readonly number[]): Promise<boolean> {
    const rows = rowCount(vectors);
    const targets = positions ?? null;
    const expected = targets ? targets.length : hashes.length;
    if (rows !== expected) throw new Error(`putMany: ${rows} vectors for ${expected} texts`);
    if (targets?.some((p) => !(p >= 0 && p < hashes.length))) throw new Error('putMany: a position is outside the hashes');
    const dims = dimsOfModelKey(modelKey);
    if (rows > 0 && dims !== undefined && vectors.dim !== dims) {
      throw new Error(`putMany: ${vectors.dim}-dimensional vectors under a key for ${dims} dimensions (${modelKey})`);
    }
    if (!this.db || this.currentStatus.state !== 'ready') return false;
    if (rows === 0) return true;

    const { dim } = vectors;
    const copies = Array.from({ length: rows }, (_, j) => vectors.vectors.slice(j * dim, (j + 1) * dim));
    let tx: IDBTransaction | undefined;
    try {
      const wrapped = this.db.transaction(STORE, 'readwrite');
      tx = unwrap(wrapped);
      const done = completion(wrapped);
      const store = unwrap(wrapped.store);
      for (let start = 0; start < rows; start += this.batchSize) {
        const end = Math.min(rows, start + this.batchSize);
        let last: IDBRequest | undefined;
        for (let j = start; j < end; j++) last = store.put(copies[j], [modelKey, hashes[targets ? targets[j] : j]] satisfies CacheKey);
        if (end < rows && last) await Promise.race([finished(last), done]);
      }
      await done;
      return true;
    } catch (err) {
      // An aborted transaction knows why (QuotaExceededError, say) even when what reached us
      // is the TransactionInactiveError of a put issued after the abort.
      const cause = tx?.error ?? err;
      try {
        tx?.abort(); // a put that threw: save none of the batch
      } catch {
        // already finished or aborted
      }
      this.disableWrites(cause);
      return false;
    }
  }

  /**
   * One entry per model key with cached vectors, in key order; empty if there is no cache.
   * Rejects, saying why, if the read fails: an empty list would claim nothing is stored.
   */
  async summary(): Promise<ModelCacheSummary[]> {
    if (!this.db) return [];
    try {
      const tx = this.db.transaction(STORE, 'readonly');
      const done = completion(tx);
      const out: ModelCacheSummary[] = [];
      // Visit the first record of each model, then jump past the rest of that model.
      let cursor = await tx.store.openCursor();
      while (cursor) {
        const modelKey = cursor.key[0];
        const value: unknown = cursor.value;
        const dim = isFloat32Array(value) ? value.length : (dimsOfModelKey(modelKey) ?? 0);
        const count = await tx.store.count(modelRange(modelKey));
        out.push({ modelKey, count, dim, bytes: count * dim * 4 });
        cursor = await cursor.continue([modelKey, []] as unknown as CacheKey);
      }
      await done;
      return out;
    } catch (err) {
      throw new Error(`The cached embeddings could not be read (${describe(err)}).`, { cause: err });
    }
  }

  /** The origin's storage use and quota in bytes, where the browser reports them. */
  async estimate(): Promise<{ usage: number; quota: number } | null> {
    try {
      const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
      if (!storage?.estimate) return null;
      const { usage, quota } = await storage.estimate();
      return usage === undefined || quota === undefined ? null : { usage, quota };
    } catch {
      return null;
    }
  }

  /**
   * Deletes one model's vectors, or everything. Resolves false if there is no cache to clear;
   * rejects, saying why, if the browser refused. Freeing space turns saving back on after a
   * quota error.
   */
  async clear(modelKey?: string): Promise<boolean> {
    if (!this.db) return false;
    try {
      const tx = this.db.transaction(STORE, 'readwrite');
      const done = completion(tx);
      const raw = unwrap(tx.store);
      if (modelKey === undefined) raw.clear();
      else raw.delete(modelRange(modelKey));
      await done;
    } catch (err) {
      throw new Error(`The cached embeddings could not be deleted (${describe(err)}).`, { cause: err });
    }
    if (this.currentStatus.state === 'disabled' && this.currentStatus.cause === 'quota') this.setStatus({ state: 'ready' });
    return true;
  }

  /** Closes the database; the cache then holds nothing. */
  close(): void {
    this.shutDown('The embedding cache was closed.', 'unavailable');
  }

  private disableWrites(err: unknown): void {
    if (this.currentStatus.state !== 'ready') return;
    const quota = isQuotaError(err);
    this.setStatus({
      state: 'disabled',
      cause: quota ? 'quota' : 'write-failed',
      reason: quota
        ? QUOTA_REASON
        : `Embeddings could not be saved in the browser (${describe(err)}); new embeddings are no longer cached until the page is reloaded.`,
    });
  }

  private shutDown(reason: string, state: 'unavailable' | 'disabled' = 'disabled'): void {
    const db = this.db;
    this.db = null;
    if (db) {
      const raw = unwrap(db);
      raw.onversionchange = null;
      raw.onclose = null;
      db.close();
    }
    this.setStatus(state === 'disabled' ? { state, cause: 'closed', reason } : { state, reason });
  }

  private setStatus(status: EmbeddingCacheStatus): void {
    this.currentStatus = status;
    for (const listener of this.listeners) listener(status);
  }
}

export interface CachedEmbedding {
  /** One row per text, in the order of `texts`. */
  matrix: EmbeddingMatrix;
  /** Texts served from the cache. */
  fromCache: number;
  /** Distinct texts sent to the model. */
  embedded: number;
  /** Uncached texts that repeat an earlier uncached text: they share its new vector, so
   * fromCache + embedded + duplicates = texts.length. */
  duplicates: number;
  /** Settles when the new vectors are saved: true if saved, false if not. Never rejects. */
  saved: Promise<boolean>;
}

/** What the cache already answered, told to `embedMissing` before the model runs. */
export interface CacheHits {
  fromCache: number;
  duplicates: number;
}

/**
 * Embeds `texts` through the cache: hashes them, reads what `cache` has for `modelKey`, calls
 * `embedMissing` once with the distinct uncached texts (in their original order; not at all
 * if everything was cached), and returns every row in the order of `texts`. Pass the exact
 * texts the model sees (prefix included), since they are what is hashed.
 *
 * The new vectors are saved in the background: the result does not wait for the write
 * (await `saved` for that), and a write that fails only switches the cache's writes off.
 * Errors from `embedMissing` propagate; a result with the wrong number of rows or, for a
 * `cacheModelKey` key, the wrong dims throws before anything is saved.
 */
export async function embedWithCache(
  cache: Pick<EmbeddingCache, 'getMany' | 'putMany'>,
  modelKey: string,
  texts: readonly string[],
  embedMissing: (texts: string[], hits: CacheHits) => Promise<EmbeddingMatrix>,
): Promise<CachedEmbedding> {
  const hashes = texts.map(hashText);
  const { found, missing } = await cache.getMany(modelKey, hashes);
  const { toEmbed, rowFor } = planMissing(hashes, missing);
  const dims = dimsOfModelKey(modelKey);
  const duplicates = missing.length - toEmbed.length;
  let fresh: EmbeddingMatrix = { vectors: new Float32Array(0), dim: dims ?? 0 };
  let saved: Promise<boolean> = Promise.resolve(true);
  if (toEmbed.length > 0) {
    fresh = await embedMissing(
      toEmbed.map((p) => texts[p]),
      { fromCache: found.size, duplicates },
    );
    if (rowCount(fresh) !== toEmbed.length) {
      throw new Error(`embedMissing returned ${rowCount(fresh)} vectors for ${toEmbed.length} texts`);
    }
    if (dims !== undefined && fresh.dim !== dims) {
      throw new Error(`the model returned ${fresh.dim}-dimensional vectors but the cache key ${modelKey} says ${dims}`);
    }
    saved = cache.putMany(modelKey, hashes, fresh, toEmbed);
  }
  const matrix = assembleRows(texts.length, found, fresh, rowFor, dims);
  return { matrix, fromCache: found.size, embedded: toEmbed.length, duplicates, saved };
}
