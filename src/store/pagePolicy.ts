/**
 * The page's running Content-Security-Policy (the meta tag /csp-boot.js wrote at start-up; see
 * src/core/csp.ts) and the origins the user confirmed in this browser, which the next page
 * load adds to it. The UI asks here before a download or a send, so it can say that an origin
 * needs a reload (or can never be reached) instead of showing a bare network error.
 * No meta tag (the dev server): nothing to check.
 */
import { CONFIRMED_ORIGINS_KEY, OUTER_CONNECT_SOURCES, connectAllowed, directiveSources, parseConfirmedOrigins } from '../core/csp';

function pageOrigin(): string {
  return globalThis.location?.origin ?? '';
}

/** Whether every policy in force lets the page connect to `url` (all of them are enforced). */
export function pageConnectAllows(url: string): boolean {
  const metas = globalThis.document?.querySelectorAll<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]') ?? [];
  return [...metas].every((meta) => connectAllowed(url, directiveSources(meta.content, 'connect-src'), pageOrigin()));
}

/** The origin of an address ("https://api.openai.com"), or null for no http(s) address. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The origins the user confirmed in this browser, as the boot script reads them. */
export function readConfirmedOrigins(): string[] {
  return parseConfirmedOrigins(storage()?.getItem(CONFIRMED_ORIGINS_KEY) ?? null);
}

export function writeConfirmedOrigins(origins: readonly string[]): void {
  try {
    const s = storage();
    if (!s) return;
    if (origins.length) s.setItem(CONFIRMED_ORIGINS_KEY, JSON.stringify([...new Set(origins)]));
    else s.removeItem(CONFIRMED_ORIGINS_KEY);
  } catch {
    // storage full or refused: the origin is then allowed for no later page load, which the UI shows
  }
}

/**
 * Whether the page can reach `url`:
 * - 'allowed': the running policy allows it;
 * - 'confirm': not yet; the user's "Send"/"Use" would allow it from the next page load;
 * - 'reload': confirmed, and allowed once the page reloads;
 * - 'never': outside what the app allows at all (https: and this machine), or no address.
 */
export type Reach = 'allowed' | 'confirm' | 'reload' | 'never';

export function reachOf(url: string): Reach {
  if (pageConnectAllows(url)) return 'allowed';
  const origin = originOf(url);
  if (!origin || !connectAllowed(url, OUTER_CONNECT_SOURCES, pageOrigin())) return 'never';
  return readConfirmedOrigins().includes(origin) ? 'reload' : 'confirm';
}

/** Why the page cannot reach `url` now, in plain words, or null when it can. */
export function reachProblem(url: string): string | null {
  const reach = reachOf(url);
  const origin = originOf(url) ?? url;
  if (reach === 'allowed') return null;
  if (reach === 'never') return `This app connects only to https:// addresses and to servers on this computer (http://localhost, http://127.0.0.1), so the browser would refuse ${origin}; nothing was sent.`;
  if (reach === 'reload') return `The browser allows ${origin} from the next page load on (this page's Content-Security-Policy is fixed when it loads): use "Reload to allow ${originLabel(origin)}"; nothing was sent.`;
  return `This page's Content-Security-Policy does not allow ${origin} yet: confirming it allows it in this browser, after a reload; nothing was sent.`;
}

/** "127.0.0.1:5190", "api.openai.com": what a user recognises. */
export function originLabel(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** The plain-words warning for a mirror this page cannot use yet (or ever), or null. */
export function policyWarning(url: string): string | null {
  const reach = reachOf(url);
  const host = originLabel(originOf(url) ?? url);
  if (reach === 'allowed' || reach === 'reload') return null;
  if (reach === 'never') return `This app connects only to https:// addresses and to this computer, so the browser will refuse ${host}.`;
  return `This page's Content-Security-Policy does not allow ${host} yet: choosing it allows it in this browser, and the page must reload before models can download from it.`;
}
