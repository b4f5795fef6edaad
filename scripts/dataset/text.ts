/** Small, pure string helpers shared by the profile and job builders. */

export type SlotFns = Record<string, () => string>;

/**
 * Replaces {slot} placeholders and inline choices ({Looker|Tableau}); an
 * unknown slot is a content bug, so it throws.
 */
export function fill(template: string, slots: SlotFns, choose: (options: string[]) => string = (o) => o[0] ?? ''): string {
  return template.replace(/\{([^{}]+)\}/g, (_match, key: string) => {
    if (key.includes('|')) return choose(key.split('|'));
    const fn = slots[key];
    if (!fn) throw new Error(`Unknown slot {${key}} in "${template}"`);
    return fn();
  });
}

/** Upper-cases the first letter, leaving words like "iOS" or "dbt" alone when they are brand-cased. */
export function capitalize(text: string): string {
  if (/^[a-z][A-Z]/.test(text)) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Senior HR Business Partner" -> "senior HR business partner" (keeps acronyms, iOS, DevOps). */
export function lowerTitle(title: string): string {
  return title
    .split(' ')
    .map((word) => {
      const core = word.replace(/[(),]/g, '');
      const plain = /^[A-Z]?[a-z]*(?:-[A-Z]?[a-z]+)*$/.test(core) && /[a-z]/.test(core);
      return plain ? word.toLowerCase() : word;
    })
    .join(' ');
}

const VOWEL_SOUND_LETTERS = 'AEFHILMNORSX';

/** Adds "a" or "an" in front of a phrase. */
export function withArticle(phrase: string): string {
  const first = phrase.split(/[\s-]/)[0] ?? '';
  let an: boolean;
  if (/^[A-Z&]{2,}$/.test(first)) an = VOWEL_SOUND_LETTERS.includes(first.charAt(0));
  else if (/^i[A-Z]/.test(first)) an = true;
  else {
    const lower = first.toLowerCase();
    an = /^[aeio]/.test(lower) || /^u(n|nd|s[^e])/.test(lower) || /^hour|^honest/.test(lower);
  }
  return `${an ? 'an' : 'a'} ${phrase}`;
}

const IRREGULAR: Record<string, string> = { have: 'has', do: 'does', go: 'goes', be: 'is' };

function conjugate(verb: string): string {
  const irregular = IRREGULAR[verb];
  if (irregular) return irregular;
  if (/(s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/**
 * Verb phrases ("does" banks) start with a base-form verb; further verbs that
 * share the subject are marked with "+" ("plan and +run launches").
 */
export function baseForm(phrase: string): string {
  return phrase.replace(/(^| )\+/g, '$1');
}

/** Third person singular: "plan and +run launches" -> "plans and runs launches". */
export function thirdPerson(phrase: string): string {
  return phrase
    .split(' ')
    .map((word, i) => (i === 0 ? conjugate(word) : word.startsWith('+') ? conjugate(word.slice(1)) : word))
    .join(' ');
}

/** "a", "a and b", "a, b, and c". */
export function joinList(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items[items.length - 1]}`;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

/** Lowercase word tokens (letters only, at least 3 characters). */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? []).filter((t) => t.length >= 3);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the text names the role: the role name as a lowercase substring,
 * or one of its aliases as a whole word (optionally plural), so that "pm" does
 * not match "development".
 */
export function mentionsRole(text: string, role: { name: string; aliases?: readonly string[] }): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(role.name.toLowerCase())) return true;
  return (role.aliases ?? []).some((alias) =>
    new RegExp(`(?<![a-z0-9])${escapeRegExp(alias.toLowerCase())}(?:s|es)?(?![a-z0-9])`).test(lower),
  );
}
