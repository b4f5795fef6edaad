import type {
  AnalysisParams,
  AnalysisProgress,
  AnalysisProgressMap,
  AnalysisRequest,
  AnalysisResponse,
  AnalysisResults,
  ClusterResult,
  ProjectResult,
  SetDataResult,
  SweepResult,
} from './protocol';
import { RpcClient, type RpcWorker } from '../core/rpc';

/** The subset of Worker the client uses, so tests can supply a fake. */
export type AnalysisWorkerLike = RpcWorker<AnalysisRequest, AnalysisResponse>;

/** What setData sends: the set-data request without its id and type. */
export type AnalysisDataInput = AnalysisParams<'set-data'>;

function createDefaultWorker(): AnalysisWorkerLike {
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }) as AnalysisWorkerLike;
}

/**
 * Typed, promise-based access to the analysis worker. Creates the worker on first use;
 * every request carries an id and its reply settles exactly that request. The worker holds
 * the data from the last `setData`; `cluster`, `project` and `sweep` name it by dataKey and
 * reject (see isStaleDataError) if the worker holds other data or none.
 */
export class AnalysisClient {
  private readonly rpc: RpcClient<AnalysisRequest, AnalysisResults, AnalysisProgressMap>;
  /** What the current worker was last sent; a fresh object per setData, so a late failure clears only its own. */
  private sent: { dataKey: string } | null = null;

  constructor(createWorker: () => AnalysisWorkerLike = createDefaultWorker) {
    this.rpc = new RpcClient(createWorker, { name: 'analysis', onReset: () => (this.sent = null) });
  }

  /**
   * The dataKey of the data the current worker was last sent (set as soon as setData posts,
   * since the worker handles requests in order), or null if there is no worker, it was
   * terminated or crashed (its data went with it), or the last setData failed.
   */
  get dataKey(): string | null {
    return this.sent?.dataKey ?? null;
  }

  /**
   * Hands the data to the worker. `vectors`' buffer is transferred, not copied, so it is
   * detached here afterwards: pass a copy of any array you keep using (e.g. `.slice()`).
   * A view into a larger buffer is copied first rather than detaching that whole buffer.
   */
  setData(data: AnalysisDataInput): Promise<SetDataResult> {
    const { vectors: given, dataKey } = data;
    const ownsBuffer = given.buffer instanceof ArrayBuffer && given.byteOffset === 0 && given.byteLength === given.buffer.byteLength;
    const vectors = ownsBuffer ? given : given.slice();
    const done = this.rpc.request({ ...data, type: 'set-data', vectors }, { transfer: [vectors.buffer] });
    const sent = { dataKey };
    this.sent = sent;
    done.catch(() => {
      if (this.sent === sent) this.sent = null;
    });
    return done;
  }

  /** k-means with k clusters; progress once per iteration (total = the iteration cap, 100). */
  cluster(dataKey: string, k: number, seed: number, onProgress?: (p: AnalysisProgress) => void): Promise<ClusterResult> {
    return this.rpc.request({ type: 'cluster', dataKey, k, seed }, { onProgress });
  }

  /** A 2-D PCA of the data and every row's coordinates. */
  project(dataKey: string): Promise<ProjectResult> {
    return this.rpc.request({ type: 'project', dataKey });
  }

  /** Inertia and silhouette for each k; progress once per k. */
  sweep(dataKey: string, ks: number[], seed: number, onProgress?: (p: AnalysisProgress) => void): Promise<SweepResult> {
    return this.rpc.request({ type: 'sweep', dataKey, ks, seed }, { onProgress });
  }

  /** Stops all work at once; pending calls reject, the worker's data is gone, and the next call starts a fresh worker. */
  terminate(reason = 'Cancelled.'): void {
    this.rpc.terminate(reason);
  }
}
