/// <reference lib="webworker" />
/**
 * Runs clustering and projection off the main thread. Holds one dataset (sent by
 * `set-data`); the dispatch over request types (ending in assertUnreachable), the dataKey
 * checks and the choice of buffers to transfer are in ./handlers so Node tests run them,
 * and the maths is in src/core. Iteration caps: 100 per clustering, 30 per k in a sweep
 * (CLUSTER_MAX_ITERATIONS and SWEEP_MAX_ITERATIONS in ./handlers, which say why).
 *
 * Handlers are synchronous, so requests run one at a time in arrival order: a `cluster`
 * posted after a `set-data` always sees that data. To cancel, the client terminates the
 * worker (and with it the data).
 */
import { createAnalysisState, handleRequest } from './handlers';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const state = createAnalysisState();

function post(msg: AnalysisResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const req = event.data;
  try {
    const { result, transfer } = handleRequest(state, req, (progress) => post({ id: req.id, type: 'progress', progress }));
    post({ id: req.id, type: 'result', result }, transfer);
  } catch (err) {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
