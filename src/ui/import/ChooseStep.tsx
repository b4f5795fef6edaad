import { useState, type DragEvent } from 'react';
import { MAX_EMBEDDINGS_FILE_BYTES, MAX_EMBEDDINGS_FILE_ROWS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../data/import/limits';
import { startImport } from '../../store/importActions';
import { HubDatasetSource } from './HubDatasetSource';

/** The first step: a file by picker or drag-and-drop, pasted rows, or a Hugging Face dataset by id. */
export function ChooseStep() {
  const [pasted, setPasted] = useState('');
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void startImport(file, file.name);
  };
  return (
    <div className="import-choose">
      <p className="meta">
        CSV (any separator), TSV, JSON (a list of objects), JSON Lines or Parquet, with a header or field names; up to {MAX_IMPORT_BYTES / 1e6} MB and{' '}
        {MAX_IMPORT_ROWS.toLocaleString('en-US')} rows (a Parquet file with embeddings from <code>npm run embed</code>: up to {MAX_EMBEDDINGS_FILE_BYTES / 1e6} MB and{' '}
        {MAX_EMBEDDINGS_FILE_ROWS.toLocaleString('en-US')} rows). The file is read on this device and never uploaded.
      </p>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label className="import-field">
          Choose a file, or drop one here
          <input
            type="file"
            data-testid="import-file"
            accept=".csv,.tsv,.tab,.txt,.json,.jsonl,.ndjson,.parquet,text/csv,text/tab-separated-values,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void startImport(file, file.name);
            }}
          />
        </label>
      </div>
      <label className="import-field">
        Or paste rows (header first)
        <textarea rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} data-testid="import-paste" spellCheck={false} />
      </label>
      <button type="button" disabled={pasted.trim() === ''} onClick={() => void startImport(pasted, 'pasted text')} data-testid="import-paste-read">
        Read pasted rows
      </button>
      <HubDatasetSource />
    </div>
  );
}
