import { useEffect, useMemo } from 'react';
import { useAppStore } from '../../store/appStore';
import { toRows, type ResultRow } from '../../store/selectors';
import { setResultCount } from '../../store/actions';
import { ruleOutcomeFor } from '../../store/ruleOutcome';
import { findModel } from '../../embedding/catalogue';
import { ResultItem } from './ResultItem';
import { ClusterFilterControl } from './ClusterFilterControl';
import type { BaseRanking } from '../../core/fusion';
import { RerankControls } from './RerankControls';
import { shownHits } from '../../store/rerankSelectors';
import { indexPhrase } from '../../store/searchIndex';
import { RESULT_COUNT_OPTIONS, type SearchResult } from '../../store/searchSlice';
import { ExportShortlist } from './ExportShortlist';
import { PartialNote } from './PartialNote';
import { ShareView } from './ShareView';
import { staleResultReason, standingOf } from '../../store/resultState';
import { markStartup, STARTUP_MARKS } from '../../store/startupMarks';

/** How the shown list was ordered, in words. */
export function rankingPhrase(ranking: BaseRanking, weight: number): string {
  if (ranking === 'embedding') return 'by meaning (cosine similarity)';
  if (ranking === 'bm25') return 'by keywords (BM25)';
  const pct = Math.round(weight * 100);
  return `by meaning and keywords (hybrid, ${pct}% meaning, ${100 - pct}% keywords)`;
}

