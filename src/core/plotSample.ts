import { mulberry32 } from './random';

/**
 * Which profiles to draw when there are too many for an SVG scatter. Keeps every index in
 * `keep` (the query's top hits, the selected profile), then fills the rest of the budget
 * cluster by cluster in proportion to cluster size, with at least `minPerCluster` from each
 * non-empty cluster so none disappears. Deterministic for a given seed. Returns ascending
 * indices; all of them when n <= cap.
 */
export function samplePointsForDrawing(
  labels: ArrayLike<number>,
  keep: Iterable<number>,
  cap: number,
  seed = 1,
  minPerCluster = 20,
): Int32Array {
  const n = labels.length;
  if (n <= cap) return Int32Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  for (const i of keep) if (i >= 0 && i < n) chosen.add(i);

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (chosen.has(i)) continue;
    const c = labels[i];
    let list = members.get(c);
    if (!list) members.set(c, (list = []));
    list.push(i);
  }
  const budget = Math.max(0, cap - chosen.size);
  const random = mulberry32(seed);
  const clusters = [...members.keys()].sort((a, b) => a - b);
  for (const c of clusters) {
    const list = members.get(c)!;
    const quota = Math.min(list.length, Math.max(minPerCluster, Math.round((budget * list.length) / n)));
    // partial Fisher-Yates: the first `quota` entries become a uniform sample
    for (let i = 0; i < quota; i++) {
      const j = i + Math.floor(random() * (list.length - i));
      [list[i], list[j]] = [list[j], list[i]];
      chosen.add(list[i]);
    }
  }
  return Int32Array.from(chosen).sort();
}
