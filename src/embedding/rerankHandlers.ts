/**
 * The re-ranking worker's request handling as plain functions over an explicit state, so
 * Node tests run it without a Worker (test/helpers/inProcessRerankWorker.ts). The scoring
 * itself is in ./crossEncoder.
 */
import type { ProgressInfo } from '@huggingface/transformers';
import { assertUnreachable } from '../core/assert';
import { disposeCrossEncoder, loadCrossEncoder, scorePairs, type CrossEncoder } from './crossEncoder';
import type { LoadSpec } from './protocol';
import type { RerankRequest, RerankResponse } from './rerankProtocol';
import { configureTransformers } from './transformersEnv';

export interface RerankState {
  /** The loaded cross-encoder (one at a time: a re-ranker is switched rarely), by load key. */
  current: { key: string; encoder: Promise<CrossEncoder> } | null;
  /** Sets transformers.js' env for a load; Node tests replace it (no browser cache there). */
  configure: (spec: LoadSpec) => void;
}

export function createRerankState(configure: (spec: LoadSpec) => void = configureTransformers): RerankState {
  return { current: null, configure };
}

function keyOf(spec: LoadSpec): string {
  return `${spec.modelId}|${spec.dtype}|${spec.device}|${spec.remoteHost}`;
}

/** The shared load promise for `spec`; a failed load is forgotten so it can be retried, a replaced model is disposed. */
function getEncoder(state: RerankState, spec: LoadSpec, onProgress: (info: ProgressInfo) => void): Promise<CrossEncoder> {
  const key = keyOf(spec);
  if (state.current?.key === key) return state.current.encoder;
  const previous = state.current;
  // one load at a time: transformers.js' env is shared by the worker's loads (see embed.worker.ts)
  const settled = previous ? previous.encoder.then(() => undefined, () => undefined) : Promise.resolve();
  const encoder = settled.then(() => {
    state.configure(spec);
    return loadCrossEncoder(spec, onProgress);
  });
  state.current = { key, encoder };
  encoder.catch(() => {
    if (state.current?.encoder === encoder) state.current = null;
  });
  previous?.encoder.then(disposeCrossEncoder).catch(() => undefined);
  return encoder;
}

/** Answers one request through `post` (progress any number of times, then one result or error). */
export async function handleRerankRequest(state: RerankState, req: RerankRequest, post: (msg: RerankResponse, transfer?: Transferable[]) => void): Promise<void> {
  try {
    const onLoad = (info: ProgressInfo) => post({ id: req.id, type: 'progress', progress: info });
    switch (req.type) {
      case 'load': {
        const started = performance.now();
        await getEncoder(state, req.spec, onLoad);
        const { modelId, dtype, device } = req.spec;
        post({ id: req.id, type: 'result', result: { modelId, dtype, device, weights: '', loadMs: performance.now() - started } });
        return;
      }
      case 'score': {
        // download events belong to `load` (callers load first); a score reports pairs only
        const encoder = await getEncoder(state, req.spec, () => undefined);
        const started = performance.now();
        const total = req.documents.length;
        const scores = await scorePairs(encoder, req.query, req.documents, req.maxTokens, req.batch, (done) =>
          post({ id: req.id, type: 'progress', progress: { done, total, elapsedMs: performance.now() - started } }),
        );
        post({ id: req.id, type: 'result', result: { scores, elapsedMs: performance.now() - started } }, [scores.buffer]);
        return;
      }
      default:
        assertUnreachable(req);
    }
  } catch (err) {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
