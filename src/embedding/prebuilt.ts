/**
 * Embeddings of the bundled profiles built with the app (`vite build` runs the bundled model
 * over public/data/profiles.json in Node with the worker's own embedding loop; see
 * vite.config.ts and scripts/lib/prebuilt.ts), so the first ranking needs no embedding pass.
 *
 * They sit in front of the embedding cache as a read-only layer: a row is used only when the
 * cache key (model, weights revision, dtype, device, dims) is the file's and the text's hash is
 * the row's, so a profile whose text changed, or another model, is embedded as before. Rows
 * found here are never written to IndexedDB (the file is there on every visit).
 */
import { decodeVectorFile, type VectorFile } from '../core/vectorFile';
import type { EmbeddingCache } from './embeddingCache';

/** Where the build puts a model's vectors of the bundled profiles, relative to the app's base. */
export function prebuiltPath(modelId: string): string {
  return `data/profiles.${modelId}.vec`;
}

export interface PrebuiltVectors {
  modelKey: string;
  dim: number;
  rowOf: Map<string, number>;
  vectors: Float32Array;
}

export function indexVectorFile(file: VectorFile): PrebuiltVectors {
  const rowOf = new Map<string, number>();
  file.hashes.forEach((h, i) => {
    if (!rowOf.has(h)) rowOf.set(h, i);
  });
  return { modelKey: file.modelKey, dim: file.dim, rowOf, vectors: file.vectors };
}

type CacheLayer = Pick<EmbeddingCache, 'getMany' | 'putMany'>;

/** The cache with the prebuilt rows in front of it; `served` counts the rows the file answered. */
export function withPrebuilt(cache: CacheLayer, prebuilt: PrebuiltVectors | null): CacheLayer & { readonly served: number } {
  let served = 0;
  return {
    get served() {
      return served;
    },
    putMany: (modelKey, hashes, vectors, positions) => cache.putMany(modelKey, hashes, vectors, positions),
    async getMany(modelKey, hashes) {
      if (!prebuilt || modelKey !== prebuilt.modelKey) return cache.getMany(modelKey, hashes);
      const { dim, rowOf, vectors } = prebuilt;
      const found = new Map<number, Float32Array>();
      const rest: number[] = [];
      hashes.forEach((h, i) => {
        const row = rowOf.get(h);
        if (row === undefined) rest.push(i);
        else found.set(i, vectors.subarray(row * dim, (row + 1) * dim));
      });
      served += found.size;
      if (rest.length === 0) return { found, missing: [] };
      // the rest from the cache, mapped back to the caller's positions
      const below = await cache.getMany(
        modelKey,
        rest.map((i) => hashes[i]),
      );
      for (const [j, v] of below.found) found.set(rest[j], v);
      return { found, missing: below.missing.map((j) => rest[j]) };
    },
  };
}

/**
 * Fetches and reads the prebuilt vectors; null when there are none (not built, e.g. under
 * `vite` dev, where the server answers with its HTML page) or they cannot be read: the app
 * then embeds the profiles itself, as it would without them.
 */
export async function fetchPrebuilt(url: string, fetchFn: typeof fetch = fetch): Promise<PrebuiltVectors | null> {
  try {
    const res = await fetchFn(url);
    if (!res.ok) return null;
    return indexVectorFile(decodeVectorFile(await res.arrayBuffer()));
  } catch {
    return null;
  }
}
