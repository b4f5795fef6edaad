import type { ProgressInfo } from '@huggingface/transformers';
import { RpcClient, type RpcWorker } from '../core/rpc';
import type { Pooling } from './catalogue';
import type {
  AgreementResult,
  BatchLimits,
  DeviceChoice,
  EmbeddingProgress,
  EmbeddingResults,
  EmbedProgress,
  EmbedResult,
  LoadResult,
  LoadSpec,
  WorkerRequest,
  WorkerResponse,
} from './protocol';

/**
 * Up to 8 texts or about 8,192 padded tokens per length-sorted batch: bounded memory, little
 * padding. Measured on a MiniLM-shaped encoder (BENCHMARKS.md): 8 was 1.15x faster than 32,
 * whose attention cost grows with the longest text squared, and 1.5x faster than unsorted 32.
 */
export const DEFAULT_BATCH: BatchLimits = { maxTexts: 8, maxTokens: 8192 };

/** The subset of Worker the client uses, so tests can supply a fake. */
export type WorkerLike = RpcWorker<WorkerRequest, WorkerResponse>;

function createDefaultWorker(device: DeviceChoice): WorkerLike {
  return new Worker(new URL('./embed.worker.ts', import.meta.url), { type: 'module', name: device === 'webgpu' ? 'embedding-webgpu' : 'embedding' }) as WorkerLike;
}

/**
 * Typed, promise-based access to the embedding workers (generic RPC in core/rpc): one per
 * device, created on first use. ONNX Runtime loads its WebAssembly build once per worker and
 * keeps it, and the two devices want different builds (`ortFiles` in loadSpec.ts): the plain
 * one, smaller and faster to start, for WebAssembly; the asyncify one for WebGPU (whose
 * agreement check runs the WebAssembly reference in the same worker, on that build). Every
 * request carries an id and its reply settles exactly that request.
 */
export class EmbeddingClient {
  private readonly rpcs = new Map<DeviceChoice, RpcClient<WorkerRequest, EmbeddingResults, EmbeddingProgress>>();

  constructor(private readonly createWorker: (device: DeviceChoice) => WorkerLike = createDefaultWorker) {}

  private rpc(device: DeviceChoice): RpcClient<WorkerRequest, EmbeddingResults, EmbeddingProgress> {
    let rpc = this.rpcs.get(device);
    if (!rpc) this.rpcs.set(device, (rpc = new RpcClient(() => this.createWorker(device), { name: 'embedding' })));
    return rpc;
  }

  load(spec: LoadSpec, onProgress?: (info: ProgressInfo) => void): Promise<LoadResult> {
    return this.rpc(spec.device).request({ type: 'load', spec }, { onProgress });
  }

  embed(spec: LoadSpec, texts: string[], pooling: Pooling, onProgress?: (p: EmbedProgress) => void, batch: BatchLimits = DEFAULT_BATCH): Promise<EmbedResult> {
    return this.rpc(spec.device).request({ type: 'embed', spec, texts, pooling, batch }, { onProgress });
  }

  /** Cosine agreement of the model on its device with the same model on WebAssembly, per text. */
  agreement(spec: LoadSpec, texts: string[], pooling: Pooling): Promise<AgreementResult> {
    return this.rpc(spec.device).request({ type: 'agreement', spec, texts, pooling });
  }

  /** Stops all work at once; pending calls reject and the next call starts a fresh worker. */
  terminate(reason = 'Cancelled.'): void {
    for (const rpc of this.rpcs.values()) rpc.terminate(reason);
  }
}
