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
import { workerUnderPagePolicy } from './policyWorker';
// the built worker script's URL (Vite bundles it); started through a blob so it inherits the page's policy
import embedWorkerUrl from './embed.worker.ts?worker&url';
import tableWorkerUrl from './table.worker.ts?worker&url';

// defined with the protocol, so Node scripts can use it without this module's worker import
export { DEFAULT_BATCH } from './protocol';
import { DEFAULT_BATCH } from './protocol';

/** The subset of Worker the client uses, so tests can supply a fake. */
export type WorkerLike = RpcWorker<WorkerRequest, WorkerResponse>;

function createDefaultWorker(device: DeviceChoice): WorkerLike {
  return workerUnderPagePolicy(embedWorkerUrl, device === 'webgpu' ? 'embedding-webgpu' : 'embedding') as WorkerLike;
}

/** The worker that embeds lookup-table models in plain JavaScript (table.worker.ts). */
export function createTableWorker(): WorkerLike {
  return workerUnderPagePolicy(tableWorkerUrl, 'embedding-table') as WorkerLike;
}

function specKey(spec: LoadSpec): string {
  return `${spec.modelId}|${spec.dtype}|${spec.device}|${spec.remoteHost}`;
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
  private table: RpcClient<WorkerRequest, EmbeddingResults, EmbeddingProgress> | null = null;
  /** Models whose ONNX Runtime load has finished in their worker (keys as the worker's). */
  private readonly loaded = new Set<string>();

  /**
   * `createTable`: a worker for lookup-table models (createTableWorker). Given, a table model's
   * texts are embedded there until ONNX Runtime has loaded that model, so the first ranking
   * need not wait for the runtime; the vectors are the same bit for bit
   * (test/unit/lookupTable.test.ts).
   */
  constructor(
    private readonly createWorker: (device: DeviceChoice) => WorkerLike = createDefaultWorker,
    private readonly createTable: (() => WorkerLike) | null = null,
  ) {}

  private rpc(device: DeviceChoice): RpcClient<WorkerRequest, EmbeddingResults, EmbeddingProgress> {
    let rpc = this.rpcs.get(device);
    if (!rpc) this.rpcs.set(device, (rpc = new RpcClient(() => this.createWorker(device), { name: 'embedding', onReset: () => this.forget(device) })));
    return rpc;
  }

  /** A replaced worker takes its loaded models with it. */
  private forget(device: DeviceChoice): void {
    for (const key of [...this.loaded]) if (key.split('|')[2] === device) this.loaded.delete(key);
  }

  load(spec: LoadSpec, onProgress?: (info: ProgressInfo) => void): Promise<LoadResult> {
    return this.rpc(spec.device)
      .request({ type: 'load', spec }, { onProgress })
      .then((r) => {
        this.loaded.add(specKey(spec));
        return r;
      });
  }

  async embed(spec: LoadSpec, texts: string[], pooling: Pooling, onProgress?: (p: EmbedProgress) => void, batch: BatchLimits = DEFAULT_BATCH): Promise<EmbedResult> {
    if (spec.lookupTable && pooling === 'mean' && this.createTable && !this.loaded.has(specKey(spec))) {
      this.table ??= new RpcClient(this.createTable, { name: 'embedding' });
      try {
        const out = await this.table.request({ type: 'embed', spec, texts, pooling, batch });
        onProgress?.({ done: texts.length, total: texts.length, elapsedMs: out.elapsedMs });
        return out;
      } catch (err) {
        // cancelled: say so; any other failure (a file missing, say): ONNX Runtime answers instead
        if (!this.table) throw err;
      }
    }
    return this.rpc(spec.device).request({ type: 'embed', spec, texts, pooling, batch }, { onProgress });
  }

  /** Cosine agreement of the model on its device with the same model on WebAssembly, per text. */
  agreement(spec: LoadSpec, texts: string[], pooling: Pooling): Promise<AgreementResult> {
    return this.rpc(spec.device).request({ type: 'agreement', spec, texts, pooling });
  }

  /** Stops all work at once; pending calls reject and the next call starts a fresh worker. */
  terminate(reason = 'Cancelled.'): void {
    for (const rpc of this.rpcs.values()) rpc.terminate(reason);
    this.table?.terminate(reason);
    this.table = null;
    this.loaded.clear();
  }
}
