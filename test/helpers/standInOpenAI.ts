/**
 * A local stand-in for an OpenAI-compatible embeddings endpoint, started by the tests.
 *
 *   POST /v1/chat/completions  {model, messages} → a JSON verdict for pairwise comparisons (see standInVerdict)
 *   POST /v1/embeddings  {model, input: string | string[], dimensions?}
 *     → {object: 'list', data: [{object: 'embedding', index, embedding}], model, usage: {prompt_tokens, total_tokens}}
 *
 * Embeddings are deterministic and meaningful enough to rank with: each lower-cased word is
 * hashed to one of `dims` buckets with a sign (the "hashing trick"), so texts sharing words
 * point the same way. usage counts one token per word, so tests know the billed total exactly.
 *
 * Faults, for the client's error paths: `failNext(...)` queues what the next requests get
 * instead of an answer: a status (401, 429 with Retry-After, 500), 'slow' (no reply for
 * `slowMs`), 'ok' (a normal answer, to let earlier requests through), 'malformed' (200 with a body that is not JSON) or 'wrong-count' (one vector
 * too few). A key, if set, must come as `Authorization: Bearer <key>` or the reply is 401.
 *
 * Every reply allows any origin (CORS), as a local server set up for browsers does.
 *
 * CLI, for manual use with the dev server:
 *   npx tsx test/helpers/standInOpenAI.ts --port 5191 [--key sk-test]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export type Fault = { status: number; retryAfter?: string } | 'ok' | 'slow' | 'malformed' | 'wrong-count';

export interface OpenAIRequestLog {
  method: string;
  path: string;
  status: number;
  /** Inputs in an embeddings request. */
  inputs: number;
  model?: string;
  dimensions?: number;
  authorization?: string;
  /** prompt_tokens in the reply (successful embeddings replies only). */
  billedTokens?: number;
}

export interface StandInOpenAIOptions {
  port?: number;
  host?: string;
  /** Required key; none by default (like a local server). */
  key?: string;
  /** Vector length when the request gives no `dimensions`. Default 64. */
  dims?: number;
  /** How long a 'slow' fault holds the reply. Default 5000 ms. */
  slowMs?: number;
}

export interface StandInOpenAI {
  url: string;
  /** The base URL a client uses: `${url}/v1`. */
  baseUrl: string;
  requests: OpenAIRequestLog[];
  failNext(...faults: Fault[]): void;
  /** The same faults for the next chat completions (the embedding queue is separate). */
  failNextChat(...faults: Fault[]): void;
  close(): Promise<void>;
}

function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9+#]+/g) ?? [];
}

/** The stand-in's vector for a text (not normalised; the client normalises). */
export function standInVector(text: string, dims: number): number[] {
  const v: number[] = new Array<number>(dims).fill(0);
  for (const w of words(text)) {
    const h = hash32(w);
    v[h % dims] += h & 0x80000000 ? -1 : 1;
  }
  // an empty or wordless text still gets a non-zero vector
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

/**
 * The stand-in's chat rule for pairwise comparisons: the profile sharing more words with the job
 * description wins (ties go to B); with `biased`, it always answers "A", like a model with
 * position bias.
 */
export function standInVerdict(prompt: string, biased = false): { winner: 'A' | 'B'; reason: string } {
  if (biased) return { winner: 'A', reason: 'The first one.' };
  const part = (name: string, next: string) => prompt.split(name)[1]?.split(next)[0] ?? '';
  const job = new Set(words(part('Job description:', 'Profile A:')));
  const overlap = (t: string) => words(t).filter((w) => job.has(w)).length;
  const a = overlap(part('Profile A:', 'Profile B:'));
  const b = overlap(part('Profile B:', 'Which profile'));
  return a > b ? { winner: 'A', reason: `A shares ${a} words with the job, B ${b}.` } : { winner: 'B', reason: `B shares ${b} words with the job, A ${a}.` };
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...CORS, ...headers });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function chat(req: IncomingMessage, entry: OpenAIRequestLog, reply: (status: number, body: string) => void): Promise<void> {
  let body: { model?: unknown; messages?: Array<{ content?: unknown }> };
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch {
    return reply(400, JSON.stringify({ error: { message: 'Body is not JSON.' } }));
  }
  entry.model = typeof body.model === 'string' ? body.model : undefined;
  const prompt = (body.messages ?? []).map((m) => String(m.content ?? '')).join('\n');
  const verdict = standInVerdict(prompt, entry.model === 'biased-chat');
  const tokens = words(prompt).length + 12;
  entry.billedTokens = tokens;
  reply(200, JSON.stringify({ object: 'chat.completion', model: entry.model, choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(verdict) }, finish_reason: 'stop' }], usage: { prompt_tokens: tokens - 12, completion_tokens: 12, total_tokens: tokens } }));
}

