import { memo, useMemo } from 'react';
import type { ResultRow } from '../../store/selectors';
import { toggleExpanded } from '../../store/actions';
import { profileToText } from '../../data/profileText';
import { sharedTerms } from '../../core/terms';
import { ProfileDetails } from './ProfileDetails';

interface Props {
  row: ResultRow;
  query: string;
  expanded: boolean;
}

export const ResultItem = memo(function ResultItem({ row, query, expanded }: Props) {
  const { profile, rank, score } = row;
  const terms = useMemo(() => (expanded ? sharedTerms(query, profileToText(profile)) : []), [expanded, query, profile]);
  const detailsId = `details-${profile.id}`;
  return (
    <li className="result" data-testid="result-item" data-profile-id={profile.id} data-score={score.toFixed(4)}>
      <button
        type="button"
        className="result-summary"
        aria-expanded={expanded}
        aria-controls={detailsId}
        onClick={() => toggleExpanded(profile.id)}
      >
        <span className="rank">{rank}</span>
        <span className="score" title="Cosine similarity to the job description">
          {score.toFixed(3)}
        </span>
        <span className="who">
          <span className="name">{profile.name}</span>
          <span className="headline">{profile.headline}</span>
        </span>
        <span className="role-label" title="The profile's true role in the dataset (not used for ranking)">
          {profile.label.role}
        </span>
      </button>
      {expanded && <ProfileDetails id={detailsId} profile={profile} terms={terms} />}
    </li>
  );
});
