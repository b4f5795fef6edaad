import { useMemo } from 'react';
import { useAppStore } from '../../store/appStore';
import { resultRows } from '../../store/selectors';
import { setResultCount } from '../../store/actions';
import { findModel } from '../../embedding/catalogue';
import { ResultItem } from './ResultItem';

const RESULT_COUNT_OPTIONS = [10, 25, 50, 100];

export function ResultsList() {
  const result = useAppStore((s) => s.result);
  const profiles = useAppStore((s) => s.profiles);
  const resultCount = useAppStore((s) => s.resultCount);
  const expandedId = useAppStore((s) => s.expandedProfileId);
  const rows = useMemo(() => resultRows(result, profiles), [result, profiles]);

  return (
    <section className="panel results-panel" aria-labelledby="results-heading">
      <div className="results-header">
        <h2 id="results-heading">Ranked candidates</h2>
        <label className="inline-field">
          Show
          <select value={resultCount} onChange={(e) => setResultCount(Number(e.target.value))}>
            {RESULT_COUNT_OPTIONS.map((n) => (
              <option key={n} value={n}>
                top {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result ? (
        <>
          <p className="meta">
            {rows.length} of {profiles.length.toLocaleString()} profiles by cosine similarity ·{' '}
            {findModel(result.modelId)?.label ?? result.modelId} · {Math.round(result.tookMs)} ms
          </p>
          <ol className="results">
            {rows.map((row) => (
              <ResultItem key={row.profile.id} row={row} query={result.query} expanded={expandedId === row.profile.id} />
            ))}
          </ol>
        </>
      ) : (
        <p className="empty">Paste a job description and press Find candidates to rank the profiles.</p>
      )}
    </section>
  );
}
