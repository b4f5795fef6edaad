/// <reference lib="webworker" />
/** Builds and queries the profiles' keyword index off the main thread (handlers in ./handlers). */
import { createKeywordState, handleKeywordRequest } from './handlers';
import type { KeywordRequest, KeywordResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const state = createKeywordState();

self.onmessage = (event: MessageEvent<KeywordRequest>) => {
  const req = event.data;
  try {
    const { result, transfer } = handleKeywordRequest(state, req);
    self.postMessage({ id: req.id, type: 'result', result } as KeywordResponse, transfer);
  } catch (err) {
    self.postMessage({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) } as KeywordResponse);
  }
};
