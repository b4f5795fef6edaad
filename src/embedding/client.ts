import type { ProgressInfo } from '@huggingface/transformers';
import { RpcClient, type RpcWorker } from '../core/rpc';
import type { Pooling } from './catalogue';
import type {
  AgreementResult,
  BatchLimits,
  EmbeddingProgress,
  EmbeddingResults,
  EmbedProgress,
  EmbedResult,
  LoadResult,
  LoadSpec,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import { workerUnderPagePolicy } from './policyWorker';
// the built worker script's URL (Vite bundles it); started through a blob so it inherits the page's policy
import embedWorkerUrl from './embed.worker.ts?worker&url';

/**
 * Up to 8 texts or about 8,192 padded tokens per length-sorted batch: bounded memory, little
 * padding. Measured on a MiniLM-shaped encoder (BENCHMARKS.md): 8 was 1.15x faster than 32,
 * whose attention cost grows with the longest text squared, and 1.5x faster than unsorted 32.
 */
export const DEFAULT_BATCH: BatchLimits = { maxTexts: 8, maxTokens: 8192 };

/** The subset of Worker the client uses, so tests can supply a fake. */
export type WorkerLike = RpcWorker<WorkerRequest, WorkerResponse>;

function createDefaultWorker(): WorkerLike {
  return workerUnderPagePolicy(embedWorkerUrl, 'embedding') as WorkerLike;
}

/**
 * Typed, promise-based access to the embedding worker (generic RPC in core/rpc). Creates
 * the worker on first use; every request carries an id and its reply settles exactly that
 * request.
 */
export class EmbeddingClient {
  private readonly rpc: RpcClient<WorkerRequest, EmbeddingResults, EmbeddingProgress>;

  constructor(createWorker: () => WorkerLike = createDefaultWorker) {
    this.rpc = new RpcClient(createWorker, { name: 'embedding' });
  }

  load(spec: LoadSpec, onProgress?: (info: ProgressInfo) => void): Promise<LoadResult> {
    return this.rpc.request({ type: 'load', spec }, { onProgress });
  }

  embed(spec: LoadSpec, texts: string[], pooling: Pooling, onProgress?: (p: EmbedProgress) => void, batch: BatchLimits = DEFAULT_BATCH): Promise<EmbedResult> {
    return this.rpc.request({ type: 'embed', spec, texts, pooling, batch }, { onProgress });
  }

  /** Cosine agreement of the model on its device with the same model on WebAssembly, per text. */
  agreement(spec: LoadSpec, texts: string[], pooling: Pooling): Promise<AgreementResult> {
    return this.rpc.request({ type: 'agreement', spec, texts, pooling });
  }

  /** Stops all work at once; pending calls reject and the next call starts a fresh worker. */
  terminate(reason = 'Cancelled.'): void {
    this.rpc.terminate(reason);
  }
}
