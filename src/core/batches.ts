/**
 * Splits texts into batches of similar length so a batch pads to its longest member as
 * little as possible. Returns batches of original indices; callers write results back by
 * index, so the caller's order is preserved.
 */
export function lengthSortedBatches(lengths: readonly number[], batchSize: number): number[][] {
  if (batchSize < 1) throw new Error('batchSize must be at least 1');
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}
