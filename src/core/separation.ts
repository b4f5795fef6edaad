/**
 * Close-pair separation: can a ranking tell a role from its look-alike ("twin"), e.g. a
 * Product Manager from a Product Marketing Manager? Each pair (A, B) is measured in both
 * directions, never averaged: for the queries whose role is A (target A, twin B) the AUC
 * of A-profiles' scores against B-profiles' scores and the share of B-profiles in the top
 * 10, averaged over those queries; then the same for the queries whose role is B. The
 * directions differ a lot (the bundled model tells PMMs from PMs far better than PMs from
 * PMMs), so a pair's headline is its worse direction (`pairHeadlines`).
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

/** One direction of a close pair: queries for `target`, with `twin` as the look-alike to rank below it. */
export interface SeparationResult {
  target: string;
  twin: string;
  /** Queries whose role is the target. */
  queries: number;
  /** Mean over those queries of the AUC of target vs twin scores; null when no query had both roles among the profiles. */
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

  const direction = (target: string, twin: string): SeparationResult => {
    const plain: Sample[] = [];
    const filtered: (Sample & { kept: number | null })[] = [];
    const own = indicesOf.get(target) ?? [];
    const other = indicesOf.get(twin) ?? [];
    scores.forEach((s, q) => {
      if (queryRoles[q] !== target) return;
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
    const out: SeparationResult = { target, twin, queries: plain.length, auc: meanOrNull(plain.map((x) => x.auc)), twinShareTop10: meanOrNull(plain.map((x) => x.twin)) };
    if (clustering) {
      out.aucFiltered = meanOrNull(filtered.map((x) => x.auc));
      out.twinShareTop10Filtered = meanOrNull(filtered.map((x) => x.twin));
      out.targetKeptFiltered = meanOrNull(filtered.map((x) => x.kept));
    }
    return out;
  };
  return pairs.flatMap(([a, b]) => [direction(a, b), direction(b, a)]);
}

/** A close pair summarised by its worse direction: the lower AUC (a direction without an AUC cannot be the headline). */
export interface PairHeadline {
  pair: RolePair;
  /** The direction with the lower AUC, or the first direction when neither has one. */
  worse: SeparationResult;
  directions: readonly [SeparationResult, SeparationResult];
}

/**
 * Groups per-direction results (as closePairSeparation returns them, two per pair, in
 * order) into one headline per pair. Set `filtered` to pick the worse direction by the
 * cluster-filtered AUC instead.
 */
export function pairHeadlines(results: readonly SeparationResult[], filtered = false): PairHeadline[] {
  if (results.length % 2) throw new Error(`separation: ${results.length} directions is not a whole number of pairs`);
  const aucOf = (r: SeparationResult) => (filtered ? r.aucFiltered : r.auc) ?? null;
  const out: PairHeadline[] = [];
  for (let i = 0; i < results.length; i += 2) {
    const d1 = results[i];
    const d2 = results[i + 1];
    if (d1.target !== d2.twin || d1.twin !== d2.target) throw new Error(`separation: ${d1.target} / ${d1.twin} is not followed by its reverse`);
    const a1 = aucOf(d1);
    const a2 = aucOf(d2);
    const worse = a1 === null ? (a2 === null ? d1 : d2) : a2 === null || a1 <= a2 ? d1 : d2;
    out.push({ pair: [d1.target, d1.twin], worse, directions: [d1, d2] });
  }
  return out;
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
