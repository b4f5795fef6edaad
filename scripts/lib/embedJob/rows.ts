/**
 * Input records to the rows the embeddings file holds, with the import dialog's rules: its
 * column guess (guessMapping) and text composition (composeText), or, for JSONL in the app's
 * own profile schema, the bundled profiles' composition (profileToText). The id defaults to
 * "row-N" (N from 1) like "number the rows" in the import.
 */
import type { EmbeddingsRow } from '../../../src/data/embeddingsParquet';
import { composeText, guessMapping, type ColumnMapping } from '../../../src/data/import/mapping';
import { profileToText } from '../../../src/data/profileText';
import type { Profile } from '../../../src/data/schema';
import type { InputRecord } from './input';

export interface RowMapping extends Pick<ColumnMapping, 'id' | 'text' | 'name' | 'headline' | 'label'> {
  /** Records in the app's profile schema: the text is composed by profileToText. */
  structured: boolean;
}

export type ColumnChoices = Partial<{ idColumn: string; textColumns: string[]; nameColumn: string; headlineColumn: string; labelColumn: string }>;

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).trim();
}

const isStructured = (r: InputRecord) => Array.isArray(r.experience) && Array.isArray(r.skills) && typeof r.summary === 'string';

/** The mapping for a file, from its first records and the user's column choices. */
export function mappingFor(sample: readonly InputRecord[], choices: ColumnChoices = {}): RowMapping {
  const columns = [...new Set(sample.flatMap((r) => Object.keys(r)))];
  const structured = sample.length > 0 && sample.every(isStructured);
  const guess = structured
    ? { id: 'id', text: [], name: 'name', headline: 'headline', label: null }
    : guessMapping(
        columns,
        sample.map((r) => columns.map((c) => cellText(r[c]))),
      );
  const m: RowMapping = {
    id: choices.idColumn ?? guess.id,
    text: choices.textColumns ?? guess.text,
    name: choices.nameColumn ?? guess.name,
    headline: choices.headlineColumn ?? guess.headline,
    label: choices.labelColumn ?? guess.label,
    structured: structured && !choices.textColumns,
  };
  const missing = [m.id, m.name, m.headline, m.label, ...m.text].find((c) => c !== null && !columns.includes(c));
  if (missing) throw new Error(`There is no column "${missing}" in the input (columns: ${columns.join(', ')}).`);
  if (!m.structured && m.text.length === 0) throw new Error('No text column: name the columns to embed with --text C1,C2.');
  return m;
}

/** The row to embed, or why the record is skipped. */
export function toEmbeddingsRow(record: InputRecord, row: number, m: RowMapping): EmbeddingsRow | string {
  const get = (c: string | null) => (c === null ? '' : cellText(record[c]));
  const id = m.id === null ? `row-${row + 1}` : get(m.id);
  if (id === '') return `has no id in "${m.id}"`;
  let text: string;
  let label = get(m.label);
  if (m.structured) {
    const p = record as unknown as Profile;
    text = profileToText(p);
    label ||= p.label?.role ?? '';
  } else {
    text = composeText(m.text, m.text.map((c) => get(c)), m.text);
  }
  if (text === '') return `has no text`;
  return { id, name: get(m.name) || id, headline: get(m.headline), text, label };
}
