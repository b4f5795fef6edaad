/// <reference lib="webworker" />
/** Reads and parses imported files, and Hub datasets, off the main thread (handlers in ./handlers). */
import { createImportState, handleRequest } from './handlers';
import type { ImportRequest, ImportResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const state = createImportState();

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  void handleRequest(state, event.data, (msg: ImportResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer));
};
