/// <reference lib="webworker" />
/**
 * Owns the cross-encoder used to re-rank the top of a ranking, apart from the embedding
 * worker, so re-ranking never evicts the embedding model or delays a search. Request
 * handling is in ./rerankHandlers; cancelling terminates this worker.
 */
import { createRerankState, handleRerankRequest } from './rerankHandlers';
import type { RerankRequest, RerankResponse } from './rerankProtocol';

declare const self: DedicatedWorkerGlobalScope;

const state = createRerankState();

self.onmessage = (event: MessageEvent<RerankRequest>) => {
  void handleRerankRequest(state, event.data, (msg: RerankResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer));
};
