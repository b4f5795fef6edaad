/**
 * A local stand-in for the Hugging Face Hub: serves test/fixtures/hub (built by
 * scripts/build-test-models.ts) with the Hub's URL layout, so transformers.js' download,
 * progress, cache and error paths can be tested without the network.
 *
 *   GET|HEAD /{org}/{name}/resolve/{revision}/{path}  →  test/fixtures/hub/{org}/{name}/{path}
 *
 * Point transformers.js at it with `env.remoteHost = hub.url + '/'` (the default
 * `env.remotePathTemplate`, '{model}/resolve/{revision}/', is kept).
 *
 * - Only revision "main" exists (any other revision is 404, like an unknown branch).
 * - `Range: bytes=a-b`, `bytes=a-` and `bytes=-n` give 206 with Content-Range (transformers.js
 *   asks for `bytes=0-0` to learn a file's size); an unsatisfiable range gives 416;
 *   multi-range requests are answered with the whole file (200), which HTTP allows.
 * - Every response carries `Access-Control-Allow-Origin: *`, `Cross-Origin-Resource-Policy:
 *   cross-origin` and exposes Content-Length/Content-Range/ETag to scripts, because the app
 *   is cross-origin isolated (COEP require-corp) and reads those headers cross-origin.
 *   OPTIONS preflights are answered with 204.
 * - A missing file is 404 ("Entry not found"); a missing repo is 404 too by default, or 401
 *   with `missingRepoStatus: 401`, which is what the real Hub answers for a repo that does not
 *   exist (it cannot tell it apart from a private one).
 * - `requests` logs every request ({ method, path, status, range }) for assertions such as
 *   "this dtype downloaded onnx/model_q4.onnx" or "the second load came from the cache".
 *
 * - `faults` (also settable on the running hub) make it misbehave like a hung host:
 *   `neverAnswer` takes every request and never answers it (logged with status 0);
 *   `stallAfterBytes: n` sends the headers and n bytes of each file body, then goes silent
 *   with the connection open.
 *
 * CLI, for manual use with the dev server:
 *   npx tsx test/helpers/standInHub.ts --port 5190 [--root DIR] [--chunk-delay-ms 20] [--missing-repo-status 401]
 */
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HUB_FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/hub');

export interface HubRequest {
  method: string;
  /** URL path as requested (percent-encoded, without the query string). */
  path: string;
  status: number;
  /** The Range header, if any. */
  range?: string;
}

export interface StandInHubOptions {
  /** Folder laid out as <org>/<name>/<files>. Default: test/fixtures/hub. */
  root?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Bytes per body write (default 16 KiB), so larger files arrive in several chunks. */
  chunkSize?: number;
  /** Pause between body chunks, to make progress visible by eye (default 0). */
  chunkDelayMs?: number;
  /** Status for a repo that does not exist: 404 (default) or 401 as on the real Hub. */
  missingRepoStatus?: 401 | 404;
  /**
   * Repos served from another fixture folder, e.g. { 'Xenova/e5-small-v2': 'test-org/prefix-probe' },
   * so the app's catalogue entry (with its prefixes and token limit) runs a stand-in model.
   */
  aliases?: Record<string, string>;
  /** Start misbehaving at once (see HubFaults). */
  faults?: Partial<HubFaults>;
}

/** Ways to hang, for testing stall timeouts; change them on a running hub through `hub.faults`. */
export interface HubFaults {
  neverAnswer: boolean;
  stallAfterBytes: number | null;
}

export interface StandInHub {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Every request served, in order. Clear it with `requests.length = 0`. */
  requests: HubRequest[];
  /** Mutable: the next requests follow it. */
  faults: HubFaults;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const COMMON_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Content-Type, Accept-Ranges, ETag, X-Error-Code, X-Error-Message',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'no-cache',
};

/** Hub repo ids: "name" or "org/name", each part [\w.-]+ without "..". */
const PART = /^[\w.-]+$/;

interface Resolved {
  repoDir: string;
  file: string;
}

