/**
 * What an import accepts. Stated in the import dialog and enforced in the parse worker.
 * 200 MB: a 100 MB export fits with room to spare, while the worker's copy of the bytes,
 * the decoded text and the parsed rows (about 4x the file) stay well inside a tab's memory.
 * 200,000 rows: about 80 times the bundled set; embedding that many in a browser already
 * takes a long time with a small model, and every profile's vector stays in memory.
 */
export const MAX_IMPORT_BYTES = 200_000_000;
export const MAX_IMPORT_ROWS = 200_000;
/** Rows shown in the mapping step. */
export const PREVIEW_ROWS = 8;
