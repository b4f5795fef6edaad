import { useAppStore } from '../../store/appStore';
import type { Truncation } from '../../store/embeddingSlice';
import { cancelModelLoad, resolveModel, resumeEmbedding } from '../../store/modelActions';
import { timeLeft } from '../../store/progressSelectors';
import { ProgressBar } from './ProgressBar';
import { formatBytes } from '../../core/format';
import { formatRate } from './format';

function CancelButton() {
  return (
    <button type="button" className="secondary" data-testid="cancel-button" onClick={cancelModelLoad}>
      Cancel
    </button>
  );
}

/** "2,300 built with the app, 100 from cache, 12 duplicates": duplicates share the vector of an identical profile text. */
function reused(fromCache: number, duplicates: number, prebuilt = 0): string {
  const parts = [];
  if (prebuilt > 0) parts.push(`${prebuilt.toLocaleString()} built with the app`);
  if (fromCache - prebuilt > 0) parts.push(`${(fromCache - prebuilt).toLocaleString()} from cache`);
  if (duplicates > 0) parts.push(`${duplicates.toLocaleString()} ${duplicates === 1 ? 'duplicate' : 'duplicates'}`);
  return parts.join(', ');
}

/** Says what the count is over: all profiles when all were embedded now, else those embedded now. */
function truncationMessage(cut: Truncation, profileCount: number): string {
  const over = cut.of === profileCount ? '' : ` of the ${cut.of.toLocaleString()} embedded now`;
  const subject = cut.truncated === 1 ? `1 profile${over} was` : `${cut.truncated.toLocaleString()} profiles${over} were`;
  return `${subject} longer than ${cut.maxTokens.toLocaleString()} tokens and ${cut.truncated === 1 ? 'was' : 'were'} cut.`;
}

/** One live region for everything long-running: data, model download, embedding. */
export function StatusBar() {
  const datasetStatus = useAppStore((s) => s.datasetStatus);
  const datasetError = useAppStore((s) => s.datasetError);
  const embeddingStatus = useAppStore((s) => s.embeddingStatus);
  const embeddingError = useAppStore((s) => s.embeddingError);
  const modelFiles = useAppStore((s) => s.modelFiles);
  const progress = useAppStore((s) => s.embedProgress);
  const cached = useAppStore((s) => s.embedCached);
  const duplicates = useAppStore((s) => s.embedDuplicates);
  const profileCount = useAppStore((s) => s.profiles.length);
  const embeddings = useAppStore((s) => s.profileEmbeddings);
  const chosen = useAppStore((s) => resolveModel(s.modelId).id);
  const mirrorPending = useAppStore((s) => s.pendingMirror !== null);
  // only for models that embed a chunk at a time (Hub models): the others take seconds
  const left = useAppStore((s) => (resolveModel(s.modelId).source === 'hub' ? timeLeft(s) : null));

  const state = datasetStatus === 'error' ? 'error' : datasetStatus !== 'ready' ? 'loading-data' : embeddingStatus;

  let body: React.ReactNode;
  if (datasetStatus === 'error') {
    body = <span className="error">Could not load the profiles: {datasetError}</span>;
  } else if (datasetStatus !== 'ready') {
    body = <span>Loading profiles…</span>;
  } else if (embeddingStatus === 'loading-model') {
    const files = Object.entries(modelFiles);
    const loaded = files.reduce((a, [, f]) => a + f.loaded, 0);
    const total = files.reduce((a, [, f]) => a + f.total, 0);
    body = (
      <>
        <span>
          Loading {chosen}
          {total > 0 ? ` · ${formatBytes(loaded)} of ${formatBytes(total)}` : '…'}
        </span>
        <ProgressBar value={loaded} max={total || undefined} label="Model download" />
        <CancelButton />
        {files.length > 0 && (
          <ul className="file-progress" data-testid="file-progress">
            {files.map(([file, f]) => (
              <li key={file}>
                <code>{file}</code> {formatBytes(f.loaded)} / {formatBytes(f.total)}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  } else if (embeddingStatus === 'embedding' && progress) {
    const computed = progress.done - cached - duplicates;
    const rate = progress.elapsedMs > 0 ? (computed / progress.elapsedMs) * 1000 : 0;
    body = (
      <>
        <span>
          Embedding profiles {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
          {(cached > 0 || duplicates > 0) && ` (${reused(cached, duplicates)})`}
          {rate > 0 && ` · ${formatRate(rate)}`}
          {left && <span data-testid="embed-time-left"> · {left}</span>}
        </span>
        <ProgressBar value={progress.done} max={progress.total} label="Embedding progress" />
        <CancelButton />
      </>
    );
  } else if (embeddingStatus === 'ready' && embeddings?.coverage) {
    // stopped (cancelled, or failed) part way: what is embedded is saved and searchable
    const { count, has } = embeddings.coverage;
    body = (
      <>
        <span data-testid="embedding-stopped">
          Stopped · {count.toLocaleString()} of {has.length.toLocaleString()} profiles embedded with {resolveModel(embeddings.modelId).label} (saved); search and the
          map use them
        </span>
        <button type="button" data-testid="resume-embedding" onClick={() => void resumeEmbedding()}>
          Resume embedding ({count.toLocaleString()} of {has.length.toLocaleString()} done)
        </button>
      </>
    );
  } else if (embeddingStatus === 'error') {
    body = <span className="error">{embeddingError}</span>;
  } else if (embeddingStatus === 'ready' && embeddings?.fromFile) {
    body = (
      <span>
        Ready · {profileCount.toLocaleString()} profiles with vectors from the file, made by {resolveModel(embeddings.modelId).label}; only job descriptions are embedded
      </span>
    );
  } else if (embeddingStatus === 'ready' && embeddings) {
    const rate = embeddings.embedded > 0 && embeddings.elapsedMs > 0 ? (embeddings.embedded / embeddings.elapsedMs) * 1000 : 0;
    const cut = embeddings.truncation;
    body = (
      <>
        <span>
          Ready · {profileCount.toLocaleString()} profiles embedded with {resolveModel(embeddings.modelId).label} in {(embeddings.elapsedMs / 1000).toFixed(1)} s
          {(embeddings.fromCache > 0 || embeddings.duplicates > 0) &&
            ` · ${reused(embeddings.fromCache, embeddings.duplicates, embeddings.prebuilt)}, ${embeddings.embedded.toLocaleString()} computed`}
          {rate > 0 && ` (${formatRate(rate)})`}
        </span>
        {cut && cut.truncated > 0 && (
          <span className="notice" data-testid="truncation-notice">
            {truncationMessage(cut, profileCount)}
          </span>
        )}
      </>
    );
  } else if (embeddingStatus === 'idle' && mirrorPending) {
    body = <span>Waiting for your answer about the link's model mirror before loading {chosen}.</span>;
  } else {
    body = <span>Starting…</span>;
  }

  return (
    <div className="status" data-testid="status" data-state={state} data-partial={embeddings?.coverage ? 'true' : undefined} role="status" aria-live="polite">
      {body}
    </div>
  );
}
