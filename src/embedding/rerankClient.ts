import type { ProgressInfo } from '@huggingface/transformers';
import { RpcClient, type RpcWorker } from '../core/rpc';
import { DEFAULT_BATCH } from './client';
import type { BatchLimits, LoadResult, LoadSpec } from './protocol';
import type { RerankProgress, RerankRequest, RerankResponse, RerankResults, ScoreProgress, ScoreResult } from './rerankProtocol';
import { workerUnderPagePolicy } from './policyWorker';
// the built worker script's URL (Vite bundles it); started through a blob so it inherits the page's policy
import rerankWorkerUrl from './rerank.worker.ts?worker&url';

export type RerankWorkerLike = RpcWorker<RerankRequest, RerankResponse>;

function createDefaultWorker(): RerankWorkerLike {
  return workerUnderPagePolicy(rerankWorkerUrl, 'rerank') as RerankWorkerLike;
}

/** Typed access to the re-ranking worker; `terminate()` cancels at once (the next call starts a fresh worker). */
export class RerankClient {
  private readonly rpc: RpcClient<RerankRequest, RerankResults, RerankProgress>;

  constructor(createWorker: () => RerankWorkerLike = createDefaultWorker) {
    this.rpc = new RpcClient(createWorker, { name: 're-ranking' });
  }

  load(spec: LoadSpec, onProgress?: (info: ProgressInfo) => void): Promise<LoadResult> {
    return this.rpc.request({ type: 'load', spec }, { onProgress });
  }

  score(spec: LoadSpec, query: string, documents: string[], maxTokens: number, onProgress?: (p: ScoreProgress) => void, batch: BatchLimits = DEFAULT_BATCH): Promise<ScoreResult> {
    return this.rpc.request({ type: 'score', spec, query, documents, maxTokens, batch }, { onProgress });
  }

  terminate(reason = 'Cancelled.'): void {
    this.rpc.terminate(reason);
  }
}
