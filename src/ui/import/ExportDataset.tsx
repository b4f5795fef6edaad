import { useState } from 'react';
import { errorMessage } from '../../core/assert';
import { useAppStore } from '../../store/appStore';
import { datasetExportBlocker, datasetWithEmbeddings } from '../../store/datasetExport';
import { downloadBlob } from '../compare/download';

/** "Download dataset with embeddings (.parquet)": the profiles on screen and the current model's vectors, with progress. */
export function ExportDataset() {
  const blocker = useAppStore(datasetExportBlocker);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    setProgress({ done: 0, total: 1 });
    try {
      const { blob, fileName } = await datasetWithEmbeddings((done, total) => setProgress({ done, total }));
      downloadBlob(blob, fileName);
    } catch (err) {
      setError(`The file could not be written: ${errorMessage(err)}`);
    } finally {
      setProgress(null);
    }
  };
  return (
    <div className="export-dataset">
      <button type="button" data-testid="export-dataset" disabled={blocker !== null || progress !== null} title={blocker ?? undefined} onClick={() => void run()}>
        Download dataset with embeddings (.parquet)
      </button>
      {progress && (
        <span className="meta" role="status">
          Writing {progress.done.toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} rows… <progress max={progress.total} value={progress.done} aria-label="Export progress" />
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
