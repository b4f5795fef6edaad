import { applyTermRules, type TermRule, type TermRuleOutcome } from '../core/termRules';
import type { Profile } from '../data/schema';
import { useAppStore } from './appStore';
import { profileTexts } from './profileIndex';

let last: { profiles: readonly Profile[]; rules: readonly TermRule[]; outcome: TermRuleOutcome } | null = null;

/** The term rules' outcome on these profiles; recomputed only when either changes. */
export function ruleOutcomeFor(profiles: readonly Profile[], rules: readonly TermRule[]): TermRuleOutcome {
  if (last?.profiles !== profiles || last.rules !== rules) last = { profiles, rules, outcome: applyTermRules(profileTexts(profiles), rules) };
  return last.outcome;
}

/** The mask the ranking applies before top-k, or undefined when there are no rules. */
export function currentRuleMask(): Uint8Array | undefined {
  const { profiles, termRules } = useAppStore.getState();
  return termRules.length ? ruleOutcomeFor(profiles, termRules).allowed : undefined;
}
