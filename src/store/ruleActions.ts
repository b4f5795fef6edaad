/**
 * Must-have and excluded terms: adding and removing rules. The ranking applies their mask
 * before top-k (ruleOutcome.ts, currentRanking.ts), so a change re-ranks without re-embedding.
 */
import { parseTermRule, type TermRuleKind } from '../core/termRules';
import { useAppStore } from './appStore';
import { refreshRanking } from './currentRanking';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** Adds a rule and re-ranks; returns why the term cannot be added, or null when it was. */
export function addTermRule(raw: string, kind: TermRuleKind): string | null {
  const parsed = parseTermRule(raw, kind, get().termRules);
  if ('error' in parsed) return parsed.error;
  set((s) => ({ termRules: [...s.termRules, parsed.rule] }));
  refreshRanking();
  return null;
}

export function removeTermRule(index: number): void {
  set((s) => ({ termRules: s.termRules.filter((_, i) => i !== index) }));
  refreshRanking();
}
