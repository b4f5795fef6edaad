/**
 * Real models near native: the same MiniLM-shaped encoder (scripts/build-bench-model.ts, fp32
 * and q8) on onnxruntime-node and on ONNX Runtime Web (WebAssembly) in Chromium, with the same
 * threads, the same session options, the same token ids and the same batches, timed side by
 * side, interleaved run by run, so the load of a shared machine hits both alike.
 *
 *   npm run bench -- --only native          # or: npx tsx scripts/bench-native.ts
 *     [--threads 2] [--runs 5] [--every 50] [--builds asyncify,plain] [--profile]
 *
 * What is timed is `session.run` over the app's batches (src/core/batches.ts
 * lengthSortedBatches with DEFAULT_BATCH: length-sorted, ≤ 8 texts) of every `--every`-th
 * bundled profile, tokenized once in Node by the model's own tokenizer (transformers.js
 * AutoTokenizer, truncation at 512). Tokenization is timed separately (it is JavaScript, the
 * same V8 in both). In Chromium the session lives in a module Worker, as in the app
 * (src/embedding/embed.worker.ts), on a cross-origin isolated page, with `env.wasm.numThreads`
 * equal to Node's `intraOpNumThreads` (both count the calling thread). Both sides use
 * graphOptimizationLevel 'all', which is what transformers.js leaves in place (it passes no
 * level). The ONNX Runtime Web entry is the one transformers.js imports
 * (onnxruntime-web/webgpu → ort.webgpu.min.mjs); `--builds` picks the WebAssembly binaries it
 * loads: `asyncify` (ort-wasm-simd-threaded.asyncify.*, needed by the WebGPU execution
 * provider) and `plain` (ort-wasm-simd-threaded.*, CPU only).
 *
 * `--profile` adds one pass with ONNX Runtime's own profiler on both sides and prints the
 * time per operator type (Node writes a JSON trace; the web build prints its events to the
 * Worker's console, which the Worker collects). Both include the warm-up pass, so each side's
 * total is over two passes, halved.
 *
 * Everything listens on and talks to 127.0.0.1 only.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import { AutoTokenizer, env } from '@huggingface/transformers';
import type { Page } from 'playwright-core';
import { estimateTokens, lengthSortedBatches } from '../src/core/batches';
import { profileToText } from '../src/data/profileText';
import { DEFAULT_BATCH } from '../src/embedding/protocol';
import { launchBrowser } from '../test/e2e/browser';
import { readBundledDataset } from './lib/bundledData';
import { measureContention } from './lib/cpuContention';
import { BENCH_MODEL_ID, BENCH_MODELS_DIR, writeBenchModel } from './build-bench-model';

export const PRECISIONS = { fp32: 'model.onnx', q8: 'model_quantized.onnx' } as const;
type Precision = keyof typeof PRECISIONS;

/** The WebAssembly binaries of ONNX Runtime Web that the bench can load (see the header). */
export const WASM_BUILDS = {
  asyncify: 'ort-wasm-simd-threaded.asyncify',
  plain: 'ort-wasm-simd-threaded',
} as const;
type Build = keyof typeof WASM_BUILDS;

const ORT_WEB_DIST = fileURLToPath(new URL('../node_modules/onnxruntime-web/dist/', import.meta.url));
/** The ONNX Runtime Web entry transformers.js imports in the browser. */
const ORT_WEB_ENTRY = 'ort.webgpu.min.mjs';

export interface NativeOptions {
  threads: number;
  runs: number;
  every: number;
  builds: Build[];
  profile: boolean;
  models: string;
}

