/** Seeded randomness, so every sample, initialisation and shuffle reproduces across runs and platforms. */

/** Mulberry32: a tiny seeded 32-bit PRNG, so samples reproduce across runs and platforms. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` distinct row indices out of n, in ascending order, chosen uniformly by a partial
 * Fisher-Yates shuffle driven by `seed`. Returns all rows when size >= n.
 */
export function sampleRowIndices(n: number, size: number, seed: number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`sampleRowIndices: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(size) || size < 0) throw new Error(`sampleRowIndices: size must be a non-negative integer, got ${size}`);
  if (!Number.isInteger(seed)) throw new Error(`sampleRowIndices: seed must be an integer, got ${seed}`);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (size >= n) return all;
  const random = mulberry32(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, size).sort();
}

/** `items` in a seeded random order (Fisher-Yates), as a new array. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
