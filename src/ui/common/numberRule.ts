/** What a number field accepts, and how to say it. */
export interface NumberRule {
  min: number;
  max?: number;
  /** Whole numbers only (default true). */
  integer?: boolean;
}

/** The number `text` stands for under `rule`, or null when it is not one the field accepts. */
export function parseNumber(text: string, rule: NumberRule): number | null {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const n = Number(cleaned);
  if (!Number.isFinite(n) || ((rule.integer ?? true) && !Number.isInteger(n))) return null;
  if (n < rule.min || (rule.max !== undefined && n > rule.max)) return null;
  return n;
}

/** "a whole number from 2 to 20", "a whole number of at least 1". */
export function ruleText(rule: NumberRule): string {
  const kind = (rule.integer ?? true) ? 'a whole number' : 'a number';
  return rule.max === undefined ? `${kind} of at least ${rule.min.toLocaleString()}` : `${kind} from ${rule.min.toLocaleString()} to ${rule.max.toLocaleString()}`;
}
