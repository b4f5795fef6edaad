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

/**
 * 1 / (rank of the first item whose grade is at least `minGrade`), ranks from 1; 0 when
 * no such item is in `ranked`. Pass the whole ranking (not a top k) for the usual MRR.
 */
export function reciprocalRank(ranked: readonly number[], minGrade = 1): number {
  const i = ranked.findIndex((g) => g >= minGrade);
  return i < 0 ? 0 : 1 / (i + 1);
}

/**
 * Recall@k: the share of all relevant items (grade >= `minGrade` in `all`) that appear in
 * the top k of `ranked`. Defined as 0 when nothing is relevant, like ndcgAt: a query with
 * no relevant items cannot be answered well, and 0 keeps means finite.
 */
export function recallAt(ranked: readonly number[], all: readonly number[], k: number, minGrade = 1): number {
  let relevant = 0;
  for (const g of all) if (g >= minGrade) relevant++;
  if (relevant === 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (ranked[i] >= minGrade) hits++;
  return hits / relevant;
}

/**
 * ROC AUC of separating `positives` from `negatives` by score: the probability that a
 * random positive scores above a random negative, ties counting half (the Mann–Whitney U
 * statistic divided by m·n). Computed from average ranks, O((m + n) log(m + n)).
 * Returns null when either set is empty (the AUC is undefined) or a score is NaN.
 */
export function rocAuc(positives: ArrayLike<number>, negatives: ArrayLike<number>): number | null {
  const m = positives.length;
  const n = negatives.length;
  if (m === 0 || n === 0) return null;
  const items: { score: number; positive: boolean }[] = [];
  for (let i = 0; i < m; i++) items.push({ score: positives[i], positive: true });
  for (let i = 0; i < n; i++) items.push({ score: negatives[i], positive: false });
  if (items.some((x) => Number.isNaN(x.score))) return null;
  items.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : 0)); // safe for ±Infinity
  // sum of the positives' ranks (1-based, ascending score), tied scores sharing their mean rank
  let rankSum = 0;
  for (let start = 0; start < items.length; ) {
    let end = start;
    while (end + 1 < items.length && items[end + 1].score === items[start].score) end++;
    const meanRank = (start + end + 2) / 2;
    for (let i = start; i <= end; i++) if (items[i].positive) rankSum += meanRank;
    start = end + 1;
  }
  const u = rankSum - (m * (m + 1)) / 2;
  return u / (m * n);
}
