/**
 * (In core because both worker layers, embedding and analysis, share it; it only uses
 * message types, no DOM at run time.)
 * Generic request/reply plumbing for a dedicated worker: every request carries an id, the
 * worker answers with `progress` (any number), then exactly one `result` or `error` for
 * that id. The client creates the worker on first use, settles each call by its id, and
 * `terminate()` stops all work at once: pending calls reject and the next call starts a
 * fresh worker.
 *
 * Nothing here knows a protocol: a protocol is a request union (each member with `id` and
 * a literal `type`) plus two maps from request type to result and to progress payload.
 */

/** What every request has; members of a request union add their own fields. */
export interface RpcRequest {
  id: number;
  type: string;
}

/** The three replies a worker may send for a request id. */
export type RpcResponse<Result, Progress> =
  | { id: number; type: 'progress'; progress: Progress }
  | { id: number; type: 'result'; result: Result }
  | { id: number; type: 'error'; message: string };

/** One member of a request union, without its id (the client assigns ids). */
export type RequestBody<Req extends RpcRequest, K extends Req['type']> = Omit<Extract<Req, { type: K }>, 'id'>;

/** Result type per request type, and progress payload per request type (`never` when it reports none). */
export type ResultMap<Req extends RpcRequest> = { [K in Req['type']]: unknown };

/** The replies a worker for this protocol may send. */
export type ResponseOf<Req extends RpcRequest, Results extends ResultMap<Req>, Progress extends ResultMap<Req>> = RpcResponse<
  Results[Req['type']],
  Progress[Req['type']]
>;

/** The subset of Worker the client uses, so tests can supply a fake. */
export interface RpcWorker<Req, Res> {
  postMessage(message: Req, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<Res>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface CallOptions<P> {
  onProgress?: (progress: P) => void;
  /** Buffers to move to the worker instead of copying; the caller must not use them afterwards. */
  transfer?: Transferable[];
}

export interface RpcClientOptions {
  /** Used in error messages, e.g. 'analysis' gives "The analysis worker failed: ...". */
  name: string;
  /** Called whenever the worker is thrown away (terminate() or a top-level worker error), so callers can drop state that lived in it. */
  onReset?: () => void;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (err: Error) => void;
  onProgress?: (progress: never) => void;
}

export class RpcClient<Req extends RpcRequest, Results extends ResultMap<Req>, Progress extends ResultMap<Req>> {
  private worker: RpcWorker<Req, ResponseOf<Req, Results, Progress>> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly createWorker: () => RpcWorker<Req, ResponseOf<Req, Results, Progress>>,
    private readonly options: RpcClientOptions,
  ) {}

  /** Sends one request and resolves with the worker's result for its id. */
  request<K extends Req['type']>(body: RequestBody<Req, K> & { type: K }, call: CallOptions<Progress[K]> = {}): Promise<Results[K]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Results[K]>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: never) => void,
        reject,
        onProgress: call.onProgress as ((p: never) => void) | undefined,
      });
      try {
        worker.postMessage({ ...body, id } as unknown as Req, call.transfer ?? []);
      } catch (err) {
        // e.g. DataCloneError, or a buffer that was already transferred.
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Stops all work at once; pending calls reject and the next call starts a fresh worker. */
  terminate(reason = 'Cancelled.'): void {
    this.discardWorker();
    this.failAll(new Error(reason));
  }

  /** Number of calls still waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  private ensureWorker(): RpcWorker<Req, ResponseOf<Req, Results, Progress>> {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e) => this.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      // A worker that throws at top level (e.g. its script failed to load) is unusable.
      if (this.worker !== w) return;
      this.discardWorker();
      this.failAll(new Error(`The ${this.options.name} worker failed: ${e.message || 'unknown error'}`));
    };
    this.worker = w;
    return w;
  }

  private discardWorker(): void {
    const w = this.worker;
    this.worker = null;
    if (w) {
      w.onmessage = null;
      w.onerror = null;
      w.terminate();
    }
    this.options.onReset?.();
  }

  private onMessage(msg: RpcResponse<unknown, unknown>): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    switch (msg.type) {
      case 'progress':
        p.onProgress?.(msg.progress as never);
        return;
      case 'result':
        this.pending.delete(msg.id);
        p.resolve(msg.result as never);
        return;
      case 'error':
        this.pending.delete(msg.id);
        p.reject(new Error(msg.message));
        return;
      default: {
        // Only a broken worker sends anything else; fail the call rather than hang it.
        const unexpected: never = msg;
        this.pending.delete((unexpected as RpcRequest).id);
        p.reject(new Error(`The ${this.options.name} worker sent a reply of unknown type "${String((unexpected as { type?: unknown }).type)}".`));
      }
    }
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}

export { assertUnreachable } from './assert';