/** Maps /{org}/{name}/resolve/{revision}/{path} to a file under root, or a reason it cannot. */
function resolveUrlPath(root: string, urlPath: string, aliases: Record<string, string> = {}): Resolved | { error: 'bad-path' | 'no-revision' } {
  let segments: string[];
  try {
    segments = urlPath.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return { error: 'bad-path' };
  }
  const at = segments.indexOf('resolve');
  if (at < 1 || at > 2 || segments.length < at + 3) return { error: 'bad-path' };
  const repo = segments.slice(0, at);
  const revision = segments[at + 1];
  const rest = segments.slice(at + 2);
  const unsafe = (s: string) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0');
  if (repo.some((s) => !PART.test(s) || s.includes('..')) || rest.some(unsafe)) return { error: 'bad-path' };
  if (revision !== 'main') return { error: 'no-revision' };
  const repoDir = path.join(root, ...(aliases[repo.join('/')]?.split('/') ?? repo));
  return { repoDir, file: path.join(repoDir, ...rest) };
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/** Parses a single-range `bytes=` header against a file size; null means "send the whole file". */
export function parseRange(header: string | undefined, size: number): Range {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // malformed or multi-range: ignore (RFC 9110 allows it)
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export async function startStandInHub(options: StandInHubOptions = {}): Promise<StandInHub> {
  const root = path.resolve(options.root ?? HUB_FIXTURES_DIR);
  const chunkSize = options.chunkSize ?? 16 * 1024;
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  const missingRepoStatus = options.missingRepoStatus ?? 404;
  const requests: HubRequest[] = [];
  const faults: HubFaults = { neverAnswer: false, stallAfterBytes: null, ...options.faults };
  /** Resolves when the client goes away; a hung answer waits for it (close() ends every connection). */
  const hangUntilClosed = (res: ServerResponse) => new Promise<void>((resolve) => res.once('close', () => resolve()));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const urlPath = (req.url ?? '/').split('?')[0];
    const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
    if (faults.neverAnswer) {
      requests.push({ method, path: urlPath, status: 0, ...(range ? { range } : {}) });
      return hangUntilClosed(res);
    }
    const send = (status: number, headers: Record<string, string | number>, body?: string) => {
      requests.push({ method, path: urlPath, status, ...(range ? { range } : {}) });
      res.writeHead(status, { ...COMMON_HEADERS, ...headers });
      res.end(method === 'HEAD' ? undefined : body);
    };
    const fail = (status: number, code: string, message: string) =>
      send(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message), 'X-Error-Code': code, 'X-Error-Message': message }, message);

    if (method === 'OPTIONS') {
      return send(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Range',
        'Access-Control-Max-Age': '600',
      });
    }
    if (method !== 'GET' && method !== 'HEAD') return fail(405, 'MethodNotAllowed', 'Method not allowed');

    const resolved = resolveUrlPath(root, urlPath, options.aliases);
    if ('error' in resolved) {
      return resolved.error === 'no-revision' ? fail(404, 'RevisionNotFound', 'Invalid rev id') : fail(404, 'EntryNotFound', 'Entry not found');
    }
    if (!(await isDirectory(resolved.repoDir))) {
      return fail(missingRepoStatus, 'RepoNotFound', 'Repository not found');
    }
    let stat;
    try {
      stat = await fs.stat(resolved.file);
    } catch {
      stat = undefined;
    }
    if (!stat?.isFile()) return fail(404, 'EntryNotFound', 'Entry not found');

    const size = stat.size;
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPES[path.extname(resolved.file)] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
    };
    const r = parseRange(range, size);
    if (r === 'unsatisfiable') {
      return send(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 }, '');
    }
    const start = r ? r.start : 0;
    const end = r ? r.end : size - 1;
    const status = r ? 206 : 200;
    const length = size === 0 ? 0 : end - start + 1;
    if (r) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    headers['Content-Length'] = length;
    requests.push({ method, path: urlPath, status, ...(range ? { range } : {}) });
    res.writeHead(status, { ...COMMON_HEADERS, ...headers });
    if (method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(resolved.file, { start, end, highWaterMark: chunkSize });
    let sent = 0;
    for await (const piece of stream) {
      if (res.destroyed) break;
      const limit = faults.stallAfterBytes;
      const chunk = limit !== null && sent + (piece as Buffer).length > limit ? (piece as Buffer).subarray(0, Math.max(0, limit - sent)) : (piece as Buffer);
      sent += chunk.length;
      if (chunk.length > 0 && !res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
      if (limit !== null && sent >= limit) {
        stream.destroy();
        return hangUntilClosed(res);
      }
      if (chunkDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, chunkDelayMs));
    }
    stream.destroy();
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(String(err));
      } else {
        res.destroy(err instanceof Error ? err : undefined);
      }
    });
  });
  // Keep-alive sockets would hold close() open; the client does not need them to stay.
  server.keepAliveTimeout = 1000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function cliArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function cli(): Promise<void> {
  const missing = cliArg('missing-repo-status');
  const hub = await startStandInHub({
    port: Number(cliArg('port') ?? 5190),
    root: cliArg('root'),
    host: cliArg('host'),
    chunkDelayMs: Number(cliArg('chunk-delay-ms') ?? 0),
    missingRepoStatus: missing === '401' ? 401 : 404,
  });
  console.log(`Stand-in Hub serving ${path.relative(process.cwd(), path.resolve(cliArg('root') ?? HUB_FIXTURES_DIR)) || '.'} at ${hub.url}/`);
  console.log(`  e.g. ${hub.url}/test-org/tiny-embed/resolve/main/config.json`);
  console.log(`  transformers.js: env.remoteHost = '${hub.url}/'`);
  let logged = 0;
  const timer = setInterval(() => {
    for (; logged < hub.requests.length; logged++) {
      const r = hub.requests[logged];
      console.log(`${r.status} ${r.method} ${r.path}${r.range ? ` (${r.range})` : ''}`);
    }
  }, 100);
  const stop = () => {
    clearInterval(timer);
    void hub.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
