import type { ColumnMapping } from '../../data/import/mapping';
import type { VectorColumn } from '../../data/import/vectors';
import type { ParseResult } from '../../import/protocol';
import { modelFromMetadata, modelsForVectors, setImportMapping } from '../../store/importActions';

const NONE = '';

function describe(c: VectorColumn): string {
  if (c.encoding === 'binary') return `${c.column} (sign bits, ${c.dims} bits: coarse)`;
  if (c.encoding === 'int8') return `${c.column} (int8 codes, ${c.dims} numbers)`;
  return `${c.column} (${c.dims} numbers)`;
}

/**
 * The mapping step's choice of precomputed embeddings: a vector column, and the model that
 * made them (only models of that length are offered; none means the vectors cannot be used,
 * since job descriptions could not be embedded to match them).
 */
export function VectorsField({ parsed, mapping }: { parsed: ParseResult; mapping: ColumnMapping }) {
  const { vectorColumns, metadata } = parsed;
  if (vectorColumns.length === 0) return null;
  const column = vectorColumns.find((c) => c.column === mapping.vectors) ?? null;
  const models = column ? modelsForVectors(column) : [];
  const named = modelFromMetadata(metadata);
  return (
    <fieldset className="import-vectors" data-testid="import-vectors">
      <legend>Embeddings</legend>
      <label className="import-field">
        Precomputed vectors
        <select
          data-testid="import-map-vectors"
          value={mapping.vectors ?? NONE}
          onChange={(e) => {
            const next = vectorColumns.find((c) => c.column === e.target.value) ?? null;
            const fits = next ? modelsForVectors(next) : [];
            // keep the model named so far if it fits the new column, else the only one that fits
            const keep = fits.find((m) => m.id === mapping.vectorModel) ?? (fits.length === 1 ? fits[0] : null);
            setImportMapping({ vectors: next?.column ?? null, vectorModel: keep?.id ?? null });
          }}
        >
          <option value={NONE}>None: embed the text with the chosen model</option>
          {vectorColumns.map((c) => (
            <option key={c.column} value={c.column}>
              {describe(c)}
            </option>
          ))}
        </select>
      </label>
      {column && models.length > 0 && (
        <label className="import-field">
          Model that made them
          <select data-testid="import-map-vector-model" value={mapping.vectorModel ?? NONE} onChange={(e) => setImportMapping({ vectorModel: e.target.value || null })}>
            <option value={NONE}>Choose the model…</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {named.named && !named.model && (
        <p className="notice" data-testid="import-vectors-unknown">
          The file says its vectors come from “{named.named}”, which this app does not know. If one of the models offered is the same, choose it; otherwise choose “None” and
          the text is embedded.
        </p>
      )}
      {column && models.length === 0 && (
        <p className="error" role="alert" data-testid="import-vectors-refused">
          No model this app knows makes vectors of {column.dims} {column.encoding === 'binary' ? 'bits' : 'numbers'}, so these cannot be used: job descriptions could not be embedded to
          match them. Choose “None” to embed the text instead.
        </p>
      )}
      {column && models.length > 0 && (
        <p className="meta">
          The profiles are not embedded: these vectors are used as they are, with job descriptions embedded by the model named. Rows whose vector has another length, or NaN, are
          skipped and listed; vectors that are not unit length are scaled to it.
          {column.encoding === 'binary' && ' Sign bits alone rank coarsely.'}
        </p>
      )}
    </fieldset>
  );
}
