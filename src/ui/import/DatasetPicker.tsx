import { useCallback, useEffect, useRef, useState } from 'react';
import { formatBytes } from '../../core/format';
import { useAppStore } from '../../store/appStore';
import { deleteDataset, selectDataset, setDatasetJobs, storageEstimate } from '../../store/datasetActions';
import { BUNDLED_DATASET_ID } from '../../store/datasetSlice';
import { ImportDialog } from './ImportDialog';
import { ExportDataset } from './ExportDataset';

/** Which profiles are searched (bundled or imported), delete with a confirmation, storage use, and the import entry. */
export function DatasetPicker() {
  const datasetId = useAppStore((s) => s.datasetId);
  const datasets = useAppStore((s) => s.datasets);
  const notice = useAppStore((s) => s.datasetNotice);
  const status = useAppStore((s) => s.datasetStatus);
  const jobCount = useAppStore((s) => s.jobs.length);
  const jobsSource = useAppStore((s) => s.jobsSource);
  const [open, setOpen] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  // back to the button that opened the panel, so the keyboard keeps its place
  const close = useCallback(() => {
    setOpen(false);
    openButton.current?.focus();
  }, []);
  const [confirming, setConfirming] = useState(false);
  const [usage, setUsage] = useState<{ usage: number; quota: number } | null>(null);
  const current = datasets.find((d) => d.id === datasetId);
  useEffect(() => {
    let live = true;
    void storageEstimate().then((u) => live && setUsage(u));
    return () => {
      live = false;
    };
  }, [datasets]);
  const kept = datasets.reduce((sum, d) => sum + d.approxBytes, 0);
  return (
    <div className="dataset-bar">
      <div className="dataset-row">
        <label className="import-field inline">
          Profiles
          <select
            data-testid="dataset-select"
            value={datasetId}
            disabled={status !== 'ready'}
            onChange={(e) => {
              setConfirming(false);
              void selectDataset(e.target.value);
            }}
          >
            <option value={BUNDLED_DATASET_ID}>Bundled (synthetic)</option>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} · {d.rows.toLocaleString('en-US')}
                {d.sessionOnly ? ' (this session only)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" ref={openButton} data-testid="import-open" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Import profiles
        </button>
        {current && !confirming && (
          <button type="button" data-testid="dataset-delete" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        )}
      </div>
      {current && confirming && (
        <p className="confirm" role="alert">
          Delete “{current.name}” ({current.rows.toLocaleString('en-US')} profiles) from this browser? The bundled profiles will be shown.{' '}
          <button
            type="button"
            data-testid="dataset-delete-confirm"
            onClick={() => {
              setConfirming(false);
              void deleteDataset(current.id);
            }}
          >
            Delete
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} autoFocus>
            Keep it
          </button>
        </p>
      )}
      <p className="meta" data-testid="dataset-jobs">
        Job descriptions: {jobCount.toLocaleString('en-US')} {jobsSource === 'imported' ? 'imported for these profiles' : 'bundled'}
        {jobsSource === 'imported' && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => void setDatasetJobs(null)}>
              use the bundled ones
            </button>
          </>
        )}
      </p>
      <ExportDataset />
      <p className="meta" data-testid="dataset-storage">
        {datasets.length > 0 ? `${datasets.length} imported dataset${datasets.length === 1 ? '' : 's'}, about ${formatBytes(kept)} of text` : 'No imported datasets'}
        {usage && ` · this site stores ${formatBytes(usage.usage)} in all (datasets, embeddings, models)`}
      </p>
      {notice && (
        <p className="notice" role="status" data-testid="dataset-notice">
          {notice}
        </p>
      )}
      {open && <ImportDialog onClose={close} />}
    </div>
  );
}
