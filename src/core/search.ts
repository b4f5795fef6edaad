import { scoreAll, type EmbeddingMatrix } from './vectors';
import { topK } from './topK';

export interface RankedHit {
  /** Row index into the profile matrix (and the profile list). */
  index: number;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

/** Cosine-ranks every profile row against a unit query vector and keeps the best k. */
export function rankByCosine(profiles: EmbeddingMatrix, query: ArrayLike<number>, k: number): RankedHit[] {
  const scores = scoreAll(profiles, query);
  return topK(scores, k).map((index) => ({ index, score: scores[index] }));
}
