import { useAppStore } from '../../store/appStore';
import { runSearch, searchWithExampleJob, setQuery } from '../../store/actions';
import { ExampleJobs } from './ExampleJobs';
import { RankingControl } from './RankingControl';
import { TermRules } from './TermRules';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The job description box: the only part of the panel that re-renders per keystroke (with a
 * pasted 1 MB text, re-rendering the ranking control, term rules and examples each time showed).
 */
function JobInput() {
  const query = useAppStore((s) => s.query);
  return (
    <>
      <label htmlFor="job-input" className="visually-hidden">
        Job description
      </label>
      <textarea
        id="job-input"
        data-testid="job-input"
        value={query}
        rows={12}
        placeholder="Paste a job description: the team, what the person will do, what they need to know…"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void runSearch();
          }
        }}
      />
    </>
  );
}

export function SearchPanel() {
  const searchStatus = useAppStore((s) => s.searchStatus);
  const searchError = useAppStore((s) => s.searchError);
  const busy = searchStatus === 'searching';

  return (
    <section className="panel search-panel" aria-labelledby="search-heading">
      <h2 id="search-heading">Job description</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void runSearch();
        }}
      >
        <JobInput />
        <div className="search-actions">
          <button type="submit" data-testid="search-button" disabled={busy}>
            {busy ? 'Searching…' : 'Find candidates'}
          </button>
          <span className="hint">
            or <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd>
          </span>
        </div>
        <RankingControl />
        {searchStatus === 'waiting-for-embeddings' && (
          <p className="notice" role="status">
            Will search as soon as the profiles are embedded.
          </p>
        )}
        {searchError && (
          <p className="error" role="alert">
            {searchError}
          </p>
        )}
      </form>
      <TermRules />
      <ExampleJobs onPick={(id) => void searchWithExampleJob(id)} />
    </section>
  );
}
