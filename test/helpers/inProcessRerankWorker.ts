import { env } from '@huggingface/transformers';
import type { LoadSpec } from '../../src/embedding/protocol';
import type { RerankWorkerLike } from '../../src/embedding/rerankClient';
import { createRerankState, handleRerankRequest, type RerankState } from '../../src/embedding/rerankHandlers';
import type { RerankRequest, RerankResponse } from '../../src/embedding/rerankProtocol';

/**
 * Node's stand-in for transformers.js' browser settings: Hub files come from `spec.remoteHost`
 * (the stand-in Hub) into a file-system cache at `cacheDir` (Node has no Cache Storage, and
 * transformers.js in Node needs the FS cache to hand ONNX Runtime a file path).
 */
export function nodeConfigure(cacheDir: string): (spec: LoadSpec) => void {
  return (spec) => {
    env.remoteHost = spec.remoteHost;
    env.remotePathTemplate = '{model}/resolve/{revision}/';
    env.allowRemoteModels = spec.allowRemote;
    env.allowLocalModels = !spec.allowRemote;
    env.useBrowserCache = false;
    env.useFSCache = true;
    env.cacheDir = cacheDir;
  };
}

/**
 * The real re-ranking handlers (transformers.js + onnxruntime-node) behind the Worker
 * interface. After terminate() nothing more is delivered, as with a real worker; the work
 * already started finishes in the background, unobserved.
 */
export class InProcessRerankWorker implements RerankWorkerLike {
  onmessage: ((event: MessageEvent<RerankResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: RerankRequest[] = [];
  readonly state: RerankState;

  constructor(cacheDir: string) {
    this.state = createRerankState(nodeConfigure(cacheDir));
  }

  postMessage(message: RerankRequest, transfer: Transferable[]) {
    const req = structuredClone(message, { transfer });
    // onnxruntime-node runs on the CPU; the browser's WebAssembly device does not exist here
    req.spec = { ...req.spec, device: 'cpu' as LoadSpec['device'] };
    this.received.push(req);
    queueMicrotask(() => {
      if (this.terminated) return;
      void handleRerankRequest(this.state, req, (msg, list = []) => {
        const data = structuredClone(msg, { transfer: list });
        if (!this.terminated) this.onmessage?.({ data } as MessageEvent<RerankResponse>);
      });
    });
  }

  terminate() {
    this.terminated = true;
  }
}
