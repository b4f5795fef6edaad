import { useEffect, useMemo } from 'react';
import { UNLABELLED, type Profile } from '../../data/schema';
import { useAppStore } from '../../store/appStore';
import { explainKeywords, keywordExplanationKey } from '../../store/explainActions';
import { Highlighted } from './Highlighted';
import { WhyThisMatch } from './WhyThisMatch';

/** An expanded result: why it matched, then the profile with the scoring keywords marked. */
export function ProfileDetails({ id, profile, query }: { id: string; profile: Profile; query: string }) {
  const profiles = useAppStore((s) => s.profiles);
  const key = keywordExplanationKey(profiles, query, profile.id);
  const stored = useAppStore((s) => s.keywordExplanation);
  useEffect(() => {
    void explainKeywords(query, profile.id);
  }, [key, query, profile.id]);
  const keywords = stored && stored.key === key ? stored : null;
  const terms = useMemo(() => (keywords?.status === 'done' ? keywords.explanation.top.map((t) => t.term) : []), [keywords]);
  if (profile.text !== undefined) {
    // an imported profile is its composed text (shown as text, never as HTML)
    return (
      <div id={id} className="details">
        {profile.label.role !== UNLABELLED && <p className="facts">{profile.label.role}</p>}
        <WhyThisMatch profile={profile} keywords={keywords} onRetryKeywords={() => void explainKeywords(query, profile.id)} />
        <p className="imported-text">
          <Highlighted text={profile.text} terms={terms} />
        </p>
      </div>
    );
  }
  return (
    <div id={id} className="details">
      <p className="facts">
        {profile.location} · {profile.yearsExperience} years · {profile.label.family}, {profile.label.seniority}
      </p>
      <WhyThisMatch profile={profile} keywords={keywords} onRetryKeywords={() => void explainKeywords(query, profile.id)} />
      <p>
        <Highlighted text={profile.summary} terms={terms} />
      </p>
      {profile.experience.map((e, i) => (
        <div key={i} className="job">
          <p className="job-title">
            <Highlighted text={e.title} terms={terms} /> · {e.company} · <span className="period">{e.period}</span>
          </p>
          <ul>
            {e.bullets.map((b, j) => (
              <li key={j}>
                <Highlighted text={b} terms={terms} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="skills">
        <strong>Skills:</strong> <Highlighted text={profile.skills.join(', ')} terms={terms} />
      </p>
      <p className="education">{profile.education}</p>
    </div>
  );
}
