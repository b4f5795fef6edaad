import { useState } from 'react';
import { formatBytes } from '../../core/format';
import { plannedBytes } from '../../data/import/hubDataset';
import { mirrorLabel } from '../../embedding/mirror';
import { useAppStore } from '../../store/appStore';
import { cancelHubLookup, loadHubDataset, lookUpHubDataset, toggleHubChoice } from '../../store/importActions';

const EXAMPLE = 'ilsilfverskiold/linkedin_profiles_synthetic';

/** What a column is, in words: its type, and for a vector column its length and what happens to it. */
function columnNote(c: { type: string; vector: boolean; dims: number | null }): string {
  if (!c.vector) return c.type;
  return `${c.type}${c.dims ? `, ${c.dims} numbers per row` : ''}: precomputed embeddings`;
}

/** The import dialog's "Hugging Face dataset" source: an id, its Parquet files and columns, then only the chosen columns downloaded. */
export function HubDatasetSource() {
  const lookup = useAppStore((s) => s.hubLookup);
  const host = useAppStore((s) => s.remoteHost);
  const [typed, setTyped] = useState(lookup.status === 'ready' ? lookup.inspection.id : lookup.status === 'idle' ? '' : lookup.dataset);
  const looking = lookup.status === 'looking';
  return (
    <fieldset className="hub-source" data-testid="hub-dataset">
      <legend>Or a Hugging Face dataset</legend>
      <form
        className="hub-source-form"
        onSubmit={(e) => {
          e.preventDefault();
          void lookUpHubDataset(typed);
        }}
      >
        <label className="import-field">
          Dataset id
          <input
            type="text"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={EXAMPLE}
            spellCheck={false}
            autoComplete="off"
            data-testid="hub-dataset-id"
            aria-describedby="hub-dataset-note"
          />
        </label>
        <button type="submit" disabled={looking || typed.trim() === ''} data-testid="hub-dataset-lookup">
          Look up
        </button>
      </form>
      <p className="meta" id="hub-dataset-note">
        Its Parquet files are read from {mirrorLabel(host)} (the model host, under Storage): first their footers, then only the columns you choose. Nothing is uploaded.
      </p>
      {looking && (
        <p role="status" data-testid="hub-dataset-looking">
          Reading the file list and footers of {lookup.dataset}…{' '}
          <button type="button" onClick={cancelHubLookup}>
            Cancel
          </button>
        </p>
      )}
      {lookup.status === 'error' && (
        <p className="error" role="alert" data-testid="hub-dataset-error">
          {lookup.message}
        </p>
      )}
      {lookup.status === 'ready' && <HubChoices />}
    </fieldset>
  );
}

function HubChoices() {
  const lookup = useAppStore((s) => s.hubLookup);
  if (lookup.status !== 'ready') return null;
  const { inspection, files, columns } = lookup;
  const chosenFiles = inspection.files.filter((f) => files.includes(f.path));
  const rows = chosenFiles.reduce((n, f) => n + f.rows, 0);
  const total = chosenFiles.reduce((n, f) => n + (f.size ?? 0), 0);
  const download = plannedBytes(chosenFiles, columns);
  const vectorsChosen = inspection.columns.some((c) => c.vector && columns.includes(c.name));
  return (
    <div className="hub-choices">
      <p data-testid="hub-dataset-summary">
        {inspection.id} on {inspection.hostLabel}: {inspection.files.length} Parquet file{inspection.files.length === 1 ? '' : 's'}, {inspection.rows.toLocaleString('en-US')} rows,{' '}
        {inspection.columns.length} columns.
        {inspection.filesLeftOut > 0 && ` ${inspection.filesLeftOut} more files are not shown; only the first ${inspection.files.length} can be loaded at once.`}
      </p>
      <fieldset>
        <legend>Files</legend>
        <ul className="hub-list">
          {inspection.files.map((f) => (
            <li key={f.path}>
              <label>
                <input type="checkbox" checked={files.includes(f.path)} onChange={(e) => toggleHubChoice('files', f.path, e.target.checked)} data-testid="hub-dataset-file" />
                {f.path} <span className="meta">
                  {f.size === null ? '–' : formatBytes(f.size)}, {f.rows.toLocaleString('en-US')} rows
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Columns to load</legend>
        <ul className="hub-list" data-testid="hub-dataset-columns">
          {inspection.columns.map((c) => (
            <li key={c.name}>
              <label>
                <input type="checkbox" checked={columns.includes(c.name)} onChange={(e) => toggleHubChoice('columns', c.name, e.target.checked)} data-testid={`hub-column-${c.name}`} />
                {c.name} <span className="meta">{columnNote(c)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {vectorsChosen && <p className="notice">Vector columns are downloaded with the rest. In the next step, choose one under Embeddings with the model that made it to use the vectors as they are; otherwise the text is embedded.</p>}
      <p className="meta" data-testid="hub-dataset-plan">
        Downloads about {formatBytes(download)} of the files’ {total ? formatBytes(total) : '–'} ({columns.length} of {inspection.columns.length} columns).
      </p>
      <button type="button" disabled={files.length === 0 || columns.length === 0} onClick={() => void loadHubDataset()} data-testid="hub-dataset-load">
        Load {rows.toLocaleString('en-US')} rows
      </button>
    </div>
  );
}
