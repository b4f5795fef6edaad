/**
 * The page's own Content-Security-Policy (the meta tag the build writes; see src/core/csp.ts),
 * so the UI can say before a download that the policy would refuse a host, instead of showing a
 * bare network error after it. No meta tag (the dev server): nothing to check.
 */
import { connectAllowed, directiveSources } from '../core/csp';

export function pageConnectAllows(url: string): boolean {
  const meta = globalThis.document?.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]');
  if (!meta) return true;
  return connectAllowed(url, directiveSources(meta.content, 'connect-src'), globalThis.location.origin);
}

/** The plain-words warning for a host this build's policy refuses, or null. */
export function policyWarning(url: string): string | null {
  if (pageConnectAllows(url)) return null;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the text as given
  }
  return `This copy of the app may download models only from huggingface.co (its Content-Security-Policy), so the browser will refuse ${host}. To use this mirror, serve the app built with CSP_CONNECT_EXTRA=${host.startsWith('http') ? host : `https://${host}`} (see the README).`;
}
