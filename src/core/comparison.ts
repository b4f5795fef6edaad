/**
 * Everything the model comparison (in-browser lab and `npm run eval`) reports for one
 * ranking method: ranking quality, per job family, close-pair separation and, for
 * embedding models, how well k-means clusters match the role labels. Pure: scores in,
 * plain JSON-serialisable numbers out.
 *
 * "Relevant" for P@10, MRR and recall@50 means the query's target label (grade 2), as in
 * evaluate.ts; nDCG@10 uses every grade.
 */
import { adjustedRandIndex, encodeLabels, normalizedMutualInformation, purity } from './clusterQuality';
import { evaluateQuery } from './evaluate';
import { mean, recallAt, reciprocalRank } from './metrics';
import { closePairSeparation, type RolePair, type SeparationResult } from './separation';
import { topK } from './topK';

export const TARGET_GRADE = 2;

export interface ComparisonQuery {
  id: string;
  /** The target role; defaults to the label with the highest grade in `relevant`. */
  role?: string;
  /** Defaults to the family of the first profile labelled with the query's role, else "unspecified". */
  family?: string;
  /** Label -> grade (2 = the target, 1 = related); absent labels are grade 0. */
  relevant: Readonly<Record<string, number>>;
}

export interface ComparisonInput {
  /** One score per profile, per query (same order as `queries`). */
  scores: readonly ArrayLike<number>[];
  /** Role per profile. */
  labels: readonly string[];
  /** Family per profile. */
  families: readonly string[];
  queries: readonly ComparisonQuery[];
  pairs?: readonly RolePair[];
  /** Profile cluster ids and each query's clusters ranked nearest first. */
  clustering?: { labels: Int32Array; queryClusters: number[][] };
}

export interface QualityMetrics {
  ndcg10: number;
  precision10: number;
  mrr: number;
  recall50: number;
}

export interface ComparisonMetrics extends QualityMetrics {
  queries: number;
  perFamily: Record<string, QualityMetrics & { queries: number }>;
  separation: SeparationResult[];
  /** Agreement of the clusters with the role labels. */
  clustering?: { purity: number; nmi: number; ari: number };
}

export function evaluateComparison(input: ComparisonInput): ComparisonMetrics {
  const { scores, labels, families, queries, pairs, clustering } = input;
  if (scores.length !== queries.length) throw new Error(`comparison: ${scores.length} score rows for ${queries.length} queries`);
  if (families.length !== labels.length) throw new Error(`comparison: ${families.length} families for ${labels.length} profiles`);

  const roles = queries.map(queryRole);
  const perQuery = queries.map((q, i) => scoreQuery(scores[i], labels, q));
  const byFamily = new Map<string, QualityMetrics[]>();
  queries.forEach((q, i) => {
    const idx = labels.indexOf(roles[i] ?? '');
    const family = q.family ?? (idx >= 0 ? families[idx] : 'unspecified');
    byFamily.set(family, [...(byFamily.get(family) ?? []), perQuery[i]]);
  });
  const perFamily: ComparisonMetrics['perFamily'] = {};
  for (const family of [...byFamily.keys()].sort()) {
    const list = byFamily.get(family) ?? [];
    perFamily[family] = { ...average(list), queries: list.length };
  }

  const result: ComparisonMetrics = {
    ...average(perQuery),
    queries: queries.length,
    perFamily,
    separation: closePairSeparation({ scores, labels, queryRoles: roles, pairs, clustering }),
  };
  if (clustering) {
    const truth = encodeLabels(labels).ids;
    result.clustering = {
      purity: purity(clustering.labels, truth),
      nmi: normalizedMutualInformation(clustering.labels, truth),
      ari: adjustedRandIndex(clustering.labels, truth),
    };
  }
  return result;
}

/** The query's role, or its highest-graded label (first on ties), or undefined if nothing is graded. */
export function queryRole(q: ComparisonQuery): string | undefined {
  if (q.role !== undefined) return q.role;
  let best: string | undefined;
  for (const [label, grade] of Object.entries(q.relevant)) {
    if (grade > 0 && (best === undefined || grade > q.relevant[best])) best = label;
  }
  return best;
}

function scoreQuery(scores: ArrayLike<number>, labels: readonly string[], q: ComparisonQuery): QualityMetrics {
  const { ndcg10, precision10 } = evaluateQuery(scores, labels, q);
  const all = labels.map((l) => q.relevant[l] ?? 0);
  const ranked = topK(scores, scores.length).map((i) => all[i]);
  return { ndcg10, precision10, mrr: reciprocalRank(ranked, TARGET_GRADE), recall50: recallAt(ranked, all, 50, TARGET_GRADE) };
}

function average(list: readonly QualityMetrics[]): QualityMetrics {
  return {
    ndcg10: mean(list.map((x) => x.ndcg10)),
    precision10: mean(list.map((x) => x.precision10)),
    mrr: mean(list.map((x) => x.mrr)),
    recall50: mean(list.map((x) => x.recall50)),
  };
}
