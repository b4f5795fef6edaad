/**
 * Whether the page's Content-Security-Policy lets it connect to an endpoint. The policy is
 * fixed when the page loads (a <meta> tag cannot be loosened later), so an endpoint whose
 * origin the build did not name cannot be reached at all; this says so before anything is
 * tried, instead of a bare "Failed to fetch". See src/core/csp.ts for the policy itself.
 */
import { directiveSources } from '../core/csp';

/** Does one CSP source expression match this URL? Covers what csp.ts emits: 'self', scheme:, origins with *. subdomains and :* ports. */
function matches(source: string, url: URL, pageOrigin: string): boolean {
  if (source === '*') return url.protocol === 'http:' || url.protocol === 'https:';
  if (source === "'self'") return url.origin === pageOrigin;
  if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return url.protocol === source.toLowerCase();
  const m = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/i.exec(source);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (url.protocol !== `${scheme.toLowerCase()}:`) return false;
  const h = url.hostname.toLowerCase();
  const hostOk = wildcard ? h.endsWith(`.${host.toLowerCase()}`) : h === host.toLowerCase();
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  const urlPort = url.port || defaultPort;
  const portOk = port === '*' || (port ?? defaultPort) === urlPort;
  return hostOk && portOk;
}

/** null when the policy allows connecting to `endpoint` (or there is no policy), else the connect-src list that forbids it. */
export function connectBlockedBy(policy: string | null, endpoint: string, pageOrigin: string): string[] | null {
  if (!policy) return null;
  let sources = directiveSources(policy, 'connect-src');
  if (sources.length === 0) sources = directiveSources(policy, 'default-src');
  if (sources.length === 0) return null;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return sources;
  }
  return sources.some((s) => matches(s, url, pageOrigin)) ? null : sources;
}

/** The policy of the page this runs in (its <meta> tag), or null outside a browser or without one. */
export function pagePolicy(): string | null {
  const doc = globalThis.document;
  return doc?.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null;
}

export function cspMessage(endpoint: string, sources: readonly string[]): string {
  return (
    `This copy of the app may only connect to ${sources.join(' ')} (its Content-Security-Policy), so it cannot reach ${new URL(endpoint).origin}; nothing was sent. ` +
    'Whoever builds and hosts the app can allow that origin with CSP_CONNECT_EXTRA at build time.'
  );
}
