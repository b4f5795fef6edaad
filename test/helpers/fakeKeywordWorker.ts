import type { KeywordWorkerLike } from '../../src/keywords/client';
import { createKeywordState, handleKeywordRequest } from '../../src/keywords/handlers';
import type { KeywordRequest, KeywordResponse } from '../../src/keywords/protocol';

/**
 * Runs the real keyword handlers in-process behind the Worker interface, asynchronously and
 * through structuredClone with transfer lists, as a real worker would.
 */
export class InProcessKeywordWorker implements KeywordWorkerLike {
  onmessage: ((event: MessageEvent<KeywordResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: KeywordRequest[] = [];
  private readonly state = createKeywordState();
  constructor(private readonly fail: (req: KeywordRequest) => string | null = () => null) {}
  postMessage(message: KeywordRequest, transfer: Transferable[] = []) {
    const req = structuredClone(message, { transfer });
    this.received.push(req);
    queueMicrotask(() => {
      if (this.terminated) return;
      const send = (msg: KeywordResponse, list: Transferable[] = []) => {
        const data = structuredClone(msg, { transfer: list });
        if (!this.terminated) this.onmessage?.({ data } as MessageEvent<KeywordResponse>);
      };
      const failure = this.fail(req);
      if (failure) return send({ id: req.id, type: 'error', message: failure });
      try {
        const { result, transfer: out } = handleKeywordRequest(this.state, req);
        send({ id: req.id, type: 'result', result } as KeywordResponse, out);
      } catch (err) {
        send({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    });
  }
  terminate() {
    this.terminated = true;
  }
}
