import { memo, useEffect, useRef } from 'react';
import type { ResultRow } from '../../store/selectors';
import { toggleExpanded } from '../../store/actions';
import { clusterColour } from '../plot/palette';
import { ProfileDetails } from './ProfileDetails';

interface Props {
  row: ResultRow;
  query: string;
  expanded: boolean;
  selected: boolean;
  /** Listed under "hidden by the cluster filter": no data-testid of ranked results. */
  hidden?: boolean;
}

export const ResultItem = memo(function ResultItem({ row, query, expanded, selected, hidden = false }: Props) {
  const { profile, rank, score, cluster } = row;
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
      data-cluster={cluster}
    >
      <button type="button" className="result-summary" aria-expanded={expanded} aria-controls={detailsId} onClick={() => toggleExpanded(profile.id)}>
        <span className="rank">{rank}</span>
        <span className="score" title="Cosine similarity to the job description">
          {score.toFixed(3)}
        </span>
        <span className="who">
          <span className="name">{profile.name}</span>
          <span className="headline">{profile.headline}</span>
        </span>
        <span className="tags">
          <span className="role-label" title="The profile's true role in the dataset (not used for ranking)">
            {profile.label.role}
          </span>
          {cluster >= 0 && (
            <span className="cluster-tag" title={`In cluster ${cluster + 1}`}>
              <span className="swatch inline" style={{ background: clusterColour(cluster) }} aria-hidden="true" /> C{cluster + 1}
            </span>
          )}
        </span>
      </button>
      {expanded && <ProfileDetails id={detailsId} profile={profile} query={query} />}
    </li>
  );
});