interface Batch {
  rows: number;
  cols: number;
  ids: number[];
  mask: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The app's batches of the texts, as padded token ids (the model pads with id 0). */
function padBatches(tokens: number[][], texts: string[]): Batch[] {
  const { maxTexts, maxTokens } = DEFAULT_BATCH;
  return lengthSortedBatches(texts.map(estimateTokens), maxTexts, maxTokens).map((batch) => {
    const cols = Math.max(...batch.map((i) => tokens[i].length));
    const ids: number[] = [];
    const mask: number[] = [];
    for (const i of batch) {
      const t = tokens[i];
      for (let c = 0; c < cols; c++) {
        ids.push(c < t.length ? t[c] : 0);
        mask.push(c < t.length ? 1 : 0);
      }
    }
    return { rows: batch.length, cols, ids, mask };
  });
}

function sessionOptions(threads: number) {
  return { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' } as const;
}

// ---------------------------------------------------------------------------------------
// Node
// ---------------------------------------------------------------------------------------

async function nodeSession(file: string, threads: number, profilePrefix?: string): Promise<ortNode.InferenceSession> {
  return ortNode.InferenceSession.create(file, {
    ...sessionOptions(threads),
    executionProviders: ['cpu'],
    ...(profilePrefix ? { enableProfiling: true, profileFilePrefix: profilePrefix } : {}),
  });
}

async function nodeRun(session: ortNode.InferenceSession, batches: Batch[]): Promise<number> {
  const t0 = performance.now();
  for (const b of batches) {
    const out = await session.run({
      input_ids: new ortNode.Tensor('int64', BigInt64Array.from(b.ids, BigInt), [b.rows, b.cols]),
      attention_mask: new ortNode.Tensor('int64', BigInt64Array.from(b.mask, BigInt), [b.rows, b.cols]),
    });
    for (const t of Object.values(out)) t.dispose();
  }
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------
// Chromium: a cross-origin isolated page whose module Worker owns the sessions.
// ---------------------------------------------------------------------------------------

/** Runs in the Worker: loads ORT Web with the given binaries, then answers run requests. */
const WORKER_JS = `
let ort, sessions = {}, batches = [], logs = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const orig = console[level].bind(console);
  console[level] = (...a) => { logs.push(a.map(String).join(' ')); orig(...a); };
}
self.onmessage = async ({ data }) => {
  try {
    if (data.type === 'init') {
      logs = [];
      ort = await import('/ort/${ORT_WEB_ENTRY}');
      ort.env.wasm.wasmPaths = { mjs: new URL('/ort/' + data.build + '.mjs', location.href).href, wasm: new URL('/ort/' + data.build + '.wasm', location.href).href };
      ort.env.wasm.numThreads = data.threads;
      ort.env.wasm.proxy = false;
      batches = data.batches.map((b) => ({
        input_ids: [BigInt64Array.from(b.ids, BigInt), [b.rows, b.cols]],
        attention_mask: [BigInt64Array.from(b.mask, BigInt), [b.rows, b.cols]],
      }));
      for (const [precision, url] of Object.entries(data.models)) {
        const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
        sessions[precision] = await ort.InferenceSession.create(bytes, {
          ...data.options, executionProviders: ['wasm'], ...(data.profile ? { enableProfiling: true } : {}),
        });
      }
      postMessage({ ok: true, crossOriginIsolated: self.crossOriginIsolated, numThreads: ort.env.wasm.numThreads });
    } else if (data.type === 'run') {
      const session = sessions[data.precision];
      const t0 = performance.now();
      for (const b of batches) {
        const feeds = {};
        for (const [name, [values, dims]] of Object.entries(b)) feeds[name] = new ort.Tensor('int64', values, dims);
        const out = await session.run(feeds);
        for (const t of Object.values(out)) t.dispose();
      }
      postMessage({ ok: true, ms: performance.now() - t0 });
    } else if (data.type === 'endProfiling') {
      await sessions[data.precision].endProfiling();
      postMessage({ ok: true, logs });
    }
  } catch (e) {
    postMessage({ ok: false, error: String(e && e.stack || e) });
  }
};
`;

const PAGE_HTML = `<!doctype html><meta charset="utf-8"><title>bench native</title><script type="module">
const worker = new Worker('/worker.mjs', { type: 'module' });
let pending;
worker.onmessage = ({ data }) => pending(data);
worker.onerror = (e) => pending({ ok: false, error: e.message });
window.ask = (msg) => new Promise((resolve) => { pending = resolve; worker.postMessage(msg); });
window.pageReady = true;
</script>`;

/** The page, the worker and ORT Web's files, with the headers cross-origin isolation needs. */
async function startBenchServer(modelsDir: string): Promise<{ server: Server; url: string }> {
  const modelDir = path.join(modelsDir, BENCH_MODEL_ID, 'onnx');
  const server = createServer((req, res) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const url = (req.url ?? '/').split('?')[0];
    const send = (type: string, body: string | Buffer) => {
      res.setHeader('Content-Type', type);
      res.end(body);
    };
    const ortName = url.startsWith('/ort/') ? url.slice(5) : '';
    const modelName = url.startsWith('/model/') ? url.slice(7) : '';
    if (url === '/') return send('text/html', PAGE_HTML);
    if (url === '/worker.mjs') return send('text/javascript', WORKER_JS);
    if (/^ort[\w.-]*\.(mjs|wasm)$/.test(ortName) && existsSync(path.join(ORT_WEB_DIST, ortName))) {
      return send(ortName.endsWith('.wasm') ? 'application/wasm' : 'text/javascript', readFileSync(path.join(ORT_WEB_DIST, ortName)));
    }
    if ((Object.values(PRECISIONS) as string[]).includes(modelName)) return send('application/octet-stream', readFileSync(path.join(modelDir, modelName)));
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

interface Reply {
  ok: boolean;
  error?: string;
  ms?: number;
  logs?: string[];
  crossOriginIsolated?: boolean;
  numThreads?: number;
}

async function ask(page: Page, msg: object): Promise<Reply> {
  const reply = (await page.evaluate((m) => (window as unknown as { ask(m: object): Promise<unknown> }).ask(m), msg)) as Reply;
  if (!reply.ok) throw new Error(`browser worker: ${reply.error}`);
  return reply;
}

// ---------------------------------------------------------------------------------------
// Profiles: time per operator type
// ---------------------------------------------------------------------------------------

interface ProfileEvent {
  cat?: string;
  name?: string;
  dur?: number;
  args?: { op_name?: string };
}

/** Microseconds per operator type over the kernel events of one ORT profile. */
export function opTimes(events: ProfileEvent[]): Map<string, number> {
  const byOp = new Map<string, number>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || !e.args?.op_name) continue;
    byOp.set(e.args.op_name, (byOp.get(e.args.op_name) ?? 0) + (e.dur ?? 0));
  }
  return byOp;
}

/** ORT Web's profiler logs one JSON event per console line (possibly after a prefix). */
function eventsFromLogs(logs: string[]): ProfileEvent[] {
  const events: ProfileEvent[] = [];
  for (const line of logs) {
    const at = line.indexOf('{');
    if (at < 0) continue;
    try {
      const parsed = JSON.parse(line.slice(at).replace(/,\s*$/, '')) as ProfileEvent | ProfileEvent[];
      events.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    } catch {
      // not an event
    }
  }
  return events;
}

// ---------------------------------------------------------------------------------------
// The bench
// ---------------------------------------------------------------------------------------

export async function runNativeBench(opts: NativeOptions): Promise<string> {
  const modelDir = path.join(opts.models, BENCH_MODEL_ID);
  if (!existsSync(path.join(modelDir, 'onnx', PRECISIONS.q8))) writeBenchModel(opts.models, () => undefined);
  const out: string[] = [];
  const log = (line = '') => {
    out.push(line);
    console.log(line);
  };

  const texts = readBundledDataset()
    .profiles.map(profileToText)
    .filter((_, i) => i % opts.every === 0);
  env.localModelPath = opts.models + '/';
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  const tokenizer = await AutoTokenizer.from_pretrained(BENCH_MODEL_ID);
  const tokenize = () => texts.map((t) => Array.from((tokenizer(t, { truncation: true }).input_ids as { data: BigInt64Array }).data, Number));
  let tokens = tokenize();
  const tokenizeMs: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const t0 = performance.now();
    tokens = tokenize();
    tokenizeMs.push(performance.now() - t0);
  }
  const batches = padBatches(tokens, texts);
  const realTokens = tokens.reduce((a, t) => a + t.length, 0);
  const paddedTokens = batches.reduce((a, b) => a + b.rows * b.cols, 0);

  const precisions = Object.keys(PRECISIONS) as Precision[];
  const nodeSessions = Object.fromEntries(
    await Promise.all(precisions.map(async (p) => [p, await nodeSession(path.join(modelDir, 'onnx', PRECISIONS[p]), opts.threads)] as const)),
  ) as Record<Precision, ortNode.InferenceSession>;

  const { server, url } = await startBenchServer(opts.models);
  const browser = await launchBrowser();
  const pages = new Map<Build, Page>();
  const times = new Map<string, number[]>();
  const other: number[] = [];
  const loads: number[] = [os.loadavg()[0]];
  const push = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
  let isolated = true;
  try {
    for (const build of opts.builds) {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`page error (${build}): ${e.message}`));
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true);
      const init = await ask(page, {
        type: 'init',
        build: WASM_BUILDS[build],
        threads: opts.threads,
        batches,
        options: sessionOptions(opts.threads),
        models: Object.fromEntries(precisions.map((p) => [p, `${url}model/${PRECISIONS[p]}`])),
        profile: false,
      });
      isolated &&= init.crossOriginIsolated === true;
      pages.set(build, page);
    }
    // warm-up: first runs allocate buffers and touch every kernel once
    for (const p of precisions) {
      await nodeRun(nodeSessions[p], batches);
      for (const page of pages.values()) await ask(page, { type: 'run', precision: p });
    }
    for (let r = 0; r < opts.runs; r++) {
      // alternate which side goes first, so drift of the machine favours neither
      const sides: (['node'] | ['web', Build])[] = [['node'], ...opts.builds.map((b) => ['web', b] as ['web', Build])];
      const order = r % 2 ? sides.reverse() : sides;
      for (const p of precisions) {
        for (const side of order) {
          const { value: ms, otherCores } = await measureContention(async () =>
            side[0] === 'node' ? nodeRun(nodeSessions[p], batches) : (await ask(pages.get(side[1])!, { type: 'run', precision: p })).ms!,
          );
          other.push(otherCores);
          push(`${side[0] === 'node' ? 'node' : side[1]}/${p}`, ms);
        }
      }
      loads.push(os.loadavg()[0]);
      console.log(
        `  run ${r + 1}: ${precisions.map((p) => `${p} ${['node', ...opts.builds].map((k) => `${k} ${(texts.length / (times.get(`${k}/${p}`)!.at(-1)! / 1000)).toFixed(1)}`).join(', ')}`).join(' · ')} texts/s; load ${os.loadavg()[0].toFixed(2)}`,
      );
    }

