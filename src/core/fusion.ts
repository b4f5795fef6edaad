/**
 * Hybrid ranking: fuses keyword (BM25) scores with embedding (cosine) scores into one score
 * per profile. Two families, both standard:
 * - `convex`: w · norm(embedding) + (1 − w) · norm(keyword), each list normalised first
 *   because cosines (≈ 0.2–0.9) and BM25 scores (0 to tens) live on different scales;
 * - `rrf`: reciprocal rank fusion, w / (c + rank_embedding) + (1 − w) / (c + rank_keyword),
 *   which looks only at ranks.
 * Which one and which weight the app uses by default was measured on the tuning half of
 * the bundled job descriptions (scripts/tune-fusion.ts) and is reported on the other half.
 */
import { assertUnreachable } from './assert';

export type RankingKind = 'embedding' | 'bm25' | 'hybrid' | 'reranked';

/** How a list of scores is put on a common scale before mixing. */
export type Normalisation = 'minmax' | 'zscore';

export type FusionOptions =
  | { method: 'convex'; /** weight of the embedding scores, 0..1 */ weight: number; normalisation: Normalisation }
  | { method: 'rrf'; /** weight of the embedding ranks, 0..1 */ weight: number; /** rank offset c */ offset: number };

/** The app's default hybrid (chosen by scripts/tune-fusion.ts on the odd-numbered job descriptions). */
export const DEFAULT_FUSION: FusionOptions = { method: 'convex', weight: 0.4, normalisation: 'zscore' };

/** Scores on a common scale. Constant lists map to all zeros (they carry no order). */
export function normaliseScores(scores: ArrayLike<number>, how: Normalisation): Float32Array {
  const n = scores.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  switch (how) {
    case 'minmax': {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        lo = Math.min(lo, scores[i]);
        hi = Math.max(hi, scores[i]);
      }
      const span = hi - lo;
      if (!(span > 0)) return out;
      for (let i = 0; i < n; i++) out[i] = (scores[i] - lo) / span;
      return out;
    }
    case 'zscore': {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += scores[i];
      const mean = sum / n;
      let sq = 0;
      for (let i = 0; i < n; i++) sq += (scores[i] - mean) ** 2;
      const sd = Math.sqrt(sq / n);
      if (!(sd > 0)) return out;
      for (let i = 0; i < n; i++) out[i] = (scores[i] - mean) / sd;
      return out;
    }
    default:
      return assertUnreachable(how);
  }
}

/** 1-based ranks, best score first; ties share the better rank. */
export function ranksOf(scores: ArrayLike<number>): Uint32Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const ranks = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const prev = r > 0 ? order[r - 1] : -1;
    ranks[i] = prev >= 0 && scores[prev] === scores[i] ? ranks[prev] : r + 1;
  }
  return ranks;
}

/**
 * One fused score per profile; higher is better. Both lists must score the same profiles.
 * A profile either list leaves unscored (NaN: not embedded yet, say) is left out of the
 * fusion: the scaling and ranks are taken over the profiles both lists score, exactly as if
 * the collection held only those, and the others get NaN, which every top-k skips.
 */
export function fuseScores(embedding: ArrayLike<number>, keyword: ArrayLike<number>, options: FusionOptions = DEFAULT_FUSION): Float32Array {
  if (embedding.length !== keyword.length) throw new Error(`fusion: ${embedding.length} embedding scores for ${keyword.length} keyword scores`);
  const both: number[] = [];
  for (let i = 0; i < embedding.length; i++) if (!Number.isNaN(embedding[i]) && !Number.isNaN(keyword[i])) both.push(i);
  if (both.length === embedding.length) return fuseAll(embedding, keyword, options);
  const fused = fuseAll(
    Float32Array.from(both, (i) => embedding[i]),
    Float32Array.from(both, (i) => keyword[i]),
    options,
  );
  const out = new Float32Array(embedding.length).fill(Number.NaN);
  both.forEach((i, j) => (out[i] = fused[j]));
  return out;
}

function fuseAll(embedding: ArrayLike<number>, keyword: ArrayLike<number>, options: FusionOptions): Float32Array {
  const w = options.weight;
  if (!(w >= 0 && w <= 1)) throw new Error(`fusion: weight ${w} is not between 0 and 1`);
  const n = embedding.length;
  const out = new Float32Array(n);
  switch (options.method) {
    case 'convex': {
      const e = normaliseScores(embedding, options.normalisation);
      const k = normaliseScores(keyword, options.normalisation);
      for (let i = 0; i < n; i++) out[i] = w * e[i] + (1 - w) * k[i];
      return out;
    }
    case 'rrf': {
      if (!(options.offset >= 0)) throw new Error(`fusion: rank offset ${options.offset} must be 0 or more`);
      const e = ranksOf(embedding);
      const k = ranksOf(keyword);
      for (let i = 0; i < n; i++) out[i] = w / (options.offset + e[i]) + (1 - w) / (options.offset + k[i]);
      return out;
    }
    default:
      return assertUnreachable(options);
  }
}

/** Plain words for the UI and reports, e.g. "z-scored, 50% embedding". */
export function describeFusion(options: FusionOptions): string {
  const share = `${Math.round(options.weight * 100)}% embedding`;
  return options.method === 'rrf' ? `reciprocal rank fusion (c = ${options.offset}), ${share}` : `${options.normalisation === 'zscore' ? 'z-scored' : 'min-max scaled'} scores, ${share}`;
}

/** The rankings a user can choose between (re-ranking is a later stage on top of one of them). */
export type BaseRanking = Exclude<RankingKind, 'reranked'>;

/** The scores a ranking orders profiles by; `keyword` may be null only for the embedding ranking. */
export function rankingScores(kind: BaseRanking, embedding: Float32Array, keyword: Float32Array | null, fusion: FusionOptions = DEFAULT_FUSION): Float32Array {
  if (kind === 'embedding') return embedding;
  if (!keyword) throw new Error(`fusion: the ${kind} ranking needs keyword scores`);
  return kind === 'bm25' ? keyword : fuseScores(embedding, keyword, fusion);
}
