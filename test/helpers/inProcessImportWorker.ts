import type { ImportWorkerLike } from '../../src/import/client';
import { createImportState, handleRequest } from '../../src/import/handlers';
import type { ImportRequest, ImportResponse } from '../../src/import/protocol';

/**
 * Runs the real import handlers in-process behind the Worker interface, asynchronously and
 * through structuredClone, as the real worker would. `hold` keeps parse requests waiting
 * until `release()` (to test progress and cancel).
 */
export class InProcessImportWorker implements ImportWorkerLike {
  onmessage: ((event: MessageEvent<ImportResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  private readonly state = createImportState();
  private held: (() => void)[] = [];
  constructor(private readonly hold = false) {}

  release(): void {
    for (const go of this.held.splice(0)) go();
  }

  postMessage(message: ImportRequest) {
    // jsdom's File does not survive structuredClone (the browser's does): hand it over as is
    const req = message.type === 'parse' && typeof message.source !== 'string' ? { ...message } : structuredClone(message);
    const send = (msg: ImportResponse) => {
      if (!this.terminated) this.onmessage?.({ data: structuredClone(msg) } as MessageEvent<ImportResponse>);
    };
    const run = async () => {
      if (this.terminated) return;
      await handleRequest(this.state, req, send);
    };
    if (this.hold && req.type === 'parse') {
      this.held.push(() => void run());
      send({ id: req.id, type: 'progress', progress: { phase: 'reading', done: 0, total: 1 } });
    } else queueMicrotask(() => void run());
  }

  terminate() {
    this.terminated = true;
  }
}
