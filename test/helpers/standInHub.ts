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
 * Datasets, with the Hub's dataset URLs (test/fixtures/hub/datasets/{org}/{name}, built by
 * scripts/build-test-dataset.ts):
 *
 *   GET /api/datasets/{org}/{name}/tree/main[/{dir}]?recursive=true  →  JSON list of files
 *       ({ type, path, size, oid, lfs? }), as the Hub's tree API; Parquet files carry `lfs`
 *   GET /api/datasets/{org}/{name}/parquet  →  { default: { train: [shard URLs] } }
 *   GET /api/datasets/{org}/{name}/parquet/default/train/{n}.parquet  →  302 to the nth Parquet file
 *   GET /datasets/{org}/{name}/resolve/main/{path}  →  302 to /cdn/datasets/{org}/{name}/{path} for
 *       Parquet files (the Hub sends large files from its storage host), else the file itself
 *   GET /cdn/datasets/{org}/{name}/{path}  →  the file, with Range support as above
 *
 *   `gatedDatasets` answer 401 (X-Error-Code GatedRepo) to file downloads, as the Hub does for a
 *   gated dataset whose terms the visitor has not accepted; their listings stay readable.
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
  /** Dataset ids whose files need accepted terms: downloads answer 401 GatedRepo. */
  gatedDatasets?: string[];
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
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Content-Type, Accept-Ranges, ETag, Link, X-Error-Code, X-Error-Message',
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

/** One request's answering tools, shared by the model, dataset and file routes. */
interface Reply {
  method: string;
  urlPath: string;
  query: string;
  range: string | undefined;
  res: ServerResponse;
  send: (status: number, headers: Record<string, string | number>, body?: string) => void;
  fail: (status: number, code: string, message: string) => void;
}

/** One entry of the Hub's tree API (GET /api/datasets/{id}/tree/{revision}). */
export interface TreeEntry {
  type: 'file' | 'directory';
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string; size: number; pointerSize: number };
}

