function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median wall time of `runs` calls after one warm-up call, in milliseconds. */
export async function medianMs(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const [ms] = await interleavedMedianMs(runs, [fn]);
  return ms;
}

/**
 * Median wall times (ms) of several functions timed side by side: one warm-up call each, then
 * `runs` rounds that call each once in turn, so a busy spell on a shared machine hits all of
 * them alike and their ratio is fairer than that of medians taken one after the other.
 */
export async function interleavedMedianMs(runs: number, fns: readonly (() => unknown | Promise<unknown>)[]): Promise<number[]> {
  for (const fn of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      times[j].push(performance.now() - t);
    }
  }
  return times.map(median);
}

/** Seeded uniform numbers in [0, 1), so benchmark inputs are the same every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
