// @vitest-environment node
/**
 * transformers.js' Hub code paths (download with progress, dtype → ONNX file name, cache,
 * 404 and corrupt-file errors) against the local stand-in Hub (test/helpers/standInHub.ts)
 * serving the tiny models in test/fixtures/hub (scripts/build-test-models.ts). No network.
 *
 * Caching: in Node, transformers.js hands ONNX Runtime a *file path* for model files, and for
 * remote files that path only exists in the file-system cache: with `env.useFSCache = false`
 * a Hub model fails with "Unable to get model file path or buffer." So these tests keep the
 * FS cache on, in a fresh temporary `env.cacheDir`, which also lets them check that a second
 * load is served from the cache. (In the browser the same role is played by the Cache API,
 * `env.useBrowserCache`; Node has no `caches` global, so that path is not taken here.)
 */
import {
  env,
  ModelFileNotFoundError,
  pipeline,
  type DataType,
  type FeatureExtractionPipeline,
  type ProgressInfo,
} from '@huggingface/transformers';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepoFiles, REPOS } from '../../scripts/build-test-models.ts';
import { HUB_FIXTURES_DIR, startStandInHub, type HubRequest, type StandInHub } from '../helpers/standInHub.ts';

const MODEL = 'test-org/tiny-embed';
const CLS_MODEL = 'test-org/tiny-embed-cls';
const BROKEN_MODEL = 'test-org/broken-embed';
const HIDDEN = 32;
const CLS_HIDDEN = 24;

/** What transformers.js requests for each dtype (DEFAULT_DTYPE_SUFFIX_MAPPING), as the app's catalogue lists it. */
const DTYPE_FILES: Record<'fp32' | 'fp16' | 'q8' | 'q4', string> = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  q4: 'onnx/model_q4.onnx',
};
const DTYPES = Object.keys(DTYPE_FILES) as (keyof typeof DTYPE_FILES)[];

const TEXTS = [
  'Senior Python developer: Django, AWS, Docker and Kubernetes',
  'Registered nurse for night shifts in the ICU, patient care and medication',
  'Payroll accountant reconciling ledgers and preparing tax reports',
  'Backend software engineer, Java and microservices',
];

let hub: StandInHub;
let cacheDir: string;
const saved = { ...env };

const resolvePath = (model: string, file: string) => `/${model}/resolve/main/${file}`;
const fixtureSize = (model: string, file: string) => statSync(path.join(HUB_FIXTURES_DIR, model, file)).size;
const onnxRequests = (log: HubRequest[]) => log.filter((r) => r.path.includes('/onnx/'));
const fullDownloads = (log: HubRequest[]) => log.filter((r) => r.method === 'GET' && r.status === 200).map((r) => r.path);
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));
const cosine = (a: number[], b: number[]) => dot(a, b) / (norm(a) * norm(b));

async function load(model: string, dtype: DataType, events?: ProgressInfo[]): Promise<FeatureExtractionPipeline> {
  return pipeline('feature-extraction', model, {
    dtype,
    device: 'cpu',
    ...(events ? { progress_callback: (e: ProgressInfo) => void events.push(e) } : {}),
  });
}

async function loadError(model: string, dtype: DataType): Promise<Error & { status?: number }> {
  try {
    await load(model, dtype, []);
  } catch (e) {
    return e as Error & { status?: number };
  }
  throw new Error(`loading ${model} (${dtype}) unexpectedly succeeded`);
}

beforeAll(async () => {
  hub = await startStandInHub();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'stand-in-hub-cache-'));
  env.remoteHost = `${hub.url}/`;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  env.allowRemoteModels = true;
  env.allowLocalModels = false; // as in the browser: never look for Hub ids on the local disk
  env.useFSCache = true;
  env.cacheDir = cacheDir;
});

