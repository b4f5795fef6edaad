import { endpointsInUse } from '../../store/apiSelectors';
import { useAppStore } from '../../store/appStore';

/** The header's promise, kept true: it names every endpoint texts go to (or would, once allowed). */
export function PrivacyNotice() {
  const modelId = useAppStore((s) => s.modelId);
  const apiEndpoints = useAppStore((s) => s.apiEndpoints);
  const apiConsented = useAppStore((s) => s.apiConsented);
  const inUse = endpointsInUse({ modelId, apiEndpoints, apiConsented });
  if (!inUse.length) return <p className="tagline" data-testid="privacy-notice">Semantic ranking that runs in your browser. No profile leaves this page.</p>;
  return (
    <p className="tagline endpoint-notice" data-testid="privacy-notice">
      Profiles and job descriptions {inUse.every((e) => e.allowed) ? 'are sent to' : 'would be sent (after you confirm) to'}{' '}
      {inUse.map((e, i) => (
        <span key={e.baseUrl}>
          {i > 0 && ', '}
          <strong>{e.label}</strong> at <code>{e.host}</code> <span className="api-badge">{e.local ? 'local' : 'external'}</span>
        </span>
      ))}
      .
    </p>
  );
}
