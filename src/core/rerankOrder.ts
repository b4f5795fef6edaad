/**
 * Merging cross-encoder scores into a first-stage ranking, and how far each profile moved.
 * Pure: the re-ranking stage (store/rerankActions) feeds it the first-stage candidates and
 * the re-ranker's scores for the top of them.
 */

/** Where a profile is after re-ranking, relative to where it was before (ranks are 1-based). */
export type Move =
  | { kind: 'up'; by: number; from: number }
  | { kind: 'down'; by: number; from: number }
  | { kind: 'same'; from: number }
  /** It was below the list shown before re-ranking (rank `from`), and is in it now. */
  | { kind: 'new'; from: number };

export interface RerankedHit<H> {
  hit: H;
  /** The re-ranker's score, or null for a candidate below the re-ranked top N. */
  rerankScore: number | null;
  move: Move;
}

/**
 * Reorders `candidates` (first-stage order, best first): the first `scores.length` by score,
 * highest first (ties and non-finite scores keep their first-stage order, non-finite last),
 * then the rest unchanged. `shownBefore` is how many the list showed before re-ranking: a
 * candidate from below that cut that lands inside it is "new".
 */
export function rerankOrder<H>(candidates: readonly H[], scores: ArrayLike<number>, shownBefore: number): RerankedHit<H>[] {
  const n = Math.min(scores.length, candidates.length);
  const key = (i: number) => (Number.isFinite(scores[i]) ? scores[i] : -Infinity);
  const head = Array.from({ length: n }, (_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
  const order = [...head, ...Array.from({ length: candidates.length - n }, (_, j) => n + j)];
  return order.map((before, after) => ({
    hit: candidates[before],
    rerankScore: before < n ? scores[before] : null,
    move: moveOf(before + 1, after + 1, shownBefore),
  }));
}

export function moveOf(from: number, to: number, shownBefore: number): Move {
  if (from > shownBefore && to <= shownBefore) return { kind: 'new', from };
  if (to < from) return { kind: 'up', by: from - to, from };
  if (to > from) return { kind: 'down', by: to - from, from };
  return { kind: 'same', from };
}

/** Short words for a move, e.g. "up 7", "down 2", "new (was 40)", "unchanged": never colour alone. */
export function moveLabel(move: Move): string {
  switch (move.kind) {
    case 'up':
      return `up ${move.by}`;
    case 'down':
      return `down ${move.by}`;
    case 'new':
      return `new (was ${move.from})`;
    case 'same':
      return 'unchanged';
  }
}

/**
 * A full score list for evaluation: the first stage's top (`top`, best first) re-ordered by the
 * re-ranker's scores (one per top profile, in `top` order) above every other profile, which keep
 * the first stage's order below them.
 */
export function rerankedScoreList(first: ArrayLike<number>, top: readonly number[], rerankScores: ArrayLike<number>): Float32Array {
  const out = new Float32Array(first.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < first.length; i++) {
    lo = Math.min(lo, first[i]);
    hi = Math.max(hi, first[i]);
  }
  const span = hi - lo || 1;
  // re-ranker scores are sigmoids in 0..1; the rest is squeezed into -2..-1 below them
  for (let i = 0; i < first.length; i++) out[i] = (first[i] - lo) / span - 2;
  top.forEach((doc, j) => (out[doc] = rerankScores[j]));
  return out;
}
