/**
 * Close-pair separation: can a ranking tell a role from its look-alike ("twin"), e.g. a
 * Product Manager from a Product Marketing Manager? For each pair (A, B) and each query
 * whose role is A, we measure the AUC of A-profiles' scores against B-profiles' scores
 * and the share of B-profiles in the top 10; queries for B count symmetrically (B is
 * the target, A the twin). Both are averaged over the pair's queries.
 *
 * With clustering, the same is measured under the "query-cluster" filter (only profiles in
 * the query's nearest cluster are returned). The filtered top 10 comes from
 * clusterFilteredTopK. For the filtered AUC every target and twin profile still counts,
 * but a profile the filter removes is treated as ranked last (score -Infinity, ties among
 * removed profiles counting half): a removed twin is a success, a removed target a miss.
 * Dropping removed profiles from the AUC instead would hide the targets the filter loses;
 * `targetKeptFiltered` reports that loss directly.
 */
import { clusterFilteredTopK } from './clusterFilter';
import { mean, rocAuc } from './metrics';
import { topK } from './topK';

export type RolePair = readonly [string, string];

/** The dataset's close pairs (scripts/dataset/roles.ts CLOSE_GROUPS), PM vs PMM first. */
export const DEFAULT_CLOSE_PAIRS: readonly RolePair[] = [
  ['Product Manager', 'Product Marketing Manager'],
  ['Data Scientist', 'Data Analyst'],
  ['Data Scientist', 'Machine Learning Engineer'],
  ['DevOps Engineer', 'Site Reliability Engineer'],
  ['UX Designer', 'UI Designer'],
  ['UX Designer', 'Product Designer'],
  ['Account Executive', 'Account Manager'],
  ['Account Manager', 'Customer Success Manager'],
  ['Recruiter', 'HR Business Partner'],
  ['Accountant', 'Financial Analyst'],
];

export interface SeparationInput {
  /** One score per profile, per query. */
  scores: readonly ArrayLike<number>[];
  /** Role per profile. */
  labels: readonly string[];
  /** Role per query (undefined: the query takes part in no pair). */
  queryRoles: readonly (string | undefined)[];
  pairs?: readonly RolePair[];
  /** Profile cluster ids and each query's clusters, nearest first: adds the query-cluster filtered numbers. */
  clustering?: { labels: ArrayLike<number>; queryClusters: readonly (readonly number[])[] };
}

export interface SeparationResult {
  a: string;
  b: string;
  /** Queries whose role is a or b. */
  queries: number;
  /** Mean AUC of target vs twin scores; null when no query had both roles among the profiles. */
  auc: number | null;
  /** Mean share of the top 10 taken by the twin (divided by 10 even if fewer returned); null when the pair has no queries. */
  twinShareTop10: number | null;
  /** With clustering: the AUC under the query-cluster filter (removed profiles ranked last). */
  aucFiltered?: number | null;
  /** With clustering: the twin share of the filtered top 10. */
  twinShareTop10Filtered?: number | null;
  /** With clustering: mean share of the target's profiles the filter keeps (1 = it hides none). */
  targetKeptFiltered?: number | null;
}

export function closePairSeparation(input: SeparationInput): SeparationResult[] {
  const { scores, labels, queryRoles, pairs = DEFAULT_CLOSE_PAIRS, clustering } = input;
  const k = 10;
  if (scores.length !== queryRoles.length) throw new Error(`separation: ${scores.length} score rows for ${queryRoles.length} queries`);
  if (clustering && clustering.queryClusters.length !== scores.length) {
    throw new Error(`separation: ${clustering.queryClusters.length} query cluster lists for ${scores.length} queries`);
  }
  scores.forEach((s, q) => {
    if (s.length !== labels.length) throw new Error(`separation: query ${q} has ${s.length} scores for ${labels.length} profiles`);
  });
  const indicesOf = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = indicesOf.get(l);
    if (list) list.push(i);
    else indicesOf.set(l, [i]);
  });

  return pairs.map(([a, b]) => {
    const plain: Sample[] = [];
    const filtered: (Sample & { kept: number | null })[] = [];
    scores.forEach((s, q) => {
      const role = queryRoles[q];
      if (role !== a && role !== b) return;
      const twin = role === a ? b : a;
      const own = indicesOf.get(role) ?? [];
      const other = indicesOf.get(twin) ?? [];
      const pick = (idx: number[], f: (i: number) => number) => idx.map(f);
      plain.push({
        auc: rocAuc(pick(own, (i) => s[i]), pick(other, (i) => s[i])),
        twin: topK(s, k).filter((i) => labels[i] === twin).length / k,
      });
      if (!clustering) return;
      const result = clusterFilteredTopK(s instanceof Float32Array ? s : Float32Array.from(s), clustering.labels, clustering.queryClusters[q], { kind: 'query-cluster' }, k);
      const allowed = clustering.queryClusters[q][0];
      // filtered-out profiles are "ranked last": score -Infinity, tied with each other
      const keptScore = (i: number) => (clustering.labels[i] === allowed ? s[i] : -Infinity);
      filtered.push({
        auc: rocAuc(pick(own, keptScore), pick(other, keptScore)),
        twin: result.hits.filter((h) => labels[h.index] === twin).length / k,
        kept: own.length ? own.filter((i) => clustering.labels[i] === allowed).length / own.length : null,
      });
    });
    const out: SeparationResult = { a, b, queries: plain.length, auc: meanOrNull(plain.map((x) => x.auc)), twinShareTop10: meanOrNull(plain.map((x) => x.twin)) };
    if (clustering) {
      out.aucFiltered = meanOrNull(filtered.map((x) => x.auc));
      out.twinShareTop10Filtered = meanOrNull(filtered.map((x) => x.twin));
      out.targetKeptFiltered = meanOrNull(filtered.map((x) => x.kept));
    }
    return out;
  });
}

interface Sample {
  auc: number | null;
  twin: number;
}

/** Mean of the non-null values, or null when there are none. */
function meanOrNull(xs: readonly (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? mean(present) : null;
}