    const rate = (key: string) => texts.length / (median(times.get(key)!) / 1000);
    const runsOf = (key: string) => times.get(key)!.map((ms) => (texts.length / (ms / 1000)).toFixed(1)).join(', ');
    log(`### onnxruntime-node vs ONNX Runtime Web (WebAssembly), ${opts.threads} thread${opts.threads > 1 ? 's' : ''} each, median of ${opts.runs} interleaved runs (texts/s)`);
    log();
    log(
      `${texts.length} profiles (every ${opts.every}th bundled profile), ${realTokens.toLocaleString('en-US')} tokens (longest ${Math.max(...tokens.map((t) => t.length))}) in ${batches.length} batches of ≤ ${DEFAULT_BATCH.maxTexts} length-sorted texts (${paddedTokens.toLocaleString('en-US')} with padding). Threads: Node intraOpNumThreads ${opts.threads}, Chromium numThreads ${opts.threads} in a module Worker, crossOriginIsolated ${isolated}. Graph optimisation 'all' on both sides.`,
    );
    log();
    log(`| precision | Node texts/s | ${opts.builds.map((b) => `Chromium, ${b} build: texts/s | ÷ Node`).join(' | ')} | Node runs | ${opts.builds.map((b) => `${b} runs`).join(' | ')} |`);
    log(`|---|---|${opts.builds.map(() => '---|---|').join('')}---|${opts.builds.map(() => '---|').join('')}`);
    for (const p of precisions) {
      const node = rate(`node/${p}`);
      log(
        `| ${p} | **${node.toFixed(1)}** | ${opts.builds.map((b) => `**${rate(`${b}/${p}`).toFixed(1)}** | **${(rate(`${b}/${p}`) / node).toFixed(2)}×**`).join(' | ')} | ${runsOf(`node/${p}`)} | ${opts.builds.map((b) => runsOf(`${b}/${p}`)).join(' | ')} |`,
      );
    }
    log();
    const q8 = ['node', ...opts.builds].map((k) => `${k} ${(rate(`${k}/q8`) / rate(`${k}/fp32`)).toFixed(2)}×`).join(', ');
    log(`q8 ÷ fp32: ${q8}. Tokenizing the ${texts.length} texts (transformers.js, Node): ${median(tokenizeMs).toFixed(0)} ms (median of ${opts.runs}), i.e. ${((median(tokenizeMs) / 1000 / texts.length) * 1000).toFixed(2)} ms a text, not included above.`);
    log(`Load average (1 min) ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${os.cpus().length} cores; other processes used ${median(other).toFixed(2)} cores (median; max ${Math.max(...other).toFixed(2)}) while a side ran.`);

