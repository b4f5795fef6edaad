/**
 * Ranking quality metrics over graded relevance. `ranked` holds the relevance grade of
 * each returned item in rank order (0 = not relevant); `all` holds the grades of every
 * candidate, so the ideal ranking can be computed.
 */

/** Discounted cumulative gain with exponential gain 2^g - 1 (the usual graded form). */
export function dcgAt(ranked: readonly number[], k: number): number {
  let s = 0;
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) s += (2 ** ranked[i] - 1) / Math.log2(i + 2);
  return s;
}

/** nDCG@k in [0, 1]; 0 when nothing is relevant (no ideal gain to normalise by). */
export function ndcgAt(ranked: readonly number[], all: readonly number[], k: number): number {
  const ideal = [...all].sort((a, b) => b - a);
  const idcg = dcgAt(ideal, k);
  return idcg === 0 ? 0 : dcgAt(ranked, k) / idcg;
}

/** Share of the top k whose grade is at least `minGrade`; divides by k even if fewer were returned. */
export function precisionAt(ranked: readonly number[], k: number, minGrade = 1): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (ranked[i] >= minGrade) hits++;
  return hits / k;
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
