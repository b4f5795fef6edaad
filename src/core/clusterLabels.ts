/**
 * Names clusters by their most distinctive words, using class-based TF-IDF (c-TF-IDF)
 * from BERTopic (Grootendorst 2022, "BERTopic: Neural topic modeling with a class-based
 * TF-IDF procedure", arXiv:2203.05794; ClassTfidfTransformer in the bertopic package):
 *
 *   W(t, c) = tf(t, c) * log(1 + A / f(t))
 *
 * where each cluster's texts are concatenated into one document, tf(t, c) is the count
 * of t in cluster c divided by the cluster's total word count (BERTopic's L1
 * normalisation, so big clusters do not win on volume), f(t) is the count of t across all
 * clusters, and A is the average word count per non-empty cluster. A word frequent in one
 * cluster but rare overall scores high; a word every cluster uses scores low.
 * Normalisation does not change the order of terms within a cluster, only their weights.
 */
import { tokenize } from './bm25';
import { mulberry32 } from './random';

export interface ClusterLabelOptions {
  /** Terms per cluster (default 3). */
  topTerms?: number;
  /**
   * 2 also counts adjacent word pairs ("product roadmap"), formed after stopwords and
   * short tokens are dropped, as scikit-learn's CountVectorizer does for BERTopic.
   * Default 1.
   */
  ngrams?: 1 | 2;
  /**
   * Texts per cluster whose words are counted (default: all). Tokenizing is most of the
   * cost (~2.5 s for 100,000 profiles); a seeded sample of a few thousand texts per cluster
   * names it by the same top words. Sizes and dominant roles always count every text.
   */
  maxTextsPerCluster?: number;
  /** Seed of the order in which texts are sampled when a cluster has more than maxTextsPerCluster. */
  seed?: number;
}

export interface ClusterLabel {
  cluster: number;
  /** Texts in the cluster. */
  size: number;
  /** Most distinctive terms, best first. */
  terms: string[];
  /** Most common role in the cluster ('' if empty); ties go to the alphabetically first. */
  dominantRole: string;
  /** Fraction of the cluster with the dominant role, in [0, 1]. */
  dominantShare: number;
  /** e.g. "product roadmap, discovery, backlog (Product Manager 71%)". */
  label: string;
}

const DEFAULT_TOP_TERMS = 3;