    if (opts.profile) {
      log();
      for (const p of precisions) log(await profileOps(p, opts, modelDir, batches, url, browser));
    }
  } finally {
    await browser.close();
    server.close();
    for (const s of Object.values(nodeSessions)) await s.release();
  }
  return out.join('\n');
}

/** One profiled pass on each side; milliseconds per operator type, largest first. */
async function profileOps(p: Precision, opts: NativeOptions, modelDir: string, batches: Batch[], url: string, browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<string> {
  const prefix = path.join(os.tmpdir(), `bench-native-${process.pid}`);
  const session = await nodeSession(path.join(modelDir, 'onnx', PRECISIONS[p]), opts.threads, prefix);
  await nodeRun(session, batches);
  await nodeRun(session, batches);
  // onnxruntime-node writes `${prefix}_<date>.json` and returns nothing
  session.endProfiling();
  await session.release();
  const profileFile = readdirSync(path.dirname(prefix)).find((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.json'));
  if (!profileFile) throw new Error(`onnxruntime-node wrote no profile at ${prefix}*`);
  const nodeOps = opTimes(JSON.parse(readFileSync(path.join(path.dirname(prefix), profileFile), 'utf8')) as ProfileEvent[]);
  rmSync(path.join(path.dirname(prefix), profileFile));

  const lines: string[] = [];
  for (const build of opts.builds) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true);
    await ask(page, { type: 'init', build: WASM_BUILDS[build], threads: opts.threads, batches, options: sessionOptions(opts.threads), models: { [p]: `${url}model/${PRECISIONS[p]}` }, profile: true });
    await ask(page, { type: 'run', precision: p });
    await ask(page, { type: 'run', precision: p });
    const ended = await ask(page, { type: 'endProfiling', precision: p });
    // the Worker's own copy of its console (page 'console' events would repeat the same lines)
    const webOps = opTimes(eventsFromLogs(ended.logs ?? []));
    await page.close();
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const ops = [...new Set([...nodeOps.keys(), ...webOps.keys()])].sort((a, b) => (webOps.get(b) ?? 0) - (webOps.get(a) ?? 0));
    const ms = (m: Map<string, number>, op: string) => (m.has(op) ? (m.get(op)! / 1000 / 2).toFixed(0) : '–');
    lines.push(`#### ${p}: ONNX Runtime's profiler, ms per pass over the ${batches.length} batches by operator type (Node vs Chromium ${build} build, ${opts.threads} threads)`);
    lines.push('');
    lines.push('| operator | Node ms | Node share | Chromium ms | Chromium share | Chromium ÷ Node |');
    lines.push('|---|---|---|---|---|---|');
    for (const op of ops) {
      const n = nodeOps.get(op);
      const w = webOps.get(op);
      lines.push(
        `| ${op} | ${ms(nodeOps, op)} | ${n ? ((n / total(nodeOps)) * 100).toFixed(1) + ' %' : '–'} | ${ms(webOps, op)} | ${w ? ((w / total(webOps)) * 100).toFixed(1) + ' %' : '–'} | ${n && w ? (w / n).toFixed(1) + '×' : '–'} |`,
      );
    }
    lines.push(`| all kernels | ${ms(new Map([['t', total(nodeOps)]]), 't')} | | ${ms(new Map([['t', total(webOps)]]), 't')} | | ${total(nodeOps) && total(webOps) ? (total(webOps) / total(nodeOps)).toFixed(1) + '×' : '–'} |`);
    lines.push('');
  }
  return lines.join('\n');
}

function cliArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function nativeOptionsFromArgv(): NativeOptions {
  const builds = (cliArg('builds') ?? 'asyncify,plain').split(',');
  const unknown = builds.filter((b) => !(b in WASM_BUILDS));
  if (unknown.length) throw new Error(`--builds: unknown ${unknown.join(', ')} (builds: ${Object.keys(WASM_BUILDS).join(', ')})`);
  return {
    threads: Number(cliArg('threads') ?? Math.min(2, os.cpus().length)),
    runs: Number(cliArg('runs') ?? 5),
    every: Number(cliArg('every') ?? 50),
    builds: builds as Build[],
    profile: process.argv.includes('--profile'),
    models: path.resolve(cliArg('models') ?? BENCH_MODELS_DIR),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runNativeBench(nativeOptionsFromArgv()).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
