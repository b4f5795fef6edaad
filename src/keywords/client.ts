import { RpcClient, type RpcWorker } from '../core/rpc';
import type { ExplainResult, IndexResult, KeywordProgressMap, KeywordRequest, KeywordResponse, KeywordResults, ScoreResult } from './protocol';

/** The subset of Worker the client uses, so tests can supply a fake. */
export type KeywordWorkerLike = RpcWorker<KeywordRequest, KeywordResponse>;

function createDefaultWorker(): KeywordWorkerLike {
  return new Worker(new URL('./keyword.worker.ts', import.meta.url), { type: 'module', name: 'keywords' }) as KeywordWorkerLike;
}

/**
 * Typed access to the keyword worker. The worker holds the index of the last `index` call;
 * requests run in order, so a `score` posted after an `index` sees that index.
 */
export class KeywordClient {
  private readonly rpc: RpcClient<KeywordRequest, KeywordResults, KeywordProgressMap>;
  /** The dataKey of the index the current worker was last sent, or null (none, failed, or the worker was replaced). */
  private sent: string | null = null;

  constructor(createWorker: () => KeywordWorkerLike = createDefaultWorker) {
    this.rpc = new RpcClient(createWorker, { name: 'keyword', onReset: () => (this.sent = null) });
  }

  get dataKey(): string | null {
    return this.sent;
  }

  index(dataKey: string, texts: string[]): Promise<IndexResult> {
    this.sent = dataKey;
    const done = this.rpc.request({ type: 'index', dataKey, texts });
    done.catch(() => {
      if (this.sent === dataKey) this.sent = null;
    });
    return done;
  }

  score(dataKey: string, query: string): Promise<ScoreResult> {
    return this.rpc.request({ type: 'score', dataKey, query });
  }

  explain(dataKey: string, query: string, docIndex: number): Promise<ExplainResult> {
    return this.rpc.request({ type: 'explain', dataKey, query, docIndex });
  }

  terminate(reason = 'Cancelled.'): void {
    this.rpc.terminate(reason);
  }
}
