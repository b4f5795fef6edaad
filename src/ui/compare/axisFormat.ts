/**
 * Chart tick labels people read at a glance: "$1,000" and "10 h", never "$1e+3". Log axes
 * put ticks on powers of ten (and 2 and 5 between them), so three significant digits suffice.
 */

const sig = (v: number) => v.toLocaleString(undefined, { maximumSignificantDigits: 3 });

/** A count of texts: "1,000", "100,000", "1M", "100M". */
export function countTick(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n >= 1e9) return `${sig(n / 1e9)}B`;
  if (n >= 1e6) return `${sig(n / 1e6)}M`;
  return sig(n);
}

/** US dollars: "$0.002", "$5", "$1,000", "$2.5M". */
export function usdTick(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '$0';
  if (v >= 1e6) return `$${sig(v / 1e6)}M`;
  if (v >= 1) return `$${sig(v)}`;
  return `$${Number(v.toPrecision(2))}`;
}

/** A duration given in hours: "10 h", "1,000 h", "30 min", "5 s", "0.2 s". */
export function hoursTick(h: number): string {
  if (!Number.isFinite(h)) return '–';
  if (h >= 1) return `${sig(h)} h`;
  if (h * 60 >= 1) return `${sig(h * 60)} min`;
  const s = h * 3600;
  return s >= 1 ? `${sig(s)} s` : `${Number(s.toPrecision(2))} s`;
}
