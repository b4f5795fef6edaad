/** The skipped rows of an import as CSV (row, line, reason, then the row's cells), to fix and import again. */
import type { SkippedRow } from './issues';

/**
 * One CSV cell. A cell a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) gets a leading apostrophe, so opening the file runs nothing.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function skippedRowsCsv(columns: string[], skipped: readonly SkippedRow[]): string {
  const width = Math.max(columns.length, ...skipped.map((s) => s.values.length));
  const header = ['row', 'line', 'reason', ...Array.from({ length: width }, (_, i) => columns[i] ?? `extra ${i + 1 - columns.length}`)];
  const lines = [header, ...skipped.map((s) => [String(s.row), s.line === null ? '' : String(s.line), s.reason, ...s.values])];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