/** Tokens worth naming a cluster by: no stopwords (tokenize drops them), nothing under 3 characters, no bare numbers. */
export function labelTerms(text: string, ngrams: 1 | 2 = 1): string[] {
  const words = tokenize(text).filter((t) => t.length >= 3 && !/^[0-9.]+$/.test(t));
  if (ngrams === 1) return words;
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

export function clusterLabels(
  texts: readonly string[],
  labels: ArrayLike<number>,
  k: number,
  roles: readonly string[],
  options: ClusterLabelOptions = {},
): ClusterLabel[] {
  const { topTerms = DEFAULT_TOP_TERMS, ngrams = 1, maxTextsPerCluster = Infinity, seed = 0 } = options;
  if (labels.length !== texts.length) throw new Error(`clusterLabels: ${labels.length} labels for ${texts.length} texts`);
  if (roles.length !== texts.length) throw new Error(`clusterLabels: ${roles.length} roles for ${texts.length} texts`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`clusterLabels: k must be a positive integer, got ${k}`);
  if (!Number.isInteger(topTerms) || topTerms < 0) throw new Error(`clusterLabels: topTerms must be a non-negative integer, got ${topTerms}`);
  if (!(maxTextsPerCluster >= 1)) throw new Error(`clusterLabels: maxTextsPerCluster must be at least 1, got ${maxTextsPerCluster}`);

  const termCounts = Array.from({ length: k }, () => new Map<string, number>());
  const wordTotals = new Array<number>(k).fill(0);
  const roleCounts = Array.from({ length: k }, () => new Map<string, number>());
  const sizes = new Array<number>(k).fill(0);
  const corpusCounts = new Map<string, number>();

  for (let i = 0; i < texts.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new Error(`clusterLabels: label ${c} of text ${i} is not in [0, ${k})`);
    sizes[c]++;
    roleCounts[c].set(roles[i], (roleCounts[c].get(roles[i]) ?? 0) + 1);
  }
  const counted = new Array<number>(k).fill(0);
  for (const i of countingOrder(texts.length, sizes, maxTextsPerCluster, seed)) {
    const c = labels[i];
    if (counted[c] >= maxTextsPerCluster) continue;
    counted[c]++;
    for (const t of labelTerms(texts[i], ngrams)) {
      termCounts[c].set(t, (termCounts[c].get(t) ?? 0) + 1);
      wordTotals[c]++;
    }
  }
  // A sampled cluster's counts scaled up to its size estimate its full counts, so the
  // corpus frequencies f(t) and the average A weigh clusters as they would unsampled.
  for (let c = 0; c < k; c++) {
    const scale = counted[c] > 0 ? sizes[c] / counted[c] : 1;
    if (scale !== 1) {
      for (const [t, count] of termCounts[c]) termCounts[c].set(t, count * scale);
      wordTotals[c] *= scale;
    }
    for (const [t, count] of termCounts[c]) corpusCounts.set(t, (corpusCounts.get(t) ?? 0) + count);
  }

  const nonEmpty = wordTotals.filter((w) => w > 0).length;
  const averageWords = nonEmpty === 0 ? 0 : wordTotals.reduce((a, b) => a + b, 0) / nonEmpty;

  return termCounts.map((counts, cluster) => {
    const weighted = [...counts].map(([term, count]) => ({
      term,
      weight: (count / wordTotals[cluster]) * Math.log(1 + averageWords / (corpusCounts.get(term) ?? 1)),
    }));
    weighted.sort((a, b) => b.weight - a.weight || compare(a.term, b.term));
    const terms = pickTerms(
      weighted.map((w) => w.term),
      topTerms,
    );
    const [dominantRole, roleCount] = dominant(roleCounts[cluster]);
    const dominantShare = sizes[cluster] === 0 ? 0 : roleCount / sizes[cluster];
    return {
      cluster,
      size: sizes[cluster],
      terms,
      dominantRole,
      dominantShare,
      label: formatLabel(terms, dominantRole, dominantShare, sizes[cluster]),
    };
  });
}

/** Row order for counting words: as given when no cluster is capped, else a seeded shuffle, so a capped cluster counts a uniform sample. */
function countingOrder(n: number, sizes: readonly number[], cap: number, seed: number): Iterable<number> {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (sizes.every((s) => s <= cap)) return order;
  const random = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Takes terms best first, skipping a word already shown inside a chosen pair and a pair
 * containing a chosen word, so a label never reads "product roadmap, roadmap".
 */
function pickTerms(ranked: readonly string[], limit: number): string[] {
  const chosen: string[] = [];
  const overlaps = (a: string, b: string) => {
    const wa = a.split(' ');
    const wb = b.split(' ');
    return (wa.length === 1 || wb.length === 1) && wa.some((w) => wb.includes(w));
  };
  for (const term of ranked) {
    if (chosen.length >= limit) break;
    if (chosen.some((c) => overlaps(c, term))) continue;
    chosen.push(term);
  }
  return chosen;
}

function dominant(counts: Map<string, number>): [string, number] {
  let best = '';
  let bestCount = 0;
  for (const [role, count] of counts) {
    if (count > bestCount || (count === bestCount && compare(role, best) < 0)) {
      best = role;
      bestCount = count;
    }
  }
  return [best, bestCount];
}

function formatLabel(terms: readonly string[], role: string, share: number, size: number): string {
  if (size === 0) return '(empty cluster)';
  const words = terms.length > 0 ? terms.join(', ') : '(no distinctive terms)';
  return `${words} (${role} ${Math.round(share * 100)}%)`;
}

/** Code-unit order: deterministic across machines, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
