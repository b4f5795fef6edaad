import { tokenize } from './bm25';

/**
 * Words too common in job descriptions and profiles to explain a match; BM25's stopwords
 * cover grammar words, these cover the job-ad boilerplate.
 */
const GENERIC_WORDS = new Set(
  ('about across after again also always any back best both build building day days each every first '
    + 'get good great help how into just keep know like love make makes many most much need new now '
    + 'one only other out over own part people real really role same see ship should some take team '
    + 'teams than them then there these thing things through time today too two use used using very '
    + 'want way ways well when where why work working works write year years')
    .split(' '),
);

/**
 * Content words that a job description and a profile text have in common: a plain,
 * checkable hint of why a profile ranked where it did.
 */
export function sharedTerms(query: string, text: string, max = 12): string[] {
  const queryTerms = new Set(tokenize(query).filter((t) => t.length > 2 && !GENERIC_WORDS.has(t)));
  const seen = new Set<string>();
  for (const t of tokenize(text)) {
    if (queryTerms.has(t)) seen.add(t);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** Splits text into runs, marking the runs that are one of `terms` (case-insensitive, whole words). */
export function highlightRuns(text: string, terms: readonly string[]): { text: string; hit: boolean }[] {
  if (terms.length === 0) return [{ text, hit: false }];
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![A-Za-z0-9])(${escaped.join('|')})(?![A-Za-z0-9])`, 'gi');
  const runs: { text: string; hit: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index ?? 0;
    if (start > last) runs.push({ text: text.slice(last, start), hit: false });
    runs.push({ text: m[0], hit: true });
    last = start + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), hit: false });
  return runs;
}
