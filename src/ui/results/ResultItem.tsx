import { memo, useEffect, useRef } from 'react';
import type { ResultRow } from '../../store/selectors';
import { toggleExpanded } from '../../store/actions';
import { clusterColour } from '../plot/palette';
import { ProfileDetails } from './ProfileDetails';
import type { BaseRanking } from '../../core/fusion';
import { MoveBadge } from './MoveBadge';
import { resultLabel, shownScore } from './resultLabel';
import type { ShownHits } from '../../store/rerankSelectors';
import { UNLABELLED } from '../../data/schema';

interface Props {
  row: ResultRow;
  query: string;
  /** What `row.score` is. */
  ranking: BaseRanking;
  expanded: boolean;
  selected: boolean;
  /** Listed under "hidden by the cluster filter": no data-testid of ranked results. */
  hidden?: boolean;
  /** Where it was before re-ranking, when the list is re-ranked. */
  move?: NonNullable<ShownHits['moves']>[number];
}

const SCORE_MEANING: Record<BaseRanking, string> = {
  embedding: 'Cosine similarity to the job description',
  bm25: 'BM25 keyword score for the job description',
  hybrid: 'Hybrid score: the z-scored cosine and BM25 score mixed by the chosen weight (0 = an average profile)',
};

export const ResultItem = memo(function ResultItem({ row, query, ranking, expanded, selected, hidden = false, move }: Props) {
  const { profile, rank, score, cluster, parts } = row;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // a point clicked on the map brings its result into view
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const detailsId = `details-${hidden ? 'hidden-' : ''}${profile.id}`;
  return (
    <li
      ref={ref}
      className={selected ? 'result selected' : 'result'}
      data-testid={hidden ? 'hidden-item' : 'result-item'}
      data-profile-id={profile.id}
      data-score={score.toFixed(4)}
      data-cosine={parts?.cosine.toFixed(4)}
      data-cluster={cluster}
    >
      {/* the button reads "rank 1, score 0.814, Kofi Liu, ..." (one sentence for screen readers), not "10.814Kofi Liu" from the laid-out parts */}
      <button type="button" className="result-summary" aria-expanded={expanded} aria-controls={detailsId} onClick={() => toggleExpanded(profile.id)}>
        <span className="visually-hidden">{resultLabel(row, ranking, move?.move)}</span>
        <span className="rank" aria-hidden="true">
          {rank}
        </span>
        <span className="score" title={SCORE_MEANING[ranking]} aria-hidden="true">
          {shownScore(score, ranking)}
        </span>
        <span className="who" aria-hidden="true">
          <span className="name">{profile.name}</span>
          <span className="headline">{profile.headline}</span>
          {parts && ranking !== 'embedding' && (
            <span className="score-parts" data-testid="score-parts">
              cosine {Number.isNaN(parts.cosine) ? '– (not embedded yet)' : parts.cosine.toFixed(3)} · BM25 {parts.keyword === null ? '–' : parts.keyword.toFixed(1)}
            </span>
          )}
        </span>
        <span className="tags" aria-hidden="true">
          {move && <MoveBadge move={move.move} rerankScore={move.rerankScore} />}
          {profile.label.role !== UNLABELLED && (
            <span className="role-label" title="The profile's true role in the dataset (not used for ranking)">
              {profile.label.role}
            </span>
          )}
          {cluster >= 0 && (
            <span className="cluster-tag" title={`In cluster ${cluster + 1}`}>
              <span className="swatch inline" style={{ background: clusterColour(cluster) }} /> C{cluster + 1}
            </span>
          )}
        </span>
      </button>
      {expanded && <ProfileDetails id={detailsId} profile={profile} query={query} />}
    </li>
  );
});
