/**
 * Splits texts into batches of similar length so a batch pads to its longest member as
 * little as possible, and caps each batch's padded size (texts × longest) so a batch of
 * long texts cannot exhaust memory. Returns batches of original indices; callers write
 * results back by index, so the caller's order is preserved. `lengths` may be in any unit
 * (characters or estimated tokens) as long as `maxUnits` is in the same one.
 */
export function lengthSortedBatches(lengths: readonly number[], maxTexts: number, maxUnits = Infinity, sort = true): number[][] {
  if (maxTexts < 1) throw new Error('maxTexts must be at least 1');
  const order = lengths.map((_, i) => i);
  if (sort) order.sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const i of order) {
    const nextLongest = Math.max(longest, lengths[i]);
    if (current.length > 0 && (current.length >= maxTexts || (current.length + 1) * nextLongest > maxUnits)) {
      batches.push(current);
      current = [];
      longest = 0;
    }
    current.push(i);
    longest = Math.max(longest, lengths[i]);
  }
  if (current.length) batches.push(current);
  return batches;
}

// The app's one token estimate, re-exported for the embedding worker's batching.
export { estimateTokens } from './tokens';