/** The folder's entries as the tree API lists them; Parquet files are LFS files there. */
async function treeEntries(repoDir: string, dir: string, recursive: boolean): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  let names: string[];
  try {
    names = (await fs.readdir(path.join(repoDir, dir))).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const rel = dir ? `${dir}/${name}` : name;
    const stat = await fs.stat(path.join(repoDir, rel));
    const oid = `${stat.size.toString(16).padStart(8, '0')}${Buffer.from(rel).toString('hex').slice(0, 32)}`;
    if (stat.isDirectory()) {
      out.push({ type: 'directory', path: rel, size: 0, oid });
      if (recursive) out.push(...(await treeEntries(repoDir, rel, true)));
    } else {
      out.push({ type: 'file', path: rel, size: stat.size, oid, ...(rel.endsWith('.parquet') ? { lfs: { oid, size: stat.size, pointerSize: 134 } } : {}) });
    }
  }
  return out;
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
    const [urlPath, query = ''] = (req.url ?? '/').split('?');
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
    const reply: Reply = { method, urlPath, query, range, res, send, fail };

    if (method === 'OPTIONS') {
      return send(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Range',
        'Access-Control-Max-Age': '600',
      });
    }
    if (method !== 'GET' && method !== 'HEAD') return fail(405, 'MethodNotAllowed', 'Method not allowed');

    if (/^\/(api\/datasets|datasets|cdn\/datasets)\//.test(urlPath)) return handleDataset(reply);
    const resolved = resolveUrlPath(root, urlPath, options.aliases);
    if ('error' in resolved) {
      return resolved.error === 'no-revision' ? fail(404, 'RevisionNotFound', 'Invalid rev id') : fail(404, 'EntryNotFound', 'Entry not found');
    }
    if (!(await isDirectory(resolved.repoDir))) {
      return fail(missingRepoStatus, 'RepoNotFound', 'Repository not found');
    }
    return serveFile(reply, resolved.file);
  }

  /** The dataset routes (see the top of this file). */
  async function handleDataset(reply: Reply): Promise<void> {
    const { urlPath, fail, send } = reply;
    let segments: string[];
    try {
      segments = urlPath.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return fail(404, 'EntryNotFound', 'Entry not found');
    }
    const api = segments[0] === 'api';
    const cdn = segments[0] === 'cdn';
    const [org, name, ...rest] = segments.slice(api || cdn ? 2 : 1);
    const unsafe = (x: string) => x === '' || x === '.' || x === '..' || x.includes('\\') || x.includes('\0');
    if (!org || !name || !PART.test(org) || !PART.test(name) || org.includes('..') || name.includes('..') || rest.some(unsafe)) return fail(404, 'EntryNotFound', 'Entry not found');
    const id = `${org}/${name}`;
    const repoDir = path.join(root, 'datasets', ...(options.aliases?.[id]?.split('/') ?? [org, name]));
    if (!(await isDirectory(repoDir))) return fail(missingRepoStatus, 'RepoNotFound', 'Repository not found');
    const json = (body: unknown) => {
      const text = JSON.stringify(body);
      send(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }, text);
    };
    const redirect = (to: string) => send(302, { Location: to, 'Content-Length': 0 }, '');
    const gated = options.gatedDatasets?.includes(id) ?? false;
    const origin = `http://${reply.res.req.headers.host ?? '127.0.0.1'}`;
    if (api && rest[0] === 'tree') {
      if (rest[1] !== 'main') return fail(404, 'RevisionNotFound', 'Invalid rev id');
      const recursive = new URLSearchParams(reply.query).get('recursive') === 'true';
      return json(await treeEntries(repoDir, rest.slice(2).join('/'), recursive));
    }
    if (api && rest[0] === 'parquet') {
      const shards = (await treeEntries(repoDir, '', true)).filter((e) => e.type === 'file' && e.path.endsWith('.parquet'));
      if (rest.length === 1) return json({ default: { train: shards.map((_, n) => `${origin}/api/datasets/${id}/parquet/default/train/${n}.parquet`) } });
      const n = /^(\d+)\.parquet$/.exec(rest[3] ?? '');
      const shard = rest[1] === 'default' && rest[2] === 'train' && n ? shards[Number(n[1])] : undefined;
      if (!shard) return fail(404, 'EntryNotFound', 'Entry not found');
      return redirect(`/datasets/${id}/resolve/main/${shard.path}`);
    }
    if (!api && !cdn && rest[0] === 'resolve') {
      if (rest[1] !== 'main') return fail(404, 'RevisionNotFound', 'Invalid rev id');
      const file = rest.slice(2);
      if (file.length === 0) return fail(404, 'EntryNotFound', 'Entry not found');
      if (gated) return fail(401, 'GatedRepo', `Access to dataset ${id} is restricted. You must have access to it and be authenticated to access it. Please log in.`);
      // large files come from the storage host, as on the Hub; the Range header travels with the redirect
      if (file[file.length - 1].endsWith('.parquet')) return redirect(`/cdn/datasets/${id}/${file.map(encodeURIComponent).join('/')}`);
      return serveFile(reply, path.join(repoDir, ...file));
    }
    if (cdn && rest.length > 0) {
      if (gated) return fail(403, 'GatedRepo', 'Forbidden');
      return serveFile(reply, path.join(repoDir, ...rest));
    }
    return fail(404, 'EntryNotFound', 'Entry not found');
  }

  /** Answers with a file (whole, or the asked range), honouring the faults. */
  async function serveFile(reply: Reply, file: string): Promise<void> {
    const { method, urlPath, range, res, send, fail } = reply;
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      stat = undefined;
    }
    if (!stat?.isFile()) return fail(404, 'EntryNotFound', 'Entry not found');

    const size = stat.size;
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
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
    const stream = createReadStream(file, { start, end, highWaterMark: chunkSize });
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
