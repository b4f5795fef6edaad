import type { Profile } from '../../data/schema';
import { highlightRuns } from '../../core/terms';

/** Text with shared terms marked; built from React text nodes, never as HTML. */
function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightRuns(text, terms).map((r, i) => (r.hit ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}
    </>
  );
}

export function ProfileDetails({ id, profile, terms }: { id: string; profile: Profile; terms: readonly string[] }) {
  return (
    <div id={id} className="details">
      <p className="facts">
        {profile.location} · {profile.yearsExperience} years · {profile.label.family}, {profile.label.seniority}
      </p>
      {terms.length > 0 ? (
        <p className="why">
          <strong>Shared terms:</strong> {terms.join(', ')}
        </p>
      ) : (
        <p className="why">No words in common: the match is by meaning.</p>
      )}
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
