/**
 * The pure half of embedding with a cache: decide which texts still need the model, then
 * merge cached rows and freshly embedded rows back into one matrix in the caller's order.
 */
import { rowCount, type EmbeddingMatrix } from './vectors';

export interface MissingPlan {
  /**
   * Positions whose texts go to the model, in their original order: the first position of
   * each distinct hash among the missing ones, so a text that occurs twice is embedded once.
   */
  toEmbed: number[];
  /** For every position, the row of the freshly embedded block that fills it, or -1 if the cache does. */
  rowFor: Int32Array;
}

/**
 * Plans the model call for the positions the cache did not have. `hashes` covers every
 * position; `missing` lists the positions without a cached vector.
 */
export function planMissing(hashes: readonly string[], missing: readonly number[]): MissingPlan {
  const rowFor = new Int32Array(hashes.length).fill(-1);
  const rowOfHash = new Map<string, number>();
  const toEmbed: number[] = [];
  for (const p of [...missing].sort((a, b) => a - b)) {
    if (p < 0 || p >= hashes.length || !Number.isInteger(p)) {
      throw new Error(`missing position ${p} is outside 0..${hashes.length - 1}`);
    }
    let r = rowOfHash.get(hashes[p]);
    if (r === undefined) {
      r = toEmbed.length;
      rowOfHash.set(hashes[p], r);
      toEmbed.push(p);
    }
    rowFor[p] = r;
  }
  return { toEmbed, rowFor };
}

/**
 * Builds a `count`-row matrix: position i takes row `rowFor[i]` of `fresh` when that is not
 * negative, otherwise the cached vector `found.get(i)`. Every row must have `dim` values
 * (by default the fresh block's dim, or the first cached vector's length if nothing is
 * fresh); a mismatch, a position with neither source, or a bad row index throws, since it
 * means the cache key and the model disagree.
 */
export function assembleRows(
  count: number,
  found: ReadonlyMap<number, Float32Array>,
  fresh: EmbeddingMatrix,
  rowFor: ArrayLike<number>,
  dim?: number,
): EmbeddingMatrix {
  if (rowFor.length !== count) throw new Error(`rowFor has ${rowFor.length} entries for ${count} rows`);
  const freshRows = rowCount(fresh);
  const d = dim ?? (freshRows > 0 ? fresh.dim : (found.values().next().value?.length ?? 0));
  if (freshRows > 0 && fresh.dim !== d) {
    throw new Error(`the model returned ${fresh.dim}-dimensional vectors where ${d} were expected`);
  }
  const vectors = new Float32Array(count * d);
  for (let i = 0; i < count; i++) {
    const r = rowFor[i];
    if (r >= 0) {
      if (r >= freshRows) throw new Error(`row ${i} refers to embedded row ${r} of ${freshRows}`);
      vectors.set(fresh.vectors.subarray(r * d, (r + 1) * d), i * d);
      continue;
    }
    const v = found.get(i);
    if (!v) throw new Error(`row ${i} is neither cached nor embedded`);
    if (v.length !== d) throw new Error(`cached row ${i} has ${v.length} dimensions where ${d} were expected`);
    vectors.set(v, i * d);
  }
  return { vectors, dim: d };
}
