/// <reference lib="webworker" />
/**
 * Owns transformers.js: loads one model at a time and embeds texts in batches, reporting
 * progress. Vectors go back as transferred Float32Arrays. The embedding loop lives in
 * embedBatches.ts, pure logic in src/core.
 */
import { pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import { cosine } from '../core/vectors';
import { embedBatches } from './embedBatches';
import { MODEL_FILE_CACHE } from './modelFileCache';
import { assertUnreachable, type LoadSpec, type WorkerRequest } from './protocol';
import { postToPage, serveRequests } from './serveWorker';
import { weightsIdentity, type WeightsFile } from './weightsIdentity';
import { configureTransformers } from './transformersEnv';


interface Loaded {
  extractor: FeatureExtractionPipeline;
  /** Identity of the ONNX weights behind this pipeline (see weightsIdentity); '' for local models. */
  weights: string;
}

/** Loaded pipelines by key, oldest first; two are kept so switching back and forth is instant. */
const loaded = new Map<string, Promise<Loaded>>();
const MAX_LOADED = 2;


function keyOf(spec: LoadSpec): string {
  return `${spec.modelId}|${spec.dtype}|${spec.device}|${spec.remoteHost}`;
}

/** The ETag of a file transformers.js keeps in the browser's Cache Storage, if it is there. */
async function cachedEtag(url: string): Promise<string | null> {
  try {
    if (typeof caches === 'undefined') return null;
    const res = await (await caches.open(MODEL_FILE_CACHE)).match(url);
    return res?.headers.get('x-linked-etag') ?? res?.headers.get('etag') ?? null;
  } catch {
    return null; // no identity beats no model: the size still names the file
  }
}

async function loadPipeline(spec: LoadSpec, onProgress: (info: ProgressInfo) => void): Promise<Loaded> {
  configureTransformers(spec);
  const sizes = new Map<string, number>();
  const extractor = (await pipeline('feature-extraction', spec.modelId, {
    dtype: spec.dtype,
    device: spec.device,
    progress_callback: (info) => {
      if (info.status === 'progress' && info.total > 0) sizes.set(info.file, info.total);
      onProgress(info);
    },
  })) as FeatureExtractionPipeline;
  if (!spec.allowRemote) return { extractor, weights: '' };
  // transformers.js keys its cache by the request URL on the "main" revision
  const files: WeightsFile[] = await Promise.all(
    [...sizes].map(async ([file, bytes]) => ({ file, bytes, etag: await cachedEtag(`${spec.remoteHost}${spec.modelId}/resolve/main/${file}`) })),
  );
  return { extractor, weights: weightsIdentity(files) };
}

/**
 * transformers.js has one `env` per worker, read while a load fetches its files: two loads at
 * once (the bundled model at start-up and a Hub model from a link, say) would each run with
 * the other's settings, and a bundled load could then ask the Hub for its files. So loads run
 * one at a time, each with its own settings from start to end.
 */
let loadsInTurn: Promise<unknown> = Promise.resolve();
function loadInTurn(spec: LoadSpec, onProgress: (info: ProgressInfo) => void): Promise<Loaded> {
  const run = loadsInTurn.then(() => loadPipeline(spec, onProgress));
  loadsInTurn = run.catch(() => undefined);
  return run;
}

/** One shared load promise per model+dtype+device; a failed load is forgotten so it can be retried. */
function getExtractor(spec: LoadSpec, id: number): Promise<Loaded> {
  const key = keyOf(spec);
  const existing = loaded.get(key);
  if (existing) {
    loaded.delete(key);
    loaded.set(key, existing); // most recently used last
    return existing;
  }
  const loading = loadInTurn(spec, (info) => postToPage({ id, type: 'progress', progress: info }));
  loaded.set(key, loading);
  loading.then(
    () => {
      while (loaded.size > MAX_LOADED) {
        const [oldKey, old] = loaded.entries().next().value as [string, Promise<Loaded>];
        loaded.delete(oldKey);
        old.then((p) => p.extractor.dispose()).catch(() => undefined);
      }
    },
    () => loaded.delete(key),
  );
  return loading;
}

async function handle(req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case 'load': {
      const started = performance.now();
      const { weights } = await getExtractor(req.spec, req.id);
      const { modelId, dtype, device } = req.spec;
      postToPage({ id: req.id, type: 'result', result: { modelId, dtype, device, weights, loadMs: performance.now() - started } });
      return;
    }
    case 'embed': {
      const { extractor } = await getExtractor(req.spec, req.id);
      const started = performance.now();
      const options = { pooling: req.pooling, maxTexts: req.batch.maxTexts, maxBatchTokens: req.batch.maxTokens, maxTokens: req.spec.maxTokens };
      const out = await embedBatches(extractor, req.texts, options, (done) =>
        postToPage({ id: req.id, type: 'progress', progress: { done, total: req.texts.length, elapsedMs: performance.now() - started } }),
      );
      const result = { ...out, elapsedMs: performance.now() - started };
      postToPage({ id: req.id, type: 'result', result }, [result.vectors.buffer]);
      return;
    }
    case 'agreement': {
      const options = { pooling: req.pooling, maxTexts: 8, maxBatchTokens: 4096, maxTokens: req.spec.maxTokens };
      const a = await embedBatches((await getExtractor(req.spec, req.id)).extractor, req.texts, options);
      // the same model and dtype on WebAssembly is the reference
      const b = await embedBatches((await getExtractor({ ...req.spec, device: 'wasm' }, req.id)).extractor, req.texts, options);
      const cosines = req.texts.map((_, i) => cosine(a.vectors.subarray(i * a.dim, (i + 1) * a.dim), b.vectors.subarray(i * b.dim, (i + 1) * b.dim)));
      postToPage({ id: req.id, type: 'result', result: { cosines } });
      return;
    }
    default:
      assertUnreachable(req);
  }
}

serveRequests(handle);
