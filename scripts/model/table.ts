/**
 * The word-table pipeline of the bundled model as pure functions, shared by
 * scripts/build-bundled-model.ts (which writes the ONNX model) and
 * scripts/tune-bundled-model.ts (which evaluates settings in memory).
 *
 *   raw GloVe rows ─► [all-but-the-top] ─► [L2-normalise] ─► × SIF weight ─► [− top PCs] ─► table
 *
 * Every step is linear in the word vectors or a per-row rescaling, so a plain mean of the
 * stored rows (transformers.js' `pooling: 'mean'`) followed by L2 normalisation is the
 * sentence embedding of the whole pipeline.
 */
import { columnMeans, symmetricEigen, secondMoment, subtractRow } from './linalg.ts';
import { removeComponent, sifWeight } from './sif.ts';

export interface TableOptions {
  /** SIF smoothing constant a in a/(a+p(w)). */
  sifA: number;
  /**
   * All-but-the-top (Mu & Viswanath, ICLR 2018) on the raw vectors: subtract the mean
   * vector and project out the top `abttComponents` principal components of the centred
   * vocabulary. null = skip the step entirely (not even centring).
   */
  abttComponents: number | null;
  /** L2-normalise each (post-ABTT) word vector before weighting, so the SIF weight alone sets its influence. */
  unitNormalize: boolean;
  /**
   * SIF common-component removal: project out the top `removeWeightedComponents`
   * uncentred principal components of the weighted table (1 = Arora et al.'s default).
   */
  removeWeightedComponents: number;
}

export interface TableStats {
  abttExplained: number[];
  weightedExplained: number[];
}

/**
 * Builds the float table for `n` words. `raw` is row-major [n, dim] (the GloVe vectors of
 * the kept words), `p[j]` the unigram probability of word j. Returns a new array.
 */
export function buildWordTable(
  raw: Float64Array,
  p: ArrayLike<number>,
  n: number,
  dim: number,
  opts: TableOptions,
): { x: Float64Array; stats: TableStats } {
  const x = Float64Array.from(raw);
  const stats: TableStats = { abttExplained: [], weightedExplained: [] };

  if (opts.abttComponents !== null) {
    const mu = columnMeans(x, n, dim);
    subtractRow(x, n, dim, mu);
    if (opts.abttComponents > 0) {
      const { values, vectors } = symmetricEigen(secondMoment(x, n, dim), dim);
      const trace = values.reduce((s, v) => s + v, 0);
      for (let k = 0; k < opts.abttComponents; k++) {
        removeComponent(x, n, dim, vectors.subarray(k * dim, (k + 1) * dim));
        stats.abttExplained.push(values[k] / trace);
      }
    }
  }

  for (let r = 0; r < n; r++) {
    const o = r * dim;
    let scale = sifWeight(p[r], opts.sifA);
    if (opts.unitNormalize) {
      let sq = 0;
      for (let i = 0; i < dim; i++) sq += x[o + i] ** 2;
      scale = sq > 0 ? scale / Math.sqrt(sq) : 0;
    }
    for (let i = 0; i < dim; i++) x[o + i] *= scale;
  }

  if (opts.removeWeightedComponents > 0) {
    const { values, vectors } = symmetricEigen(secondMoment(x, n, dim), dim);
    const trace = values.reduce((s, v) => s + v, 0);
    for (let k = 0; k < opts.removeWeightedComponents; k++) {
      removeComponent(x, n, dim, vectors.subarray(k * dim, (k + 1) * dim));
      stats.weightedExplained.push(values[k] / trace);
    }
  }
  return { x, stats };
}

/**
 * The kept words, as 0-based GloVe frequency ranks in ascending order: the `topWords` most
 * frequent tokenizable words plus every tokenizable curated term found anywhere in GloVe.
 */
export function selectVocabulary(
  words: readonly string[],
  topWords: number,
  curated: readonly string[],
  isTokenizable: (w: string) => boolean,
): { ranks: number[]; curatedAdded: string[]; curatedMissing: string[]; lastTopWordRank: number } {
  const rankOf = new Map<string, number>();
  words.forEach((w, i) => rankOf.set(w, i));
  const keep = new Set<number>();
  let lastTop = -1;
  for (let i = 0; i < words.length && keep.size < topWords; i++) {
    if (isTokenizable(words[i])) {
      keep.add(i);
      lastTop = i;
    }
  }
  const unique = [...new Set(curated)];
  const curatedMissing = unique.filter((w) => !rankOf.has(w) || !isTokenizable(w));
  const curatedAdded = unique.filter((w) => rankOf.has(w) && isTokenizable(w) && !keep.has(rankOf.get(w)!));
  for (const w of curatedAdded) keep.add(rankOf.get(w)!);
  return { ranks: [...keep].sort((a, b) => a - b), curatedAdded, curatedMissing, lastTopWordRank: lastTop + 1 };
}
