/** A row the import leaves out, with why; listed in the dialog and downloadable as CSV. */
export interface SkippedRow {
  /** 1-based number of the record in the file (data rows, header not counted; JSON items; JSONL lines). */
  row: number;
  /** 1-based line of the file the record starts on, when known. */
  line: number | null;
  reason: string;
  /** The record's cells, as read (may be fewer or more than the columns). */
  values: string[];
}

/** "row 7 (line 9)" or "row 7". */
export function where(row: number, line: number | null): string {
  return line !== null && line !== row ? `row ${row} (line ${line})` : `row ${row}`;
}

/** An import that cannot go on at all; the message says what to do. Nothing loaded is touched. */
export class ImportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ImportError';
  }
}