export async function startStandInOpenAI(options: StandInOpenAIOptions = {}): Promise<StandInOpenAI> {
  const requests: OpenAIRequestLog[] = [];
  const faults: Fault[] = [];
  const dims = options.dims ?? 64;
  const slowMs = options.slowMs ?? 5000;
  const timers = new Set<NodeJS.Timeout>();
  const chatFaults: Fault[] = [];
  /** Answers with an injected fault instead of the real reply; false when there is none to inject. */
  const injected = (fault: Fault | undefined, res: ServerResponse, reply: (status: number, body: string, headers?: Record<string, string>) => void): boolean => {
    if (fault === 'slow') {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) reply(200, JSON.stringify({ object: 'list', data: [] }));
      }, slowMs);
      timers.add(t);
      return true;
    }
    if (fault === 'malformed') {
      reply(200, '<html>upstream error</html>', { 'Content-Type': 'text/html' });
      return true;
    }
    if (fault && typeof fault === 'object') {
      reply(fault.status, JSON.stringify({ error: { message: `Injected ${fault.status}.` } }), fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      return true;
    }
    return false;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      const entry: OpenAIRequestLog = { method: req.method ?? 'GET', path, status: 0, inputs: 0, authorization: req.headers.authorization };
      requests.push(entry);
      const reply = (status: number, body: string, headers?: Record<string, string>) => {
        entry.status = status;
        send(res, status, body, headers);
      };
      if (req.method === 'OPTIONS') return reply(204, '');
      if (req.method === 'GET' && path === '/v1/models') return reply(200, JSON.stringify({ object: 'list', data: [{ id: 'stand-in-embed', object: 'model' }] }));
      const unauthorised = () => reply(401, JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' } }));
      if (req.method === 'POST' && path === '/v1/chat/completions') {
        if (options.key && req.headers.authorization !== `Bearer ${options.key}`) return unauthorised();
        if (injected(chatFaults.shift(), res, reply)) return;
        return chat(req, entry, reply);
      }
      if (req.method !== 'POST' || path !== '/v1/embeddings') return reply(404, JSON.stringify({ error: { message: `No route ${req.method} ${path}` } }));
      let body: { model?: unknown; input?: unknown; dimensions?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch {
        return reply(400, JSON.stringify({ error: { message: 'Body is not JSON.' } }));
      }
      const input = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input.map(String) : null;
      entry.inputs = input?.length ?? 0;
      entry.model = typeof body.model === 'string' ? body.model : undefined;
      entry.dimensions = typeof body.dimensions === 'number' ? body.dimensions : undefined;
      if (options.key && req.headers.authorization !== `Bearer ${options.key}`) return unauthorised();
      const fault = faults.shift();
      if (injected(fault, res, reply)) return;
      if (!input || input.length === 0 || !entry.model) return reply(400, JSON.stringify({ error: { message: "'input' and 'model' are required." } }));
      const size = entry.dimensions ?? dims;
      const shown = fault === 'wrong-count' ? input.slice(1) : input;
      const tokens = input.reduce((n, t) => n + Math.max(1, words(t).length), 0);
      entry.billedTokens = tokens;
      return reply(
        200,
        JSON.stringify({
          object: 'list',
          data: shown.map((t, index) => ({ object: 'embedding', index, embedding: standInVector(t, size) })),
          model: entry.model,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        }),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    failNext: (...f) => void faults.push(...f),
    failNextChat: (...f) => void chatFaults.push(...f),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const s = await startStandInOpenAI({ port: Number(arg('port') ?? 5191), key: arg('key') });
  console.log(`Stand-in OpenAI-compatible endpoint at ${s.baseUrl}`);
}
