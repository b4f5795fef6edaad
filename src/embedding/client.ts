import type { ProgressInfo } from '@huggingface/transformers';
import type { Pooling } from './catalogue';
import type { AgreementResult, BatchLimits, EmbedProgress, EmbedResult, LoadResult, LoadSpec, WorkerRequest, WorkerResponse } from './protocol';

/** Up to 32 texts or about 8,192 padded tokens per batch: bounded memory, little padding. */
export const DEFAULT_BATCH: BatchLimits = { maxTexts: 32, maxTokens: 8192 };

/** The subset of Worker the client uses, so tests can supply a fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (err: Error) => void;
  onLoadProgress?: (info: ProgressInfo) => void;
  onEmbedProgress?: (p: EmbedProgress) => void;
}

type RequestBody<T extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: T }>, 'id'>;

function createDefaultWorker(): WorkerLike {
  return new Worker(new URL('./embed.worker.ts', import.meta.url), { type: 'module', name: 'embedding' }) as WorkerLike;
}

/**
 * Typed, promise-based access to the embedding worker. Creates the worker on first use;
 * every request carries an id and its reply settles exactly that request.
 */
export class EmbeddingClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly createWorker: () => WorkerLike = createDefaultWorker) {}

  load(spec: LoadSpec, onProgress?: (info: ProgressInfo) => void): Promise<LoadResult> {
    return this.request<LoadResult>({ type: 'load', spec }, { onLoadProgress: onProgress });
  }

  embed(spec: LoadSpec, texts: string[], pooling: Pooling, onProgress?: (p: EmbedProgress) => void, batch: BatchLimits = DEFAULT_BATCH): Promise<EmbedResult> {
    return this.request<EmbedResult>({ type: 'embed', spec, texts, pooling, batch }, { onEmbedProgress: onProgress });
  }

  /** Cosine agreement of the model on its device with the same model on WebAssembly, per text. */
  agreement(spec: LoadSpec, texts: string[], pooling: Pooling): Promise<AgreementResult> {
    return this.request<AgreementResult>({ type: 'agreement', spec, texts, pooling }, {});
  }

  /** True while a worker exists (a model may be loaded in it). */
  get active(): boolean {
    return this.worker !== null;
  }

  /** Stops all work at once; pending calls reject and the next call starts a fresh worker. */
  terminate(reason = 'Cancelled.'): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new Error(reason));
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e) => this.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      // A worker that throws at top level (e.g. its script failed to load) is unusable.
      this.worker?.terminate();
      this.worker = null;
      this.failAll(new Error(`The embedding worker failed: ${e.message || 'unknown error'}`));
    };
    this.worker = w;
    return w;
  }

  private request<T>(
    body: RequestBody<'load'> | RequestBody<'embed'> | RequestBody<'agreement'>,
    handlers: Pick<Pending, 'onLoadProgress' | 'onEmbedProgress'>,
  ): Promise<T> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: never) => void, reject, ...handlers });
      worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  private onMessage(msg: WorkerResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    switch (msg.type) {
      case 'load-progress':
        p.onLoadProgress?.(msg.info);
        return;
      case 'embed-progress':
        p.onEmbedProgress?.(msg.progress);
        return;
      case 'loaded':
      case 'embedded':
      case 'agreed':
        this.pending.delete(msg.id);
        p.resolve(msg.result as never);
        return;
      case 'error':
        this.pending.delete(msg.id);
        p.reject(new Error(msg.message));
        return;
    }
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}
