import { useAppStore } from '../../store/appStore';
import { confirmImport, resetImport, setImportKind, setImportMapping, setImportName } from '../../store/importActions';
import { composeText } from '../../data/import/mapping';
import { SkippedRows } from './SkippedRows';
import { VectorsField } from './VectorsField';

/** Composed texts shown as a preview. */
const PREVIEW_TEXTS = 2;
const NONE = '';

function ColumnSelect({ label, value, columns, none, onChange, testId }: { label: string; value: string | null; columns: string[]; none: string; onChange: (v: string | null) => void; testId: string }) {
  return (
    <label className="import-field">
      {label}
      <select data-testid={testId} value={value ?? NONE} onChange={(e) => onChange(e.target.value === NONE ? null : e.target.value)}>
        <option value={NONE}>{none}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The mapping step: the first rows, the guessed roles of the columns (changeable), a preview of the text to embed. */
export function MappingStep() {
  const state = useAppStore((s) => s.importState);
  if (state.phase !== 'mapping' && state.phase !== 'building') return null;
  const { parsed, mapping, name, error, kind } = state;
  const jobs = kind === 'jobs';
  const { columns, preview } = parsed;
  const toggleText = (c: string, on: boolean) => {
    // keep the header's order, so the composed text reads as the file does
    const next = on ? columns.filter((x) => x === c || mapping.text.includes(x)) : mapping.text.filter((x) => x !== c);
    setImportMapping({ text: next });
  };
  const building = state.phase === 'building';
  return (
    <div className="import-mapping">
      <p data-testid="import-summary">
        {parsed.rowCount.toLocaleString('en-US')} rows read from {state.fileName} ({parsed.format.toUpperCase()}
        {parsed.delimiter && parsed.format === 'csv' ? `, separated by ${parsed.delimiter === '\t' ? 'tabs' : `"${parsed.delimiter}"`}` : ''}) in {(parsed.ms / 1000).toFixed(1)} s.
      </p>
      {parsed.notices.map((n) => (
        <p key={n} className="notice">
          {n}
        </p>
      ))}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
        <table className="import-preview">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i}>{cell.length > 80 ? `${cell.slice(0, 80)}…` : cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset className="import-kind">
        <legend>These rows are</legend>
        <label>
          <input type="radio" name="import-kind" checked={!jobs} onChange={() => setImportKind('profiles')} data-testid="import-kind-profiles" /> profiles to search
        </label>
        <label>
          <input type="radio" name="import-kind" checked={jobs} onChange={() => setImportKind('jobs')} data-testid="import-kind-jobs" /> labelled job descriptions, for the
          profiles on screen (examples and the comparison lab)
        </label>
      </fieldset>
      <div className="import-columns">
        <ColumnSelect label="Id" testId="import-map-id" value={mapping.id} columns={columns} none="Number the rows" onChange={(id) => setImportMapping({ id })} />
        {!jobs && <ColumnSelect label="Name (shown)" testId="import-map-name" value={mapping.name} columns={columns} none="None (show the id)" onChange={(v) => setImportMapping({ name: v })} />}
        <ColumnSelect label={jobs ? 'Title' : 'Headline (shown)'} testId="import-map-headline" value={mapping.headline} columns={columns} none="None" onChange={(v) => setImportMapping({ headline: v })} />
        <ColumnSelect
          label={jobs ? 'Relevant role (required; related roles after ";")' : 'Label (true role, for evaluation)'}
          testId="import-map-label"
          value={mapping.label}
          columns={columns}
          none={jobs ? 'Choose a column' : 'None (unlabelled)'}
          onChange={(v) => setImportMapping({ label: v })}
        />
      </div>
      <fieldset className="import-text-columns">
        <legend>Text to embed (in this order)</legend>
        {columns.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={mapping.text.includes(c)} onChange={(e) => toggleText(c, e.target.checked)} /> {c}
          </label>
        ))}
      </fieldset>
      {!jobs && <VectorsField parsed={parsed} mapping={mapping} />}
      <div className="import-composed" data-testid="import-composed">
        <p className="meta">What the model will read, for the first rows:</p>
        {preview.slice(0, PREVIEW_TEXTS).map((row, r) => (
          <pre key={r}>{composeText(columns, row, mapping.text) || '(empty: this row would be skipped)'}</pre>
        ))}
      </div>
      {!jobs && (
        <label className="import-field">
          Dataset name
          <input type="text" value={name} maxLength={80} onChange={(e) => setImportName(e.target.value)} data-testid="import-name" />
        </label>
      )}
      {parsed.skippedCount > 0 && <SkippedRows columns={columns} skipped={parsed.skippedSample} />}
      {parsed.skippedCount > parsed.skippedSample.length && (
        <p className="meta">The parser skipped {parsed.skippedCount.toLocaleString('en-US')} rows in all; the full list comes after the import.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="import-actions">
        <button type="button" className="primary" data-testid="import-confirm" disabled={building || mapping.text.length === 0 || (jobs && mapping.label === null) || (!jobs && !!mapping.vectors && !mapping.vectorModel)} onClick={() => void confirmImport()}>
          {building ? (state.built ? `Importing… ${state.built.done.toLocaleString('en-US')} of ${state.built.total.toLocaleString('en-US')} rows read` : 'Importing…') : `Import ${parsed.rowCount.toLocaleString('en-US')} ${jobs ? 'job descriptions' : 'profiles'}`}
        </button>
        <button type="button" onClick={resetImport}>
          Choose another file
        </button>
      </div>
    </div>
  );
}
