/**
 * Must-have and excluded terms: hard rules on the profile text applied as a mask before
 * top-k, whatever the ranking. Matching is case-insensitive on whole words, and a phrase
 * matches its words in order with any whitespace or hyphens between them ("machine
 * learning" matches "Machine-Learning"), so "SQL" never matches "PostgreSQL" and "intern"
 * never matches "internal".
 */
import { topK } from './topK';

export type TermRuleKind = 'require' | 'exclude';

export interface TermRule {
  kind: TermRuleKind;
  /** As the user typed it, trimmed and with whitespace collapsed. */
  term: string;
}

export interface TermRuleOutcome {
  /** 1 where a profile passes every rule, 0 where a rule removes it; one entry per text. */
  allowed: Uint8Array;
  /**
   * Per rule (same order), how many profiles it removes on its own. A profile failing two
   * rules counts for both, so these can add up to more than `removedTotal`.
   */
  removedBy: number[];
  /** Profiles removed by at least one rule. */
  removedTotal: number;
}

/** A letter or digit in any script: the only characters a term can be matched on. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Trimmed, whitespace collapsed: the form rules are stored and compared in. */
export function normalizeTerm(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** Checks a typed term against the rules so far; returns the rule to add or why it cannot be added. */
export function parseTermRule(raw: string, kind: TermRuleKind, existing: readonly TermRule[]): { rule: TermRule } | { error: string } {
  const term = normalizeTerm(raw);
  if (!term) return { error: 'Type a word or phrase first.' };
  if (!WORD_CHAR.test(term)) return { error: `"${term}" has no letters or digits to match.` };
  if (term.length > 100) return { error: 'A term can be at most 100 characters long.' };
  const same = existing.find((r) => r.term.toLowerCase() === term.toLowerCase());
  if (same) {
    return { error: same.kind === kind ? `"${same.term}" is already in the list.` : `"${same.term}" is already ${describeKind(same.kind)}; remove that rule first.` };
  }
  return { rule: { kind, term } };
}

export function describeKind(kind: TermRuleKind): string {
  return kind === 'require' ? 'a must-have term' : 'an excluded term';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A case-insensitive whole-word matcher for a term or phrase. "Whole word" means no letter
 * or digit right before or after, so "C++" and "Node.js" work and "SQL" does not match
 * inside "PostgreSQL".
 */
export function termMatcher(term: string): RegExp {
  const words = normalizeTerm(term).split(' ').map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** Which texts pass all rules, and how many each rule removes. No rules: everything passes. */
export function applyTermRules(texts: readonly string[], rules: readonly TermRule[]): TermRuleOutcome {
  const allowed = new Uint8Array(texts.length).fill(1);
  const removedBy = rules.map(() => 0);
  const matchers = rules.map((r) => termMatcher(r.term));
  texts.forEach((text, i) => {
    rules.forEach((rule, r) => {
      if (matchers[r].test(text) === (rule.kind === 'exclude')) {
        removedBy[r]++;
        allowed[i] = 0;
      }
    });
  });
  let removedTotal = 0;
  for (const a of allowed) removedTotal += 1 - a;
  return { allowed, removedBy, removedTotal };
}

export interface MaskedScores {
  /** The scores with every disallowed entry set to NaN, which top-k skips. A copy when a mask applies. */
  scores: Float32Array;
  /** Profiles the mask removed from the unmasked top k, best first, with their scores: the strong matches it hid. */
  removed: { index: number; score: number }[];
}

/**
 * Applies an allowed mask to ranking scores before top-k. Without a mask (or with nothing
 * masked) the scores come back as they are.
 */
export function applyAllowedMask(scores: Float32Array, allowed: Uint8Array | undefined, k: number): MaskedScores {
  if (!allowed || allowed.every((a) => a === 1)) return { scores, removed: [] };
  if (allowed.length !== scores.length) throw new Error(`term rules: a mask of ${allowed.length} for ${scores.length} scores`);
  const removed = topK(scores, k)
    .filter((i) => allowed[i] === 0)
    .map((index) => ({ index, score: scores[index] }));
  const masked = Float32Array.from(scores, (s, i) => (allowed[i] ? s : Number.NaN));
  return { scores: masked, removed };
}
