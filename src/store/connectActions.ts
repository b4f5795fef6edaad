/**
 * The origins the user confirmed in this browser (src/core/csp.ts: the boot script adds them to
 * the page's Content-Security-Policy at the next load). Only a user's own action adds one: the
 * consent dialog's "Send" for an endpoint, "Use" for a link's mirror, "Save" for a typed
 * mirror. Forgetting the endpoint or mirror removes its origin again.
 */
import { flushSettings, useAppStore } from './appStore';
import { originOf, reachOf, writeConfirmedOrigins } from './pagePolicy';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** sessionStorage: the endpoints allowed before "Reload to allow", so the reload does not ask again. */
export const CONSENT_CARRY_KEY = 'candidate-search-consent-carry';

function save(origins: string[]): void {
  writeConfirmedOrigins(origins);
  set({ connectOrigins: origins });
}

/** Adds the origin of `url` when the running policy refuses it and it may be allowed at all. */
export function confirmOrigin(url: string): void {
  const origin = originOf(url);
  if (!origin || reachOf(url) !== 'confirm') return;
  const list = get().connectOrigins;
  if (!list.includes(origin)) save([...list, origin]);
}

/** Origins some endpoint or the saved mirror still needs. */
function originsInUse(): Set<string> {
  const { apiEndpoints, savedMirror } = get();
  const urls = [...Object.values(apiEndpoints).map((e) => e?.baseUrl ?? ''), savedMirror ?? ''];
  return new Set(urls.map(originOf).filter((o): o is string => o !== null));
}

/** Removes the origin of `url` unless another endpoint or the saved mirror uses it (call after the store forgot it). */
export function releaseOrigin(url: string): void {
  const origin = originOf(url);
  if (!origin || originsInUse().has(origin)) return;
  removeOrigin(origin);
}

/** The user's "Remove": refused again from the next page load on. */
export function removeOrigin(origin: string): void {
  const list = get().connectOrigins;
  if (list.includes(origin)) save(list.filter((o) => o !== origin));
}

/** Confirmed origins the running policy does not allow yet: they need a reload. */
export function originsAwaitingReload(origins: readonly string[]): string[] {
  return origins.filter((o) => reachOf(`${o}/`) === 'reload');
}

/** Reloads so the policy includes the confirmed origins; settings, the job description and the endpoints' consent are kept. */
export function reloadToAllow(reload: () => void = () => globalThis.location.reload()): void {
  try {
    globalThis.sessionStorage?.setItem(CONSENT_CARRY_KEY, JSON.stringify(get().apiConsented));
  } catch {
    // no sessionStorage: the consent dialog asks again after the reload
  }
  flushSettings();
  reload();
}

/** The consent carried over a "Reload to allow" (read once, then gone). */
export function takeCarriedConsent(): string[] {
  try {
    const raw = globalThis.sessionStorage?.getItem(CONSENT_CARRY_KEY) ?? null;
    globalThis.sessionStorage?.removeItem(CONSENT_CARRY_KEY);
    const list: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}
