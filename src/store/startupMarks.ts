/**
 * Performance marks on the way to the page's first ranked list, each set once per page, so
 * the benchmark (scripts/bench-first.ts) can say where the time goes. Marks are relative to
 * navigation start (performance.timeOrigin); they cost nothing the user would notice.
 */
export const STARTUP_MARKS = {
  /** The profiles and job descriptions are in the store. */
  data: 'startup:data',
  /** The embedding model (and with it the ONNX runtime) is loaded in the worker. */
  model: 'startup:model-loaded',
  /** Every profile has a vector (computed, cached or prebuilt). */
  embedded: 'startup:profiles-embedded',
  /** The keyword (BM25) index of the profiles is built. */
  keywords: 'startup:keyword-index',
  /** The first frame showing a ranked list. */
  ranked: 'startup:first-ranking',
} as const;

export type StartupMark = (typeof STARTUP_MARKS)[keyof typeof STARTUP_MARKS];

export function markStartup(name: StartupMark): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
