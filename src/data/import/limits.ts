/**
 * What an import accepts. Stated in the import dialog and enforced in the parse worker.
 * 200 MB: a 100 MB export fits with room to spare, while the worker's copy of the bytes,
 * the decoded text and the parsed rows (about 4x the file) stay well inside a tab's memory.
 * 200,000 rows: about 80 times the bundled set; embedding that many in a browser already
 * takes a long time with a small model, and every profile's vector stays in memory.
 */
export const MAX_IMPORT_BYTES = 200_000_000;
export const MAX_IMPORT_ROWS = 200_000;
/**
 * A file in the app's embeddings layout (docs/embeddings-parquet.md) needs no embedding and
 * is read a row group at a time, only its own columns, straight into profiles and vector
 * codes: no copy of the file's bytes and no table of every cell. A million profiles from
 * `npm run embed` take about 360 MB (BENCHMARKS.md, "A large file from npm run embed").
 */
export const MAX_EMBEDDINGS_FILE_BYTES = 600_000_000;
export const MAX_EMBEDDINGS_FILE_ROWS = 1_000_000;
/** Rows shown in the mapping step. */
export const PREVIEW_ROWS = 8;
