import type { ComparisonMetrics } from '../core/comparison';
import { pairHeadlines, type SeparationResult } from '../core/separation';

/**
 * The lab's headline close pair (the first one, Product Manager / Product Marketing Manager
 * on the bundled data), as its worse direction: by AUC, and separately by the
 * cluster-filtered AUC (the two can be different directions).
 */
export interface LabPairHeadline {
  /** The direction with the lower AUC; null when the run measured no pair. */
  plain: SeparationResult | null;
  /** The direction with the lower cluster-filtered AUC; null without clustering. */
  filtered: SeparationResult | null;
}

export function labPairHeadline(m: ComparisonMetrics | null | undefined): LabPairHeadline {
  if (!m || m.separation.length < 2) return { plain: null, filtered: null };
  return {
    plain: pairHeadlines(m.separation)[0].worse,
    filtered: m.separation[0].aucFiltered !== undefined ? pairHeadlines(m.separation, true)[0].worse : null,
  };
}
