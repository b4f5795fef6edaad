/**
 * Indices of the k largest scores, best first, found with a size-k min-heap: O(n log k)
 * instead of sorting all n scores. Ties break towards the lower index so results are
 * stable across runs. `keep` optionally restricts which indices may be returned.
 *
 * Once the heap is full, its root is the score to beat: a row scoring strictly below it is
 * skipped with one comparison, which is almost every row of a large list. NaN fails every
 * comparison, so it is never kept.
 */
export function topK(scores: ArrayLike<number>, k: number, keep?: (index: number) => boolean): number[] {
  const limit = Math.max(0, Math.min(Math.floor(k), scores.length));
  if (limit === 0) return [];
  const heap: number[] = []; // min-heap of indices ordered by `worse`

  // a is worse than b: lower score, or equal score and higher index
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);

  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };

  let i = 0;
  for (; i < scores.length && heap.length < limit; i++) {
    if (Number.isNaN(scores[i]) || (keep && !keep(i))) continue;
    heap.push(i);
    siftUp(heap.length - 1);
  }
  // The heap is full: only a score >= the root's can enter (equal ties lose to the lower
  // index already in the heap, since i is always higher).
  let threshold = heap.length === limit ? scores[heap[0]] : Infinity;
  for (; i < scores.length; i++) {
    const s = scores[i];
    if (!(s > threshold)) continue;
    if (keep && !keep(i)) continue;
    heap[0] = i;
    siftDown(0);
    threshold = scores[heap[0]];
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
