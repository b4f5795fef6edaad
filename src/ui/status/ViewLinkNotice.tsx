import { dismissViewLinkProblems, useViewLink } from '../../store/urlSync';

/** Says which of the link's settings were not applied, and why (never silently ignored). */
export function ViewLinkNotice() {
  const problems = useViewLink((s) => s.problems);
  if (problems.length === 0) return null;
  return (
    <div className="error view-link-problems" role="alert" data-testid="view-link-problems">
      <p>Some settings in this link were not applied:</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={dismissViewLinkProblems}>
        Dismiss
      </button>
    </div>
  );
}
