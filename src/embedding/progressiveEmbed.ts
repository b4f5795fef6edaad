/**
 * Embedding through the cache a chunk at a time, for models slow enough (a real transformer
 * in the browser: minutes for a few thousand profiles) that the user should be able to work
 * with the profiles embedded so far:
 * - what the cache has is there at once (a reload mid-run resumes where it stopped);
 * - the rest goes to the model in chunks, in a seeded random order, so the profiles embedded
 *   so far are a fair sample of the dataset even when a file is sorted by role;
 * - every chunk is saved to the cache as soon as it is embedded, so a cancel, a model switch,
 *   a failure or a reload keeps it;
 * - after the cache read and after every chunk, `onProgress` reports the counts and can take a
 *   snapshot (a copy) of the rows embedded so far.
 * `embedWithCache` stays the one-call path for fast models (the bundled one, API models whose
 * backend saves its own batches).
 */
import { planMissing } from '../core/assembleRows';
import { nextChunkSize, measuredRate } from '../core/progressive';
import { shuffled } from '../core/random';
import { hashText } from '../core/textHash';
import { rowCount, type EmbeddingMatrix } from '../core/vectors';
import { dimsOfModelKey, type CachedEmbedding, type EmbeddingCache } from './embeddingCache';

/** Seed of the embedding order: fixed, so a resumed run continues in the same order. */
export const EMBED_ORDER_SEED = 20240613;

export interface ChunkProgress {
  /** Rows with a vector: cached, computed, and duplicates of computed texts. */
  done: number;
  total: number;
  fromCache: number;
  /** Distinct texts computed so far in this run. */
  computed: number;
  duplicates: number;
  /** Milliseconds spent waiting for the model in this run. */
  elapsedMs: number;
  /** A copy of the rows embedded so far (rows without a vector are zero) and which they are. */
  snapshot(): { matrix: EmbeddingMatrix; has: Uint8Array };
}

export interface ChunkedOptions {
  onProgress?: (p: ChunkProgress) => void;
  /** Checked after every chunk; false stops the run (a newer run or a cancel took over). */
  isCurrent?: () => boolean;
  /** Texts in the next chunk, from the measured texts/s (null before the first chunk). */
  chunkSize?: (textsPerSecond: number | null) => number;
  now?: () => number;
}

/** Thrown when `isCurrent` turned false, once the chunks embedded before are saved. */
export class RunSuperseded extends Error {
  constructor() {
    super('A newer embedding run took over.');
    this.name = 'RunSuperseded';
  }
}

export async function embedInChunks(
  cache: Pick<EmbeddingCache, 'getMany' | 'putMany'>,
  modelKey: string,
  texts: readonly string[],
  embedChunk: (texts: string[]) => Promise<EmbeddingMatrix>,
  options: ChunkedOptions = {},
): Promise<CachedEmbedding> {
  const { onProgress, isCurrent = () => true, chunkSize = nextChunkSize, now = () => performance.now() } = options;
  const n = texts.length;
  const hashes = texts.map(hashText);
  const { found, missing } = await cache.getMany(modelKey, hashes);
  const { toEmbed, rowFor } = planMissing(hashes, missing);
  let dim = dimsOfModelKey(modelKey) ?? found.values().next().value?.length ?? 0;
  let vectors = new Float32Array(n * dim);
  const has = new Uint8Array(n);
  for (const [i, v] of found) {
    vectors.set(v, i * dim);
    has[i] = 1;
  }
  // every position a computed text fills: its own and those of identical texts
  const positionsOf: number[][] = toEmbed.map(() => []);
  for (let i = 0; i < n; i++) if (rowFor[i] >= 0) positionsOf[rowFor[i]].push(i);

  let done = found.size;
  let computed = 0;
  let duplicates = 0;
  let elapsedMs = 0;
  const report = () =>
    onProgress?.({
      done,
      total: n,
      fromCache: found.size,
      computed,
      duplicates,
      elapsedMs,
      snapshot: () => ({ matrix: { vectors: vectors.slice(), dim }, has: has.slice() }),
    });
  report();

  const order = shuffled(
    toEmbed.map((_, r) => r),
    EMBED_ORDER_SEED,
  );
  let saved: Promise<boolean> = Promise.resolve(true);
  for (let start = 0; start < order.length; ) {
    const rows = order.slice(start, start + Math.max(1, chunkSize(measuredRate(computed, elapsedMs))));
    start += rows.length;
    const began = now();
    let fresh: EmbeddingMatrix;
    try {
      fresh = await embedChunk(rows.map((r) => texts[toEmbed[r]]));
    } catch (err) {
      // a cancel or a failure: the chunks before are saved before the caller hears of it, so a resume finds them
      await saved;
      throw err;
    }
    elapsedMs += now() - began;
    if (rowCount(fresh) !== rows.length) throw new Error(`the model returned ${rowCount(fresh)} vectors for ${rows.length} texts`);
    if (dim === 0 && fresh.dim > 0) {
      dim = fresh.dim;
      vectors = new Float32Array(n * dim);
    }
    if (fresh.dim !== dim) throw new Error(`the model returned ${fresh.dim}-dimensional vectors but the cache key ${modelKey} says ${dim}`);
    // saved before anything else can stop the run; writes go one after another
    const positions = rows.map((r) => toEmbed[r]);
    const write = saved;
    saved = write.then((ok) => cache.putMany(modelKey, hashes, fresh, positions).then((stored) => ok && stored));
    rows.forEach((r, j) => {
      for (const p of positionsOf[r]) {
        vectors.set(fresh.vectors.subarray(j * dim, (j + 1) * dim), p * dim);
        has[p] = 1;
      }
      done += positionsOf[r].length;
      duplicates += positionsOf[r].length - 1;
    });
    computed += rows.length;
    if (!isCurrent()) {
      await saved;
      throw new RunSuperseded();
    }
    report();
  }
  return { matrix: { vectors, dim }, fromCache: found.size, embedded: toEmbed.length, duplicates: missing.length - toEmbed.length, saved };
}
