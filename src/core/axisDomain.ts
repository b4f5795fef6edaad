/**
 * A padded, rounded axis range covering every value, so the plot's axes stay fixed while
 * only the query and the highlighted points move (no re-layout on every search).
 */
export function paddedDomain(values: ArrayLike<number>, stride = 1, offset = 0, pad = 0.05): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = offset; i < values.length; i += stride) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const span = hi - lo;
  const step = 10 ** Math.floor(Math.log10(span)) / 10;
  return [Math.floor((lo - span * pad) / step) * step, Math.ceil((hi + span * pad) / step) * step];
}

/** Widens a domain to include a point (the query may fall outside the profiles' range). */
export function includePoint([lo, hi]: [number, number], v: number): [number, number] {
  if (!Number.isFinite(v)) return [lo, hi];
  const span = hi - lo;
  return [Math.min(lo, v - span * 0.03), Math.max(hi, v + span * 0.03)];
}
