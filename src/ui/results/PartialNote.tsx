import { TAKEOVER_MIN } from '../../core/progressive';
import { useAppStore } from '../../store/appStore';
import { resolveModel } from '../../store/modelActions';
import { liveProgressLabel } from '../../store/progressSelectors';
import type { SearchResult } from '../../store/searchSlice';

/**
 * Says what the shown ranking covers while a slow model embeds: which model it comes from
 * when another one is being prepared, and how many profiles it was ranked over when its model
 * has not embedded all of them (yet, or because embedding was stopped).
 */
export function PartialNote({ result }: { result: SearchResult }) {
  const chosen = useAppStore((s) => s.modelId);
  const status = useAppStore((s) => s.embeddingStatus);
  const live = useAppStore(liveProgressLabel);
  const total = useAppStore((s) => s.profiles.length);
  const preparing = status === 'loading-model' || status === 'embedding';
  const shown = resolveModel(result.modelId).label;
  const coverage = result.coverage;
  return (
    <>
      {preparing && chosen !== result.modelId && (
        <p className="notice" role="status" data-testid="results-model-note">
          These results are from {shown}. {resolveModel(chosen).label} is {status === 'loading-model' ? 'loading' : `embedding (${live})`} and replaces them once it
          has {Math.min(TAKEOVER_MIN, total).toLocaleString()} profiles embedded.
        </p>
      )}
      {coverage && (
        <p className="notice" role="status" data-testid="partial-results">
          <strong>Partial ranking:</strong> over the {coverage.embedded.toLocaleString()} of {coverage.total.toLocaleString()} profiles embedded with {shown}
          {preparing && chosen === result.modelId ? ` so far (${live}); it refreshes as more arrive.` : ' before embedding stopped.'}{' '}
          {result.ranking === 'bm25' && `Keywords only ranks all ${coverage.total.toLocaleString()} profiles; those not embedded yet show cosine –.`}
          {result.ranking === 'hybrid' && 'The keyword part is restricted to the same profiles, so the fused scores are those a search of just these profiles gives.'}
        </p>
      )}
    </>
  );
}
