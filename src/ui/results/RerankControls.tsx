import { DTYPES, type DType } from '../../embedding/catalogue';
import { RERANKERS, resolveReranker } from '../../embedding/rerankers';
import { useAppStore } from '../../store/appStore';
import { addCustomReranker, cancelRerank, removeCustomReranker, selectReranker, setRerankDtype, setRerankEnabled, setRerankTopN } from '../../store/rerankActions';
import { RERANK_TOP_N_OPTIONS } from '../../store/rerankSlice';
import { ProgressBar } from '../status/ProgressBar';
import { formatBytes } from '../../core/format';
import { HubIdForm } from '../models/HubIdForm';
import { CustomIds } from '../models/CustomIds';
import { ModelSource } from '../models/ModelSource';

/** The re-ranking stage: on/off, how many to re-rank, which cross-encoder, its progress and why it cannot run. */
export function RerankControls() {
  const enabled = useAppStore((s) => s.rerankEnabled);
  const rerankerId = useAppStore((s) => s.rerankerId);
  const dtype = useAppStore((s) => s.rerankDtype);
  const topN = useAppStore((s) => s.rerankTopN);
  const customIds = useAppStore((s) => s.customRerankerIds);
  const unavailable = useAppStore((s) => s.rerankUnavailable);
  const status = useAppStore((s) => s.rerankStatus);
  const error = useAppStore((s) => s.rerankError);
  const reranker = resolveReranker(rerankerId);
  const dtypes = DTYPES.filter((d) => reranker.dtypes[d]);
  const busy = status === 'loading' || status === 'scoring';
  const ids = [...RERANKERS.map((r) => r.id), ...customIds.filter((id) => !RERANKERS.some((r) => r.id === id))];

  return (
    <fieldset className="rerank-control" data-testid="rerank-control">
      <legend className="visually-hidden">Re-ranking</legend>
      <label>
        <input type="checkbox" data-testid="rerank-toggle" checked={enabled} onChange={(e) => void setRerankEnabled(e.target.checked)} /> Re-rank the top
      </label>
      <select aria-label="How many to re-rank" data-testid="rerank-top-n" value={topN} onChange={(e) => void setRerankTopN(Number(e.target.value))}>
        {RERANK_TOP_N_OPTIONS.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <label className="inline-field">
        with
        <select data-testid="reranker-select" value={rerankerId} onChange={(e) => void selectReranker(e.target.value)}>
          {ids.map((id) => {
            const entry = resolveReranker(id);
            return (
              <option key={id} value={id} title={entry.description}>
                {entry.label}
                {unavailable[id] ? ' (could not be loaded)' : ''}
              </option>
            );
          })}
        </select>
      </label>
      <select aria-label="Re-ranker precision" data-testid="rerank-dtype" value={dtype} disabled={dtypes.length < 2} onChange={(e) => void setRerankDtype(e.target.value as DType)}>
        {dtypes.map((d) => (
          <option key={d} value={d}>
            {d}
            {reranker.dtypes[d]?.sizeMB ? ` · ${reranker.dtypes[d]?.sizeMB} MB` : ''}
          </option>
        ))}
      </select>
      <HubIdForm placeholder="Other re-ranker, e.g. org/model" label="Other Hugging Face re-ranker id" testId="custom-reranker-input" onUse={addCustomReranker} />
      <CustomIds ids={customIds} kind="re-rankers" onRemove={(id) => void removeCustomReranker(id)} />
      {enabled && <ModelSource />}
      {enabled && <RerankStatus />}
      {enabled && unavailable[rerankerId] && status !== 'error' && (
        <p className="notice" data-testid="reranker-unavailable">
          {reranker.label} could not be loaded earlier: {unavailable[rerankerId]}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="rerank-error">
          {error}
        </p>
      )}
      {busy && (
        <button type="button" className="secondary" data-testid="rerank-cancel" onClick={cancelRerank}>
          Cancel re-ranking
        </button>
      )}
    </fieldset>
  );
}

/** What the stage is doing: downloading (bytes per file), scoring (pairs), or done (with what it cost). */
function RerankStatus() {
  const status = useAppStore((s) => s.rerankStatus);
  const files = useAppStore((s) => s.rerankFiles);
  const progress = useAppStore((s) => s.rerankProgress);
  const outcome = useAppStore((s) => s.rerank);
  const current = useAppStore((s) => s.result);
  if (status === 'loading') {
    const list = Object.entries(files);
    const loaded = list.reduce((a, [, f]) => a + f.loaded, 0);
    const total = list.reduce((a, [, f]) => a + f.total, 0);
    return (
      <p className="meta" data-testid="rerank-status" data-state={status}>
        Loading the re-ranker{total > 0 ? `: ${formatBytes(loaded)} of ${formatBytes(total)}` : '…'} <ProgressBar value={loaded} max={total || undefined} label="Re-ranker download" />
      </p>
    );
  }
  if (status === 'scoring') {
    return (
      <p className="meta" data-testid="rerank-status" data-state={status}>
        Re-ranking: {progress?.done ?? 0} of {progress?.total ?? '–'} pairs scored <ProgressBar value={progress?.done ?? 0} max={progress?.total} label="Re-ranking progress" />
      </p>
    );
  }
  if (status === 'ready' && outcome && outcome.result === current) {
    return (
      <p className="meta" data-testid="rerank-status" data-state={status}>
        Top {outcome.topN} re-ranked by {resolveReranker(outcome.rerankerId).label} · {outcome.dtype} · {outcome.scored} scored now, {outcome.fromCache} from cache ·{' '}
        {Math.round(outcome.elapsedMs)} ms
      </p>
    );
  }
  return null;
}
