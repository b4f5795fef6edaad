import { useAppStore } from '../../store/appStore';
import { selectModelLabel } from '../../store/selectors';
import { ProgressBar } from './ProgressBar';
import { formatBytes, formatRate } from './format';

/** One live region for everything long-running: data, model download, embedding. */
export function StatusBar() {
  const datasetStatus = useAppStore((s) => s.datasetStatus);
  const datasetError = useAppStore((s) => s.datasetError);
  const embeddingStatus = useAppStore((s) => s.embeddingStatus);
  const embeddingError = useAppStore((s) => s.embeddingError);
  const modelFiles = useAppStore((s) => s.modelFiles);
  const progress = useAppStore((s) => s.embedProgress);
  const profileCount = useAppStore((s) => s.profiles.length);
  const embeddings = useAppStore((s) => s.profileEmbeddings);
  const modelLabel = useAppStore(selectModelLabel);

  const state = datasetStatus === 'error' ? 'error' : datasetStatus !== 'ready' ? 'loading-data' : embeddingStatus;

  let body: React.ReactNode;
  if (datasetStatus === 'error') {
    body = <span className="error">Could not load the profiles: {datasetError}</span>;
  } else if (datasetStatus !== 'ready') {
    body = <span>Loading profiles…</span>;
  } else if (embeddingStatus === 'loading-model') {
    const files = Object.values(modelFiles);
    const loaded = files.reduce((a, f) => a + f.loaded, 0);
    const total = files.reduce((a, f) => a + f.total, 0);
    body = (
      <>
        <span>
          Loading {modelLabel}
          {total > 0 ? ` · ${formatBytes(loaded)} of ${formatBytes(total)}` : '…'}
        </span>
        <ProgressBar value={loaded} max={total || undefined} label="Model download" />
      </>
    );
  } else if (embeddingStatus === 'embedding' && progress) {
    const rate = progress.elapsedMs > 0 ? (progress.done / progress.elapsedMs) * 1000 : 0;
    body = (
      <>
        <span>
          Embedding profiles {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
          {rate > 0 && ` · ${formatRate(rate)}`}
        </span>
        <ProgressBar value={progress.done} max={progress.total} label="Embedding progress" />
      </>
    );
  } else if (embeddingStatus === 'error') {
    body = <span className="error">{embeddingError}</span>;
  } else if (embeddingStatus === 'ready' && embeddings) {
    const rate = embeddings.elapsedMs > 0 ? (profileCount / embeddings.elapsedMs) * 1000 : 0;
    body = (
      <span>
        Ready · {profileCount.toLocaleString()} profiles embedded with {modelLabel} in {(embeddings.elapsedMs / 1000).toFixed(1)} s
        {rate > 0 && ` (${formatRate(rate)})`}
      </span>
    );
  } else {
    body = <span>Starting…</span>;
  }

  return (
    <div className="status" data-testid="status" data-state={state} role="status" aria-live="polite">
      {body}
    </div>
  );
}
