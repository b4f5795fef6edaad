/**
 * A Parquet file in the app's embeddings layout (docs/embeddings-parquet.md), read for import
 * a row group at a time and only its own columns, straight into profiles and vectors: no
 * table of every cell and no copy of the file's bytes, so a million profiles fit (see
 * limits.ts). The int8 codes are kept as the file has them (codes and a scale per row) for
 * the vector index, beside the unit float32 rows the rest of the app reads.
 * Pure (no DOM): the import worker runs it, and so do the unit tests.
 */
import { parquetReadObjects, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { COLUMNS, META, unpackSignBits } from '../embeddingsParquet';
import { importedProfile } from './build';
import { ImportError, type SkippedRow } from './issues';
import type { ColumnMapping } from './mapping';
import type { Profile } from '../schema';
import type { VectorChoice, VectorEncoding } from './vectors';
import { parseInt8Vector, parseVector } from './vectors';

/** The file's own int8 codes, kept for the int8 index (value ≈ code × scale of its row). */
export interface FileInt8Codes {
  codes: Int8Array;
  /** One per row. */
  scales: Float32Array;
}

export interface EmbeddingsFileVectors {
  /** Unit rows, row-major, one per profile. */
  matrix: Float32Array;
  dims: number;
  encoding: VectorEncoding;
  rescaled: number;
  int8?: FileInt8Codes;
}

export interface EmbeddingsFileBuild {
  profiles: Profile[];
  skipped: SkippedRow[];
  vectors: EmbeddingsFileVectors | null;
}

/** True for a file in the layout: its metadata names the schema and it has the text column. */
export function isEmbeddingsLayout(metadata: FileMetaData): boolean {
  const kv = metadata.key_value_metadata ?? [];
  const names = new Set(metadata.schema.map((s) => s.name));
  return kv.some((e) => e.key === META.schema) && names.has(COLUMNS.text);
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v).trim());

/**
 * Profiles (and, when `choice` is given, their vectors) of every row. Rows are checked as the
 * generic import checks them (an id, text, no repeated id, a vector of the model's length);
 * a row that fails is skipped with the reason. `onProgress` gets rows read and, after each
 * row group, that group's profiles: those are then handed over, not kept (the result's
 * `profiles` is empty), so a million of them never sit in the worker and in the page at once.
 */
export async function readEmbeddingsFile(
  file: AsyncBuffer,
  metadata: FileMetaData,
  mapping: ColumnMapping,
  choice: VectorChoice | null,
  onProgress?: (done: number, total: number, profiles: Profile[]) => void,
): Promise<EmbeddingsFileBuild> {
  const total = Number(metadata.num_rows);
  const dims = choice?.dims ?? 0;
  const wanted = [mapping.id, mapping.name, mapping.headline, mapping.label, ...mapping.text].filter((c): c is string => c !== null);
  if (choice) wanted.push(choice.column, ...(choice.encoding === 'int8' ? [COLUMNS.int8Scale] : []));
  const columns = [...new Set(wanted)];
  // sized for every row; trimmed to the kept rows at the end
  const matrix = choice ? new Float32Array(total * dims) : null;
  const codes = choice?.encoding === 'int8' ? new Int8Array(total * dims) : null;
  const scales = choice?.encoding === 'int8' ? new Float32Array(total) : null;
  let profiles: Profile[] = [];
  /** Profiles kept so far, handed over included: the row of the next one in the matrix. */
  let n = 0;
  const skipped: SkippedRow[] = [];
  const seen = new Map<string, number>();
  let rescaled = 0;
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file, metadata, columns, rowStart, rowEnd });
    } catch (err) {
      throw new ImportError(`The Parquet file could not be read at rows ${rowStart + 1}-${rowEnd} (${err instanceof Error ? err.message : String(err)}).`, { cause: err });
    }
    rows.forEach((rec, i) => {
      const rowNumber = rowStart + i + 1;
      const skip = (reason: string) => skipped.push({ row: rowNumber, line: null, reason, values: [] });
      const id = mapping.id === null ? `row-${rowNumber}` : str(rec[mapping.id]);
      if (id === '') return skip(`has no id in "${mapping.id}"`);
      const earlier = seen.get(id);
      if (earlier !== undefined) return skip(`repeats the id "${id}" of row ${earlier}: give each profile its own id`);
      const text = mapping.text.map((c) => str(rec[c])).filter(Boolean).join('\n');
      if (text === '') return skip(`has no text in ${mapping.text.map((c) => `"${c}"`).join(', ')}`);
      const at = n;
      if (choice && matrix) {
        const cell = rec[choice.column];
        const v = choice.encoding === 'int8' ? parseInt8Vector(cell, rec[COLUMNS.int8Scale]) : choice.encoding === 'binary' ? (cell instanceof Uint8Array ? unpackSignBits(cell, cell.length * 8) : 'has no sign bits') : parseVector(cell);
        if (typeof v === 'string') return skip(`${v} in "${choice.column}"`);
        const length = choice.encoding === 'binary' ? Math.ceil(dims / 8) * 8 : dims;
        if (v.length !== length) {
          // the first row decides: a file of another model's vectors fails whole, as the generic import does
          if (n === 0) throw new ImportError(`The vectors in "${choice.column}" have ${v.length} ${choice.encoding === 'binary' ? 'bits' : 'numbers'}, but ${choice.model} makes ${dims}: they come from another model. Choose the model that made them, or "None" under Embeddings.`);
          return skip(`has a vector of ${v.length} numbers in "${choice.column}", not ${dims}: fix or remove this row`);
        }
        let s = 0;
        for (let j = 0; j < dims; j++) s += v[j] * v[j];
        if (s === 0) return skip(`has a vector of zeros in "${choice.column}", which matches nothing: fix or remove this row`);
        const norm = Math.sqrt(s);
        if (Math.abs(norm - 1) > 1e-3) rescaled++;
        for (let j = 0; j < dims; j++) matrix[at * dims + j] = v[j] / norm;
        if (codes && scales) {
          codes.set(new Int8Array((cell as Uint8Array).buffer, (cell as Uint8Array).byteOffset, dims), at * dims);
          scales[at] = Number(rec[COLUMNS.int8Scale]);
        }
      }
      seen.set(id, rowNumber);
      n++;
      profiles.push(importedProfile(id, text, (mapping.name ? str(rec[mapping.name]) : '') || id, mapping.headline ? str(rec[mapping.headline]) : '', mapping.label ? str(rec[mapping.label]) : ''));
    });
    rowStart = rowEnd;
    if (onProgress) {
      onProgress(rowEnd, total, profiles);
      profiles = [];
    }
  }
  if (!choice || !matrix) return { profiles, skipped, vectors: null };
  return {
    profiles,
    skipped,
    vectors: {
      // slice: the unused tail (skipped rows) is not carried along
      matrix: n === total ? matrix : matrix.slice(0, n * dims),
      dims,
      encoding: choice.encoding,
      rescaled,
      ...(codes && scales ? { int8: { codes: n === total ? codes : codes.slice(0, n * dims), scales: n === total ? scales : scales.slice(0, n) } } : {}),
    },
  };
}
