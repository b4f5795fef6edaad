/**
 * CSV writing shared by every export. Cells a spreadsheet would run as a formula are
 * neutralised, because exported text (names, headlines, job descriptions) comes from
 * whoever wrote the profiles, not from the user.
 */

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Prefixes an apostrophe to text a spreadsheet would read as a formula or a command: a
 * leading `=`, `+`, `-`, `@`, tab or carriage return (OWASP's "CSV injection" list). The
 * apostrophe makes Excel, LibreOffice and Google Sheets show the text as it is.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One cell: null/undefined are empty, numbers are written plainly (a negative score stays a
 * number), text is neutralised and quoted when it holds a separator, quote or line break.
 */
export function csvCell(value: CsvValue, decimals = 6): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return String(Number.isInteger(value) ? value : Number(value.toFixed(decimals)));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = neutraliseFormula(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header line and one line per row, in the header's column order; '' when there are no columns. */
export function toCsv(header: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
  if (header.length === 0) return '';
  return [header.map((h) => csvCell(h)).join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n';
}
