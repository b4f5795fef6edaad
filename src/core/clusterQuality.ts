/**
 * External cluster quality: how well clusters agree with known classes (e.g. the role a
 * synthetic profile was generated for). Both partitions are given as integer ids per
 * item; ids are only compared for equality, so relabelling either side changes nothing.
 * Use `encodeLabels` to turn class names into ids.
 */

export interface EncodedLabels {
  /** ids[i] indexes `names`. */
  ids: Int32Array;
  /** Distinct names, sorted (by code unit, not locale) so ids do not depend on input order. */
  names: string[];
}

export function encodeLabels(strings: readonly string[]): EncodedLabels {
  const names = [...new Set(strings)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const idOf = new Map(names.map((name, i) => [name, i]));
  return { ids: Int32Array.from(strings, (s) => idOf.get(s) ?? -1), names };
}

/**
 * Fraction of items whose cluster's majority class is their own class: 1 when every
 * cluster is pure. It rewards many small clusters (n singletons score 1), so read it next
 * to NMI or ARI.
 */
export function purity(labels: ArrayLike<number>, truth: ArrayLike<number>): number {
  const t = contingency(labels, truth);
  let correct = 0;
  for (let u = 0; u < t.rows; u++) {
    let best = 0;
    for (let v = 0; v < t.cols; v++) best = Math.max(best, t.count(u, v));
    correct += best;
  }
  return correct / t.n;
}

/**
 * Mutual information divided by the arithmetic mean of the two entropies,
 * I(U;V) / ((H(U) + H(V)) / 2): scikit-learn's default normalisation. 1 for identical
 * partitions, 0 for independent ones. When both partitions are a single cluster (both
 * entropies 0) they are identical, so 1; when only one is, I = 0 and the result is 0.
 */
export function normalizedMutualInformation(labels: ArrayLike<number>, truth: ArrayLike<number>): number {
  const t = contingency(labels, truth);
  const hu = entropy(t.rowSums, t.n);
  const hv = entropy(t.colSums, t.n);
  if (hu === 0 && hv === 0) return 1;
  let mi = 0;
  for (const [key, nij] of t.cells) {
    const u = Math.floor(key / t.cols);
    const v = key % t.cols;
    mi += (nij / t.n) * Math.log((t.n * nij) / (t.rowSums[u] * t.colSums[v]));
  }
  // Rounding can push MI a hair outside [0, mean entropy].
  return Math.min(1, Math.max(0, mi / ((hu + hv) / 2)));
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985): pair-counting agreement corrected for
 * chance, so 1 for identical partitions, about 0 for independent ones, and it can go
 * negative. When both partitions are trivial in the same way (both one cluster, or both
 * all singletons) the chance correction is 0/0; they are identical, so 1.
 */
export function adjustedRandIndex(labels: ArrayLike<number>, truth: ArrayLike<number>): number {
  const t = contingency(labels, truth);
  if (t.n === 1) return 1;
  let index = 0;
  for (const nij of t.cells.values()) index += pairs(nij);
  let sumRows = 0;
  for (const a of t.rowSums) sumRows += pairs(a);
  let sumCols = 0;
  for (const b of t.colSums) sumCols += pairs(b);
  const expected = (sumRows * sumCols) / pairs(t.n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

interface Contingency {
  n: number;
  rows: number;
  cols: number;
  rowSums: number[];
  colSums: number[];
  /** Non-zero cells keyed by u * cols + v: sparse, since n singletons would make a dense table n^2. */
  cells: Map<number, number>;
  count(u: number, v: number): number;
}

function contingency(labels: ArrayLike<number>, truth: ArrayLike<number>): Contingency {
  if (labels.length !== truth.length) throw new Error(`cluster quality: ${labels.length} labels but ${truth.length} truth values`);
  const n = labels.length;
  if (n === 0) throw new Error('cluster quality: no items');
  const us = denseIds(labels, 'labels');
  const vs = denseIds(truth, 'truth');
  const rows = us.count;
  const cols = vs.count;
  const rowSums = new Array<number>(rows).fill(0);
  const colSums = new Array<number>(cols).fill(0);
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const u = us.ids[i];
    const v = vs.ids[i];
    rowSums[u]++;
    colSums[v]++;
    const key = u * cols + v;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return { n, rows, cols, rowSums, colSums, cells, count: (u, v) => cells.get(u * cols + v) ?? 0 };
}

function denseIds(values: ArrayLike<number>, what: string): { ids: Int32Array; count: number } {
  const map = new Map<number, number>();
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isInteger(x)) throw new Error(`cluster quality: ${what}[${i}] = ${x} is not an integer id`);
    let id = map.get(x);
    if (id === undefined) map.set(x, (id = map.size));
    ids[i] = id;
  }
  return { ids, count: map.size };
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

function pairs(x: number): number {
  return (x * (x - 1)) / 2;
}
