/// <reference lib="webworker" />
/** Reads and parses imported files off the main thread (handlers in ./handlers). */
import { assertUnreachable } from '../core/assert';
import { createImportState, handleBuild, handleParse } from './handlers';
import type { ImportRequest, ImportResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const state = createImportState();

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const req = event.data;
  try {
    switch (req.type) {
      case 'parse': {
        const result = await handleParse(state, req.source, req.name, (progress) => self.postMessage({ id: req.id, type: 'progress', progress } as ImportResponse));
        self.postMessage({ id: req.id, type: 'result', result } as ImportResponse);
        return;
      }
      case 'build':
        self.postMessage({ id: req.id, type: 'result', result: handleBuild(state, req.mapping, req.kind, req.vectors) } as ImportResponse);
        return;
      default:
        assertUnreachable(req);
    }
  } catch (err) {
    self.postMessage({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) } as ImportResponse);
  }
};
