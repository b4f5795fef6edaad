/**
 * Re-ranker scores cached per (re-ranker + dtype, job description, profile text), in memory
 * and in IndexedDB. The IndexedDB side is the embedding cache itself: a score is stored as a
 * one-value vector under the model key "rerank:<id>#<hash of the job description>|<dtype>|wasm|1"
 * and the profile text's hash, so `embedWithCache` does the lookup, the scoring of what is
 * missing and the background save, and the Storage panel lists and clears scores too.
 */
import { hashText } from '../core/textHash';
import { cacheModelKey, embedWithCache, type CacheLookup, type EmbeddingCache } from './embeddingCache';
import type { EmbeddingMatrix } from '../core/vectors';

export type ScoreStore = Pick<EmbeddingCache, 'getMany' | 'putMany'>;

/** The cache key naming the scores of one re-ranker and dtype for one job description. */
export function scoreCacheKey(rerankerId: string, dtype: string, query: string): string {
  return cacheModelKey({ modelId: `rerank:${rerankerId}#${hashText(query)}`, weights: '', dtype, device: 'wasm', dims: 1 });
}

/**
 * A bounded in-memory layer in front of a store: answers what it holds without a database
 * round trip (switching the top N or the result count back and forth re-ranks instantly),
 * asks the store for the rest, and writes through.
 */
export class MemoryFirstStore implements ScoreStore {
  private readonly values = new Map<string, Float32Array>();

  constructor(
    private readonly inner: ScoreStore,
    private readonly capacity = 50_000,
  ) {}

  get size(): number {
    return this.values.size;
  }

  async getMany(modelKey: string, hashes: readonly string[]): Promise<CacheLookup> {
    const found = new Map<number, Float32Array>();
    const missing: number[] = [];
    hashes.forEach((h, i) => {
      const v = this.values.get(`${modelKey}\n${h}`);
      if (v) found.set(i, v);
      else missing.push(i);
    });
    if (missing.length === 0) return { found, missing };
    const below = await this.inner.getMany(modelKey, missing.map((i) => hashes[i]));
    for (const [j, v] of below.found) {
      found.set(missing[j], v);
      this.remember(`${modelKey}\n${hashes[missing[j]]}`, v);
    }
    return { found, missing: below.missing.map((j) => missing[j]) };
  }

  putMany(modelKey: string, hashes: readonly string[], vectors: EmbeddingMatrix, positions?: readonly number[]): Promise<boolean> {
    const { dim } = vectors;
    const rows = positions ?? hashes.map((_, i) => i);
    rows.forEach((p, j) => this.remember(`${modelKey}\n${hashes[p]}`, vectors.vectors.slice(j * dim, (j + 1) * dim)));
    return this.inner.putMany(modelKey, hashes, vectors, positions);
  }

  private remember(key: string, value: Float32Array): void {
    this.values.delete(key);
    this.values.set(key, value);
    // oldest first in a Map: drop from the front
    while (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value as string);
  }
}

export interface CachedScores {
  /** One score per document, in the order of `documents`. */
  scores: Float32Array;
  fromCache: number;
  scored: number;
  /** Settles when new scores are saved in IndexedDB; never rejects. */
  saved: Promise<boolean>;
}

/** Scores `documents` for `key` through `store`, calling `scoreMissing` once with the uncached ones (or not at all). */
export async function scoresWithCache(
  store: ScoreStore,
  key: string,
  documents: readonly string[],
  scoreMissing: (documents: string[]) => Promise<Float32Array>,
): Promise<CachedScores> {
  const out = await embedWithCache(store, key, documents, async (missing) => ({ vectors: await scoreMissing(missing), dim: 1 }));
  return { scores: out.matrix.vectors, fromCache: out.fromCache, scored: out.embedded, saved: out.saved };
}
