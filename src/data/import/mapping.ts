/**
 * Which columns are what: guessed from the header (and a few rows), changed by the user in
 * the mapping step, and used to compose the text a model embeds.
 */

export interface ColumnMapping {
  /** The id column, or null to number the rows ("row-1", "row-2", ...). */
  id: string | null;
  /** Columns whose values, in this order, form the text to embed. */
  text: string[];
  /** Shown as the result's name; the id when null. */
  name: string | null;
  /** Shown under the name. */
  headline: string | null;
  /** The true role or category, for evaluation and clustering quality; none when null. */
  label: string | null;
  /** A column of precomputed embeddings used as is (profiles only); the text is embedded when null or absent. */
  vectors?: string | null;
  /** The catalogue id of the model that made `vectors`. */
  vectorModel?: string | null;
}

const norm = (c: string) => c.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

const ID = /^(id|uid|uuid|key|identifier|(profile|candidate|person|user|resume|cv|record|row)_?id)$/;
const NAME = /^(name|full_?name|candidate(_name)?|person(_name)?|display_?name)$/;
const HEADLINE = /^(headline|title|job_?title|current_?title|position|current_?position|tagline)$/;
const LABEL = /^(label|category|role|roles|relevant|relevant_?roles?|job_?role|class|target|occupation|job_?category|profession|job_?family)$/;
/** Columns worth embedding, by name. */
const TEXT = /(summary|resume|cv|text|description|about|bio|experience|skills|profile|content|body|education|qualifications|headline|title|position|expertise|history)/;
/** A column whose sample values average this many characters is prose, so worth embedding. */
const PROSE_CHARS = 30;

function first(columns: string[], pattern: RegExp, taken: Set<string>): string | null {
  return columns.find((c) => !taken.has(c) && pattern.test(norm(c))) ?? null;
}

function meanLength(rows: string[][], col: number): number {
  if (rows.length === 0) return 0;
  return rows.reduce((sum, r) => sum + (r[col]?.length ?? 0), 0) / rows.length;
}

/**
 * A mapping for this header that a common file can accept as is. `sample` is the first rows;
 * `notText` are columns never guessed as anything (vectors).
 */
export function guessMapping(columns: string[], sample: string[][], notText: readonly string[] = []): ColumnMapping {
  const taken = new Set<string>(notText);
  const pick = (pattern: RegExp) => {
    const c = first(columns, pattern, taken);
    if (c) taken.add(c);
    return c;
  };
  // kept even when its values repeat: the repeats are listed as skipped, with "number the rows" as the fix
  const id = pick(ID);
  const name = pick(NAME);
  const label = pick(LABEL);
  const headline = pick(HEADLINE);
  // the headline is also part of the text: it says the most about the person in the fewest words
  const skip = new Set([id, name, label, ...notText].filter((c): c is string => c !== null));
  let text = columns.filter((c) => !skip.has(c) && TEXT.test(norm(c)));
  if (text.length === 0) text = columns.filter((c, i) => !skip.has(c) && meanLength(sample, i) >= PROSE_CHARS);
  if (text.length === 0) text = columns.filter((c) => !skip.has(c));
  return { id, text, name, headline, label };
}

/** The text a model embeds for one row: the non-empty text columns' values, one per line. */
export function composeText(columns: string[], row: string[], textColumns: readonly string[]): string {
  const parts: string[] = [];
  for (const c of textColumns) {
    const v = row[columns.indexOf(c)]?.trim();
    if (v) parts.push(v);
  }
  return parts.join('\n');
}

/** What the rows are: profiles to search, or labelled job descriptions to evaluate with. */
export type ImportKind = 'profiles' | 'jobs';

/** What is wrong with a mapping before any row is built, or null. */
export function mappingProblem(columns: string[], m: ColumnMapping, kind: ImportKind = 'profiles'): string | null {
  if (m.text.length === 0) return 'Choose at least one column for the text to embed.';
  if (kind === 'jobs' && m.label === null) return 'Job descriptions need a label column naming the role each is for (related roles after a ";"), so rankings can be scored against it.';
  const unknown = [m.id, m.name, m.headline, m.label, m.vectors ?? null, ...m.text].find((c) => c !== null && !columns.includes(c));
  if (unknown) return `There is no column "${unknown}" in this file.`;
  if (kind === 'profiles' && m.vectors && !m.vectorModel) return `Name the model that made the vectors in "${m.vectors}", or choose "None" under Embeddings to embed the text.`;
  return null;
}
