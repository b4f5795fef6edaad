import type { AnalysisWorkerLike } from '../../src/analysis/client';
import { createAnalysisState, handleRequest, type AnalysisState } from '../../src/analysis/handlers';
import type { AnalysisRequest, AnalysisResponse } from '../../src/analysis/protocol';

type Handler = (req: AnalysisRequest, reply: (r: AnalysisResponse) => void) => void;

/** An analysis worker stand-in that answers each request through a handler, asynchronously like the real one. */
export class FakeAnalysisWorker implements AnalysisWorkerLike {
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: AnalysisRequest[] = [];
  transfers: Transferable[][] = [];
  constructor(private readonly handler: Handler = () => undefined) {}
  postMessage(req: AnalysisRequest, transfer: Transferable[]) {
    this.received.push(req);
    this.transfers.push(transfer);
    queueMicrotask(() => this.handler(req, (r) => this.reply(r)));
  }
  /** Delivers a reply now, as if the worker had posted it. */
  reply(r: AnalysisResponse) {
    this.onmessage?.({ data: r } as MessageEvent<AnalysisResponse>);
  }
  /** Raises a top-level worker error, as a failed script load does. */
  crash(message: string) {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

/**
 * Runs the real handlers in-process behind the Worker interface. Messages cross through
 * structuredClone with their transfer lists, so a transferred buffer is detached on the
 * sending side exactly as with a real worker.
 */
export class InProcessAnalysisWorker implements AnalysisWorkerLike {
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly state: AnalysisState = createAnalysisState();
  postMessage(message: AnalysisRequest, transfer: Transferable[]) {
    const req = structuredClone(message, { transfer });
    queueMicrotask(() => {
      if (this.terminated) return;
      const send = (msg: AnalysisResponse, list: Transferable[] = []) => {
        const data = structuredClone(msg, { transfer: list });
        if (!this.terminated) this.onmessage?.({ data } as MessageEvent<AnalysisResponse>);
      };
      try {
        const { result, transfer: out } = handleRequest(this.state, req, (progress) => send({ id: req.id, type: 'progress', progress }));
        send({ id: req.id, type: 'result', result }, out);
      } catch (err) {
        send({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    });
  }
  terminate() {
    this.terminated = true;
  }
}
