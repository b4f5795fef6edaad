import type { WorkerLike } from '../../src/embedding/client';
import type { WorkerRequest, WorkerResponse } from '../../src/embedding/protocol';
import { tokenize } from '../../src/core/bm25';
import { normalizeInPlace } from '../../src/core/vectors';
import { findModel } from '../../src/embedding/catalogue';

type Handler = (req: WorkerRequest, reply: (r: WorkerResponse) => void) => void;

/** A worker stand-in that answers each request through a handler, asynchronously like the real one. */
export class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: WorkerRequest[] = [];
  constructor(private readonly handler: Handler) {}
  postMessage(req: WorkerRequest) {
    this.received.push(req);
    queueMicrotask(() => this.handler(req, (r) => this.onmessage?.({ data: r } as MessageEvent<WorkerResponse>)));
  }
  terminate() {
    this.terminated = true;
  }
}

/** Matches the bundled model, whose cache key records 100 dimensions. */
export const HASH_DIM = 100;

/** A bag-of-words embedding by hashing: crude, but deterministic and meaning-free enough to test plumbing. */
export function hashEmbed(text: string, dim = HASH_DIM): Float32Array {
  const v = new Float32Array(dim);
  for (const t of tokenize(text)) {
    let h = 2166136261;
    for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 16777619);
    v[(h >>> 0) % dim] += 1;
  }
  return normalizeInPlace(v);
}

/** Answers load and embed like the real worker, with hash embeddings. */
export const hashingWorkerHandler: Handler = (req, reply) => {
  if (req.type === 'load') {
    reply({ id: req.id, type: 'progress', progress: { status: 'progress', name: req.spec.modelId, file: 'onnx/model_quantized.onnx', progress: 100, loaded: 10, total: 10 } });
    reply({ id: req.id, type: 'result', result: { modelId: req.spec.modelId, dtype: req.spec.dtype, device: req.spec.device, weights: req.spec.allowRemote ? 'fakehub1' : '', loadMs: 1 } });
    return;
  }
  if (req.type === 'agreement') {
    reply({ id: req.id, type: 'result', result: { cosines: req.texts.map(() => 1) } });
    return;
  }
  // as many dimensions as the catalogue says the model has, like a real model
  const dim = findModel(req.spec.modelId)?.dims || HASH_DIM;
  const vectors = new Float32Array(req.texts.length * dim);
  req.texts.forEach((t, i) => vectors.set(hashEmbed(t, dim), i * dim));
  reply({ id: req.id, type: 'progress', progress: { done: req.texts.length, total: req.texts.length, elapsedMs: 2 } });
  // like the real worker, count the texts longer than the model's limit (words stand in for tokens)
  const truncated = req.texts.filter((t) => tokenize(t).length + 2 > req.spec.maxTokens).length;
  reply({ id: req.id, type: 'result', result: { vectors, dim, truncated, maxTokensApplied: req.spec.maxTokens, elapsedMs: 2 } });
};
