/**
 * The app's Content-Security-Policy. The exact policy is written at start-up, as a <meta> tag,
 * by a tiny same-origin script (`/csp-boot.js`, made by `bootScript` at build time) that runs
 * before any other script: it adds to connect-src the origins the user confirmed in this
 * browser (an endpoint in the consent dialog, a model mirror), read from localStorage and
 * each checked with `isConnectSource`. A meta policy cannot be widened once the page runs, so
 * a newly confirmed origin needs a reload. A link can never add one: only a user's "Send" or
 * "Use" writes the list.
 *
 * `vite preview` also sends a header (`headerPolicy`); both policies are enforced, so the
 * header is an outer bound (https: and loopback) that never narrows the exact meta policy,
 * plus frame-ancestors, which only a header can carry.
 *
 * Workers: in Chromium a module worker loaded from its own URL gets the policy of its own
 * response (the header, or none on a static host), not the page's meta tag; a worker started
 * from a blob: URL inherits the page's policies. So the workers are started from a blob that
 * imports the real worker script (src/embedding/policyWorker.ts), and they are held to the
 * same exact list as the page.
 *
 * By default the page may load only from its own origin and connect only to itself and the
 * Hugging Face Hub: huggingface.co answers model and dataset files with redirects to its
 * storage hosts (cdn-lfs*.huggingface.co, cdn-lfs*.hf.co, cas-bridge.xethub.hf.co for Xet),
 * and those names have changed over time, so the Hub's subdomains are allowed by wildcard
 * rather than one by one. A mirror or a local stand-in Hub is allowed only by naming its
 * origin at build time (`extraConnect`), never by a link.
 */

export const HUB_CONNECT_SOURCES = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'] as const;

/**
 * Where the boot script finds the origins the user confirmed (a JSON array of connect-src
 * sources). Written only by the app's confirm actions (src/store/connectOrigins.ts).
 */
export const CONFIRMED_ORIGINS_KEY = 'candidate-search-connect-origins';

/** The boot script's file name, served from the app's own origin (so script-src 'self' covers it). */
export const BOOT_SCRIPT_FILE = 'csp-boot.js';

/**
 * The outer bound the header allows: https: anywhere and plain http on this machine only
 * (local model servers). An origin outside it could never be reached on `vite preview`, and
 * an https page could not reach it anyway (mixed content), so the app does not offer it.
 */
export const OUTER_CONNECT_SOURCES = ['https:', 'http://127.0.0.1:*', 'http://localhost:*'] as const;

export interface CspOptions {
  /** Origins added to connect-src, e.g. a mirror ("https://hub.example.org") or the tests' "http://127.0.0.1:*". */
  extraConnect?: readonly string[];
  /** Directives only a header can carry (frame-ancestors); leave out for the meta tag. */
  header?: boolean;
}

/** A source expression for connect-src: an http(s) origin, a port wildcard allowed; nothing else (no paths, no bare "*"). */
export function isConnectSource(source: string): boolean {
  return /^https?:\/\/((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:]+\])(:(\d{1,5}|\*))?$/i.test(source);
}

export function contentSecurityPolicy({ extraConnect = [], header = false }: CspOptions = {}): string {
  const bad = extraConnect.filter((s) => !isConnectSource(s));
  if (bad.length) throw new Error(`Not an http(s) origin for the Content-Security-Policy: ${bad.join(', ')}`);
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // ONNX Runtime compiles WebAssembly; transformers.js imports ORT's loader from a blob: URL
    ['script-src', ["'self'", "'wasm-unsafe-eval'", 'blob:']],
    ['worker-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", ...HUB_CONNECT_SOURCES, ...extraConnect]],
    // chart export draws SVG through blob: images; the favicon is a data: URL
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['style-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'none'"]],
  ];
  if (header) directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** The header `vite preview` sends: the same policy with connect-src widened to the outer bound. */
export function headerPolicy(extraConnect: readonly string[] = []): string {
  return withConnectSources(contentSecurityPolicy({ extraConnect, header: true }), OUTER_CONNECT_SOURCES);
}

/** The policy with sources appended to its connect-src (each already checked). */
export function withConnectSources(policy: string, extra: readonly string[]): string {
  if (!extra.length) return policy;
  return policy.replace(/(^|;\s*)connect-src ([^;]*)/, (_m, lead: string, sources: string) => `${lead}connect-src ${[sources, ...extra].join(' ')}`);
}

/** The usable entries of a stored confirmed-origins list (anything else is dropped, never trusted). */
export function parseConfirmedOrigins(raw: string | null, isSource: (s: string) => boolean = isConnectSource): string[] {
  let list: unknown;
  try {
    list = JSON.parse(raw ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.filter((s): s is string => typeof s === 'string' && isSource(s) && !s.includes('*'));
}

/**
 * Writes the meta policy: `policy` plus the confirmed origins. It always writes one (with no
 * storage, a broken list or any error: the build's policy alone), so the page never runs
 * without it. Runs as the boot script, so it must stay self-contained: `bootScript` passes
 * in every function it calls.
 */
export function installPolicy(doc: Document, storage: () => Pick<Storage, 'getItem'>, policy: string, key: string, parse: (raw: string | null, isSource: (s: string) => boolean) => string[], isSource: (s: string) => boolean, widen: (p: string, extra: readonly string[]) => string): void {
  let content: string;
  try {
    content = widen(policy, parse(storage().getItem(key), isSource));
  } catch {
    content = policy;
  }
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = content;
  doc.head.appendChild(meta);
}

/** The boot script's source: `installPolicy` with its helpers, for the build's policy. */
export function bootScript(policy: string): string {
  const args = ['document', '() => localStorage', JSON.stringify(policy), JSON.stringify(CONFIRMED_ORIGINS_KEY), String(parseConfirmedOrigins), String(isConnectSource), String(withConnectSources)];
  return `"use strict";\n(${String(installPolicy)})(${args.join(',\n')});\n`;
}

/** The sources of one directive in a policy string, e.g. connect-src's. */
export function directiveSources(policy: string, name: string): string[] {
  for (const part of policy.split(';')) {
    const [directive, ...sources] = part.trim().split(/\s+/);
    if (directive === name) return sources;
  }
  return [];
}

/**
 * Whether a policy's connect-src sources let the page reach a URL: 'self' (the page's origin),
 * an exact origin, a "*." subdomain wildcard and a ":*" port wildcard, as browsers match them.
 */
export function connectAllowed(url: string, sources: readonly string[], pageOrigin: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return sources.some((source) => {
    if (source === "'self'") return target.origin === pageOrigin;
    // a scheme source ("https:") allows every host of that scheme
    if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return target.protocol === source.toLowerCase();
    const m = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/i.exec(source);
    if (!m) return false;
    const [, scheme, wildcard, host, port] = m;
    if (target.protocol !== `${scheme.toLowerCase()}:`) return false;
    const name = target.hostname.toLowerCase();
    const hostOk = wildcard ? name.endsWith(`.${host.toLowerCase()}`) : name === host.toLowerCase();
    const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
    const portOk = port === '*' || (target.port || defaultPort) === (port ?? defaultPort);
    return hostOk && portOk;
  });
}
