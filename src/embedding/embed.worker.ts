/// <reference lib="webworker" />
/**
 * Owns transformers.js: loads one model at a time and embeds texts in batches, reporting
 * progress. Vectors go back as transferred Float32Arrays. Pure logic lives in src/core.
 */
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { estimateTokens, lengthSortedBatches } from '../core/batches';
import { cosine, zeroNonFiniteRows } from '../core/vectors';
import { assertUnreachable, type LoadSpec, type WorkerRequest, type WorkerResponse } from './protocol';
import type { Pooling } from './catalogue';
import { configureTransformers } from './transformersEnv';

declare const self: DedicatedWorkerGlobalScope;

/** Loaded pipelines by key, oldest first; two are kept so switching back and forth is instant. */
const loaded = new Map<string, Promise<FeatureExtractionPipeline>>();
const MAX_LOADED = 2;

function post(msg: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function keyOf(spec: LoadSpec): string {
  return `${spec.modelId}|${spec.dtype}|${spec.device}|${spec.remoteHost}`;
}

/** One shared load promise per model+dtype+device; a failed load is forgotten so it can be retried. */
function getExtractor(spec: LoadSpec, id: number): Promise<FeatureExtractionPipeline> {
  const key = keyOf(spec);
  const existing = loaded.get(key);
  if (existing) {
    loaded.delete(key);
    loaded.set(key, existing); // most recently used last
    return existing;
  }
  configureTransformers(spec);
  const extractor = pipeline('feature-extraction', spec.modelId, {
    dtype: spec.dtype,
    device: spec.device,
    progress_callback: (info) => post({ id, type: 'progress', progress: info }),
  }) as Promise<FeatureExtractionPipeline>;
  loaded.set(key, extractor);
  extractor.then(
    () => {
      while (loaded.size > MAX_LOADED) {
        const [oldKey, old] = loaded.entries().next().value as [string, Promise<FeatureExtractionPipeline>];
        loaded.delete(oldKey);
        old.then((p) => p.dispose()).catch(() => undefined);
      }
    },
    () => loaded.delete(key),
  );
  return extractor;
}

async function embedTexts(
  extractor: FeatureExtractionPipeline,
  texts: readonly string[],
  pooling: Pooling,
  maxTexts: number,
  maxTokens: number,
  onBatch?: (done: number) => void,
): Promise<{ vectors: Float32Array; dim: number }> {
  const batches = lengthSortedBatches(texts.map(estimateTokens), maxTexts, maxTokens);
  let vectors = new Float32Array(0);
  let dim = 0;
  let done = 0;
  for (const batch of batches) {
    const out = await extractor(batch.map((i) => texts[i]), { pooling, normalize: true });
    const data = out.data as Float32Array;
    if (dim === 0) {
      dim = data.length / batch.length;
      vectors = new Float32Array(texts.length * dim);
    } else if (data.length !== batch.length * dim) {
      throw new Error(`The model returned ${data.length / batch.length} dimensions, expected ${dim}.`);
    }
    batch.forEach((textIndex, j) => vectors.set(data.subarray(j * dim, (j + 1) * dim), textIndex * dim));
    out.dispose?.();
    done += batch.length;
    onBatch?.(done);
  }
  zeroNonFiniteRows({ vectors, dim });
  return { vectors, dim };
}

async function handle(req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case 'load': {
      const started = performance.now();
      await getExtractor(req.spec, req.id);
      const { modelId, dtype, device } = req.spec;
      post({ id: req.id, type: 'result', result: { modelId, dtype, device, loadMs: performance.now() - started } });
      return;
    }
    case 'embed': {
      const extractor = await getExtractor(req.spec, req.id);
      const started = performance.now();
      const { maxTexts, maxTokens } = req.batch;
      const { vectors, dim } = await embedTexts(extractor, req.texts, req.pooling, maxTexts, maxTokens, (done) =>
        post({ id: req.id, type: 'progress', progress: { done, total: req.texts.length, elapsedMs: performance.now() - started } }),
      );
      const result = { vectors, dim, elapsedMs: performance.now() - started };
      post({ id: req.id, type: 'result', result }, [result.vectors.buffer]);
      return;
    }
    case 'agreement': {
      const a = await embedTexts(await getExtractor(req.spec, req.id), req.texts, req.pooling, 8, 4096);
      // the same model and dtype on WebAssembly is the reference
      const b = await embedTexts(await getExtractor({ ...req.spec, device: 'wasm' }, req.id), req.texts, req.pooling, 8, 4096);
      const cosines = req.texts.map((_, i) => cosine(a.vectors.subarray(i * a.dim, (i + 1) * a.dim), b.vectors.subarray(i * b.dim, (i + 1) * b.dim)));
      post({ id: req.id, type: 'result', result: { cosines } });
      return;
    }
    default:
      assertUnreachable(req);
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  handle(req).catch((err: unknown) => {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
};
