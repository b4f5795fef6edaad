/// <reference lib="webworker" />
/**
 * The message loop shared by the workers that speak the embedding protocol (the ONNX Runtime
 * embedding worker and the bundled model's lookup-table worker): each request is handled, and
 * a failure is answered as an error for that request instead of being lost.
 */
import type { WorkerRequest, WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

export function postToPage(msg: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

export function serveRequests(handle: (req: WorkerRequest) => Promise<void>): void {
  self.onmessage = (event: MessageEvent<WorkerRequest>) => {
    const req = event.data;
    handle(req).catch((err: unknown) => {
      postToPage({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
    });
  };
}
