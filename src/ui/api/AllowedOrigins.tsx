import { findPreset } from '../../api/presets';
import { useAppStore } from '../../store/appStore';
import { originsAwaitingReload, reloadToAllow, removeOrigin } from '../../store/connectActions';
import { originLabel, originOf } from '../../store/pagePolicy';

/**
 * The addresses the user allowed in this browser (an endpoint's "Send", a mirror's "Use" or
 * "Save"), which the page's Content-Security-Policy adds when it loads. A new one needs a
 * reload: this says so, what survives it and what must be entered again (keys kept in memory).
 */
export function AllowedOrigins() {
  const origins = useAppStore((s) => s.connectOrigins);
  const endpoints = useAppStore((s) => s.apiEndpoints);
  if (!origins.length) return null;
  const waiting = originsAwaitingReload(origins);
  const reenter = Object.entries(endpoints)
    .filter(([, e]) => e && e.apiKey && !e.remember && waiting.includes(originOf(e.baseUrl) ?? ''))
    .map(([id]) => findPreset(id)?.label ?? id);
  return (
    <section className="allowed-origins notice" aria-label="Addresses allowed in this browser" data-testid="allowed-origins">
      {waiting.length > 0 && (
        <div role="status" data-testid="reload-to-allow">
          <p>
            This page&apos;s Content-Security-Policy was fixed when it loaded, so the browser still refuses {waiting.map(originLabel).join(', ')}. Reload to allow it:
            the settings, endpoints and job description are kept{reenter.length ? `; enter the API key for ${reenter.join(', ')} again (it is kept in memory only)` : ''}.
          </p>
          <button type="button" className="primary" data-testid="reload-to-allow-button" onClick={() => reloadToAllow()}>
            Reload to allow {waiting.map(originLabel).join(', ')}
          </button>
        </div>
      )}
      <p>
        Allowed in this browser:{' '}
        {origins.map((o, i) => (
          <span key={o}>
            {i > 0 && ', '}
            <code>{o}</code>{' '}
            <button type="button" className="link-button" data-testid="allowed-origin-remove" aria-label={`Remove ${o}`} onClick={() => removeOrigin(o)}>
              Remove
            </button>
          </span>
        ))}
      </p>
    </section>
  );
}