export function ResultsList() {
  const result = useAppStore((s) => s.result);
  const profiles = useAppStore((s) => s.profiles);
  const resultCount = useAppStore((s) => s.resultCount);
  const expandedId = useAppStore((s) => s.expandedProfileId);
  const selectedId = useAppStore((s) => s.selectedProfileId);
  const filterKind = useAppStore((s) => s.filterMode.kind);
  const rerank = useAppStore((s) => s.rerank);
  const shown = useMemo(() => (result ? shownHits(result, rerank, resultCount) : null), [result, rerank, resultCount]);
  const rows = useMemo(() => (result && shown ? toRows(shown.hits, profiles, { embedding: result.embeddingScores, keyword: result.keywordScores }) : []), [result, shown, profiles]);
  const hiddenRows = useMemo(() => (result ? toRows(result.hiddenHits, profiles, { embedding: result.embeddingScores, keyword: result.keywordScores }) : []), [result, profiles]);
  const ruleHiddenRows = useMemo(() => (result ? toRows(result.ruleHiddenHits, profiles, { embedding: result.embeddingScores, keyword: result.keywordScores }) : []), [result, profiles]);
  const termRules = useAppStore((s) => s.termRules);
  const ruleCount = termRules.length;
  const removedByRules = useMemo(() => (termRules.length ? ruleOutcomeFor(profiles, termRules).removedTotal : 0), [profiles, termRules]);
  const selectedInList = selectedId !== null && rows.some((r) => r.profile.id === selectedId);
  const stale = useAppStore(staleResultReason);
  const searchNotice = useAppStore((s) => s.searchNotice);
  // a point picked on the map that the list does not reach: where it ranks, and the profile itself when no list size reaches it
  const standing = useMemo(() => {
    if (!result || selectedId === null || selectedInList) return null;
    const index = profiles.findIndex((p) => p.id === selectedId);
    return index < 0 ? null : standingOf(result, index, profiles.length);
  }, [result, selectedId, selectedInList, profiles]);
  useEffect(() => {
    // the benchmark's "first ranked list": the first frame that shows one
    if (!result) return;
    const frame = requestAnimationFrame(() => markStartup(STARTUP_MARKS.ranked));
    return () => cancelAnimationFrame(frame);
  }, [result]);
  const reachable = standing?.kind === 'ranked' ? RESULT_COUNT_OPTIONS.find((n) => n >= standing.rank) : undefined;
  const standingRow = useMemo(
    () => (result && standing?.kind === 'ranked' && reachable === undefined ? toRows([standing.hit], profiles, { embedding: result.embeddingScores, keyword: result.keywordScores }).map((r) => ({ ...r, rank: standing.rank }))[0] : null),
    [result, standing, reachable, profiles],
  );

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
        <ExportShortlist />
      </div>
      <ShareView />
      <ClusterFilterControl />
      <RerankControls />
      {searchNotice && (
        <p className="notice" role="status" data-testid="search-notice">
          {searchNotice}
        </p>
      )}
      {result ? (
        <>
          {stale && (
            <p className="notice stale-notice" role="status" data-testid="stale-results">
              {stale}
            </p>
          )}
          <PartialNote result={result} />
          <p className="meta">
            {rows.length} of {profiles.length.toLocaleString()} profiles <span data-testid="ranking-used">{rankingPhrase(result.ranking, result.fusionWeight)}</span>
            {filterKind !== 'all' && result.queryClusters.length > 0 && ', filtered by cluster'} · {findModel(result.modelId)?.label ?? result.modelId} ·{' '}
            <span data-testid="search-index">{indexPhrase(result.searchIndex)}</span> · {Math.round(result.tookMs)} ms
            {result.queryClusters.length > 0 && ` · the job falls in cluster ${result.queryClusters[0] + 1}`}
            {ruleCount > 0 && ` · your term rules removed ${removedByRules.toLocaleString()}`}
          </p>
          {rows.length === 0 && ruleCount > 0 && (
            <p className="notice" data-testid="rules-removed-all">
              Your must-have and excluded terms leave no profile to rank.
            </p>
          )}
          {standing && (
            <div className="notice" data-testid="selection-outside">
              {standing.kind === 'removed' ? (
                <p>The profile selected on the map is not ranked: your cluster filter or term rules remove it.</p>
              ) : (
                <p>
                  The profile selected on the map ranks {standing.rank.toLocaleString()} of {standing.of.toLocaleString()}
                  {reachable !== undefined ? (
                    <>
                      , outside this list.{' '}
                      <button type="button" className="link-button" onClick={() => setResultCount(reachable)}>
                        Show the top {reachable}
                      </button>
                    </>
                  ) : (
                    `, below the top ${RESULT_COUNT_OPTIONS[RESULT_COUNT_OPTIONS.length - 1]} the list can show. Here it is:`
                  )}
                </p>
              )}
              {standingRow && result && (
                <ol className="results" start={standingRow.rank} data-testid="selected-standing">
                  <ResultItem row={standingRow} query={result.query} ranking={result.ranking} expanded={expandedId === standingRow.profile.id} selected hidden />
                </ol>
              )}
            </div>
          )}
          <a className="skip-link" href="#cluster-map">
            Skip past the results to the cluster map
          </a>
          <ol className={stale ? 'results stale' : 'results'} data-stale={stale ? 'true' : undefined}>
            {rows.map((row, i) => (
              <ResultItem
                key={row.profile.id}
                row={row}
                move={shown?.moves?.[i]}
                query={result.query}
                ranking={result.ranking}
                expanded={expandedId === row.profile.id}
                selected={selectedId === row.profile.id}
              />
            ))}
          </ol>
          <HiddenMatches testId="hidden-hits" rows={hiddenRows} why="hidden by the cluster filter" result={result} expandedId={expandedId} selectedId={selectedId} />
          <HiddenMatches testId="rule-hidden-hits" rows={ruleHiddenRows} why="removed by your term rules" result={result} expandedId={expandedId} selectedId={selectedId} />
        </>
      ) : (
        <p className="empty">Paste a job description and press Find candidates to rank the profiles.</p>
      )}
    </section>
  );
}

/** Strong matches a filter took out of the list, shown on request so nothing vanishes silently. */
function HiddenMatches({ testId, rows, why, result, expandedId, selectedId }: { testId: string; rows: readonly ResultRow[]; why: string; result: SearchResult; expandedId: string | null; selectedId: string | null }) {
  if (rows.length === 0) return null;
  return (
    <details className="hidden-hits" data-testid={testId}>
      <summary>
        {rows.length} strong {rows.length === 1 ? 'match' : 'matches'} {why}
      </summary>
      <ol className="results">
        {rows.map((row) => (
          <ResultItem key={row.profile.id} row={row} query={result.query} ranking={result.ranking} expanded={expandedId === row.profile.id} selected={selectedId === row.profile.id} hidden />
        ))}
      </ol>
    </details>
  );
}