afterAll(async () => {
  Object.assign(env, {
    remoteHost: saved.remoteHost,
    remotePathTemplate: saved.remotePathTemplate,
    allowRemoteModels: saved.allowRemoteModels,
    allowLocalModels: saved.allowLocalModels,
    useFSCache: saved.useFSCache,
    cacheDir: saved.cacheDir,
  });
  await hub?.close();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

describe('fixtures', () => {
  it('are exactly what scripts/build-test-models.ts builds, and small', () => {
    let total = 0;
    for (const spec of REPOS) {
      const repoDir = path.join(HUB_FIXTURES_DIR, 'test-org', spec.name);
      const expected = buildRepoFiles(spec);
      const onDisk = readdirSync(repoDir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.relative(repoDir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
        .sort();
      expect(onDisk, spec.name).toEqual(Object.keys(expected).sort());
      for (const [file, data] of Object.entries(expected)) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
        const actual = readFileSync(path.join(repoDir, file));
        total += actual.byteLength;
        expect(actual.equals(bytes), `${spec.name}/${file} is stale: run npx tsx scripts/build-test-models.ts`).toBe(true);
      }
    }
    expect(total).toBeLessThan(1_000_000);
  });
});

describe('stand-in Hub server', () => {
  const configUrl = () => `${hub.url}${resolvePath(MODEL, 'config.json')}`;

  it('serves /{org}/{name}/resolve/main/{path} with CORS, CORP and Content-Length', async () => {
    const res = await fetch(configUrl());
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ model_type: 'bert', hidden_size: HIDDEN });
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
  });

  it('answers Range requests with 206 and Content-Range, and HEAD without a body', async () => {
    const file = DTYPE_FILES.q8;
    const size = fixtureSize(MODEL, file);
    const bytes = readFileSync(path.join(HUB_FIXTURES_DIR, MODEL, file));
    const url = `${hub.url}${resolvePath(MODEL, file)}`;

    const first = await fetch(url, { headers: { Range: 'bytes=0-0' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-0/${size}`);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(bytes.subarray(0, 1));

    const middle = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await middle.arrayBuffer())).toEqual(bytes.subarray(100, 200));

    const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(size - 10));

    const beyond = await fetch(url, { headers: { Range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
    await beyond.arrayBuffer();

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(size));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('gives 404 for missing files, repos, revisions and paths outside the fixtures, and logs every request', async () => {
    hub.requests.length = 0;
    const paths = [
      resolvePath(MODEL, 'onnx/model_q4f16.onnx'),
      resolvePath('test-org/no-such-model', 'config.json'),
      `/${MODEL}/resolve/v9.9/config.json`,
      `/${MODEL}/resolve/main/..%2F..%2F..%2Fpackage.json`,
      '/test-org/tiny-embed/blob/main/config.json',
    ];
    for (const p of paths) {
      const res = await fetch(`${hub.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(res.headers.get('access-control-allow-origin'), p).toBe('*');
      await res.arrayBuffer();
    }
    const preflight = await fetch(configUrl(), { method: 'OPTIONS', headers: { 'Access-Control-Request-Headers': 'range' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('range');

    expect(hub.requests.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 204]);
    expect(hub.requests[0]).toEqual({ method: 'GET', path: resolvePath(MODEL, 'onnx/model_q4f16.onnx'), status: 404 });
  });
});

describe('transformers.js against the stand-in Hub', () => {
  const vectors: Partial<Record<keyof typeof DTYPE_FILES, number[][]>> = {};

  for (const [i, dtype] of DTYPES.entries()) {
    it(`dtype ${dtype} downloads ${DTYPE_FILES[dtype]} with progress and embeds with mean pooling`, async () => {
      hub.requests.length = 0;
      const events: ProgressInfo[] = [];
      const extractor = await load(MODEL, dtype, events);
      const file = DTYPE_FILES[dtype];
      const size = fixtureSize(MODEL, file);

      // Exactly one ONNX file is fetched: a 1-byte Range probe for its size, then the file.
      expect(onnxRequests(hub.requests)).toEqual([
        { method: 'GET', path: resolvePath(MODEL, file), status: 206, range: 'bytes=0-0' },
        { method: 'GET', path: resolvePath(MODEL, file), status: 200 },
      ]);
      const expectedDownloads = [resolvePath(MODEL, file)];
      // config.json and the tokenizer files are downloaded once, by the first load; later loads read the cache.
      if (i === 0) expectedDownloads.push(...['config.json', 'tokenizer.json', 'tokenizer_config.json'].map((f) => resolvePath(MODEL, f)));
      expect(fullDownloads(hub.requests).sort()).toEqual(expectedDownloads.sort());

      const fileEvents = events.filter((e) => 'file' in e && e.file === file);
      expect(fileEvents.map((e) => e.status)).toEqual(expect.arrayContaining(['initiate', 'download', 'progress', 'done']));
      const progress = fileEvents.flatMap((e) => (e.status === 'progress' ? [e] : []));
      expect(progress.length).toBeGreaterThan(0);
      for (const p of progress) {
        expect(p.total).toBe(size);
        expect(p.loaded).toBeGreaterThan(0);
        expect(p.loaded).toBeLessThanOrEqual(size);
      }
      expect(progress.map((p) => p.loaded)).toEqual([...progress.map((p) => p.loaded)].sort((a, b) => a - b));
      expect(progress.at(-1)).toMatchObject({ loaded: size, total: size, progress: 100 });
      expect(fileEvents.at(-1)?.status).toBe('done');
      // The overall total is right from the first event: the Range probe's Content-Range gave the size up front.
      const totals = events.flatMap((e) => (e.status === 'progress_total' ? [e] : []));
      expect(totals.length).toBeGreaterThan(0);
      for (const t of totals) expect(t.files[file]?.total).toBe(size);
      expect(totals.at(-1)?.progress).toBe(100);
      expect(totals.at(-1)?.files[file]).toEqual({ loaded: size, total: size });
      expect(events.at(-1)?.status).toBe('ready');

      // The cache now holds the downloaded file, byte for byte.
      const cached = readFileSync(path.join(cacheDir, MODEL, file));
      expect(cached.equals(readFileSync(path.join(HUB_FIXTURES_DIR, MODEL, file)))).toBe(true);

      const out = await extractor(TEXTS, { pooling: 'mean', normalize: true });
      expect(out.dims).toEqual([TEXTS.length, HIDDEN]);
      const rows = out.tolist() as number[][];
      for (const v of rows) {
        expect(v.every(Number.isFinite)).toBe(true);
        expect(norm(v)).toBeCloseTo(1, 5);
      }
      vectors[dtype] = rows;
      await extractor.dispose();
    });
  }

  it('gives close but not identical vectors for different dtypes of the same model', () => {
    const ref = vectors.fp32;
    expect(ref, 'the fp32 test must run first').toBeDefined();
    for (const dtype of ['fp16', 'q8', 'q4'] as const) {
      const other = vectors[dtype];
      expect(other, dtype).toBeDefined();
      const maxDiff = Math.max(...other!.flatMap((v, i) => v.map((x, j) => Math.abs(x - ref![i][j]))));
      expect(maxDiff, `${dtype} must differ from fp32`).toBeGreaterThan(0);
      other!.forEach((v, i) => expect(cosine(v, ref![i]), `${dtype} text ${i}`).toBeGreaterThan(0.95));
    }
    // The weights carry topics, so the search is meaningful: Python dev ~ Java engineer, not ~ nurse.
    expect(cosine(ref![0], ref![3])).toBeGreaterThan(cosine(ref![0], ref![1]) + 0.2);
  });

  it('serves a second load of the same dtype from the cache, with no requests', async () => {
    hub.requests.length = 0;
    const events: ProgressInfo[] = [];
    const extractor = await load(MODEL, 'q8', events);
    expect(hub.requests).toEqual([]);
    const again = (await extractor(TEXTS, { pooling: 'mean', normalize: true })).tolist() as number[][];
    expect(again).toEqual(vectors.q8);
    expect(events.at(-1)?.status).toBe('ready');
    await extractor.dispose();
  });

  it('downloads again into an empty cache', async () => {
    const freshCache = mkdtempSync(path.join(os.tmpdir(), 'stand-in-hub-cache-'));
    try {
      env.cacheDir = freshCache;
      hub.requests.length = 0;
      const extractor = await load(MODEL, 'q8');
      expect(fullDownloads(hub.requests)).toContain(resolvePath(MODEL, DTYPE_FILES.q8));
      await extractor.dispose();
    } finally {
      env.cacheDir = cacheDir;
      rmSync(freshCache, { recursive: true, force: true });
    }
  });

  it('loads the CLS model (fp32 and q8) and gives input-dependent [CLS] vectors', async () => {
    const results: number[][][] = [];
    for (const dtype of ['fp32', 'q8'] as const) {
      hub.requests.length = 0;
      const extractor = await load(CLS_MODEL, dtype);
      expect(onnxRequests(hub.requests).map((r) => r.path)).toEqual([resolvePath(CLS_MODEL, DTYPE_FILES[dtype])]);
      const out = await extractor(TEXTS, { pooling: 'cls', normalize: true });
      expect(out.dims).toEqual([TEXTS.length, CLS_HIDDEN]);
      results.push(out.tolist() as number[][]);
      await extractor.dispose();
    }
    const [fp32, q8] = results;
    fp32.forEach((v, i) => expect(cosine(v, q8[i])).toBeGreaterThan(0.95));
    expect(fp32.flat()).not.toEqual(q8.flat());
    // [CLS] is not a constant row: it sees the text, and related texts come out closer.
    expect(cosine(fp32[0], fp32[1])).toBeLessThan(0.9);
    expect(cosine(fp32[0], fp32[3])).toBeGreaterThan(cosine(fp32[0], fp32[1]));
  });

  it('reports a dtype the repo does not have as a 404 for that file', async () => {
    hub.requests.length = 0;
    const err = await loadError(CLS_MODEL, 'fp16');
    expect(err).toBeInstanceOf(ModelFileNotFoundError);
    expect(err.status).toBe(404);
    // Observed: Could not locate file: "http://127.0.0.1:PORT/test-org/tiny-embed-cls/resolve/main/onnx/model_fp16.onnx".
    expect(err.message).toBe(`Could not locate file: "${hub.url}${resolvePath(CLS_MODEL, DTYPE_FILES.fp16)}".`);
    expect(hub.requests).toContainEqual({ method: 'GET', path: resolvePath(CLS_MODEL, DTYPE_FILES.fp16), status: 404 });
  });

  it('reports a model id that does not exist as not found (404)', async () => {
    hub.requests.length = 0;
    const err = await loadError('test-org/no-such-model', 'q8');
    expect(err).toBeInstanceOf(ModelFileNotFoundError);
    expect(err.status).toBe(404);
    // Observed: Could not locate file: "http://127.0.0.1:PORT/test-org/no-such-model/resolve/main/config.json".
    expect(err.message).toBe(`Could not locate file: "${hub.url}${resolvePath('test-org/no-such-model', 'config.json')}".`);
    expect(hub.requests).toEqual([{ method: 'GET', path: resolvePath('test-org/no-such-model', 'config.json'), status: 404 }]);
  });

  it('reports a missing repo as 401 "Unauthorized access" when the Hub answers like huggingface.co does', async () => {
    const realistic = await startStandInHub({ missingRepoStatus: 401 });
    try {
      env.remoteHost = `${realistic.url}/`;
      const err = await loadError('test-org/no-such-model', 'q8');
      expect(err).toBeInstanceOf(ModelFileNotFoundError);
      expect(err.status).toBe(401);
      // Observed: Unauthorized access to file: "http://127.0.0.1:PORT/test-org/no-such-model/resolve/main/config.json".
      expect(err.message).toBe(`Unauthorized access to file: "${realistic.url}${resolvePath('test-org/no-such-model', 'config.json')}".`);
    } finally {
      env.remoteHost = `${hub.url}/`;
      await realistic.close();
    }
  });

  it('reports a corrupt ONNX file as a protobuf parsing failure after downloading it', async () => {
    hub.requests.length = 0;
    const err = await loadError(BROKEN_MODEL, 'q8');
    expect(err).not.toBeInstanceOf(ModelFileNotFoundError);
    // Observed (onnxruntime-node): Load model from <cacheDir>/test-org/broken-embed/onnx/model_quantized.onnx failed:Protobuf parsing failed.
    // In Chromium (onnxruntime-web, checked by hand) the same file gives:
    //   Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed.
    expect(err.message).toMatch(/protobuf parsing failed/i);
    expect(err.message).toContain(path.join(cacheDir, BROKEN_MODEL, DTYPE_FILES.q8));
    expect(fullDownloads(hub.requests)).toContain(resolvePath(BROKEN_MODEL, DTYPE_FILES.q8));
  });
});
