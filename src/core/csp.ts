/**
 * The app's Content-Security-Policy, written once and used twice: as a <meta> tag in the
 * built index.html (for any static host) and as a response header on `vite preview` (the
 * header also covers the Web Workers, whose fetches a document's meta tag does not govern).
 *
 * By default the page may load only from its own origin and connect only to itself and the
 * Hugging Face Hub: huggingface.co answers model and dataset files with redirects to its
 * storage hosts (cdn-lfs*.huggingface.co, cdn-lfs*.hf.co, cas-bridge.xethub.hf.co for Xet),
 * and those names have changed over time, so the Hub's subdomains are allowed by wildcard
 * rather than one by one. A mirror or a local stand-in Hub is allowed only by naming its
 * origin at build time (`extraConnect`), never by a link.
 */

export const HUB_CONNECT_SOURCES = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'] as const;

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
