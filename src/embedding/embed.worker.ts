/// <reference lib="webworker" />
/**
 * Owns transformers.js: loads one model at a time and embeds texts in batches, reporting
 * progress. Vectors go back as transferred Float32Arrays. Pure logic lives in src/core.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { lengthSortedBatches } from '../core/batches';
import { zeroNonFiniteRows } from '../core/vectors';
import { assertUnreachable, type LoadSpec, type WorkerRequest, type WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let current: { key: string; extractor: Promise<FeatureExtractionPipeline> } | null = null;

function post(msg: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function configure(spec: LoadSpec): void {
  env.localModelPath = spec.localModelPath;
  env.allowLocalModels = true;
  env.allowRemoteModels = spec.allowRemote;
  env.useBrowserCache = true;
  const onnx = env.backends.onnx;
  if (onnx.wasm) onnx.wasm.wasmPaths = spec.wasmPaths;
}

/** One shared load promise per model+dtype+device; a failed load is forgotten so it can be retried. */
function getExtractor(spec: LoadSpec, id: number): Promise<FeatureExtractionPipeline> {
  const key = `${spec.modelId}|${spec.dtype}|${spec.device}`;
  if (current?.key === key) return current.extractor;
  configure(spec);
  const extractor = pipeline('feature-extraction', spec.modelId, {
    dtype: spec.dtype,
    device: spec.device,
    progress_callback: (info) => post({ id, type: 'load-progress', info }),
  }) as Promise<FeatureExtractionPipeline>;
  const entry = { key, extractor };
  current = entry;
  extractor.catch(() => {
    if (current === entry) current = null;
  });
  return extractor;
}

async function embed(req: Extract<WorkerRequest, { type: 'embed' }>): Promise<void> {
  if (!current) throw new Error('No model is loaded yet.');
  const extractor = await current.extractor;
  const started = performance.now();
  const batches = lengthSortedBatches(req.texts.map((t) => t.length), req.batchSize);
  let vectors = new Float32Array(0);
  let dim = 0;
  let done = 0;
  for (const batch of batches) {
    const out = await extractor(batch.map((i) => req.texts[i]), { pooling: req.pooling, normalize: true });
    const data = out.data as Float32Array;
    if (dim === 0) {
      dim = data.length / batch.length;
      vectors = new Float32Array(req.texts.length * dim);
    } else if (data.length !== batch.length * dim) {
      throw new Error(`The model returned ${data.length / batch.length} dimensions, expected ${dim}.`);
    }
    batch.forEach((textIndex, j) => vectors.set(data.subarray(j * dim, (j + 1) * dim), textIndex * dim));
    out.dispose?.();
    done += batch.length;
    post({ id: req.id, type: 'embed-progress', progress: { done, total: req.texts.length, elapsedMs: performance.now() - started } });
  }
  zeroNonFiniteRows({ vectors, dim });
  const result = { vectors, dim, elapsedMs: performance.now() - started };
  post({ id: req.id, type: 'embedded', result }, [result.vectors.buffer]);
}

async function handle(req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case 'load': {
      const started = performance.now();
      await getExtractor(req.spec, req.id);
      const { modelId, dtype, device } = req.spec;
      post({ id: req.id, type: 'loaded', result: { modelId, dtype, device, loadMs: performance.now() - started } });
      return;
    }
    case 'embed':
      return embed(req);
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
