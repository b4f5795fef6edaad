/// <reference lib="webworker" />
/**
 * Embeds with a lookup-table model (the bundled one) in plain JavaScript (tableEmbedder.ts):
 * no ONNX Runtime, so it answers a few hundred milliseconds after the page opens, while the
 * embedding worker is still fetching and compiling ONNX Runtime. Same protocol as that worker;
 * only `embed` requests come here (EmbeddingClient routes them).
 */
import { assertUnreachable, type LoadSpec, type WorkerRequest } from './protocol';
import { postToPage, serveRequests } from './serveWorker';
import { createTableEmbedder, TABLE_MODEL_FILES, type TableEmbedder } from './tableEmbedder';


const embedders = new Map<string, Promise<TableEmbedder>>();


async function fetchOk(url: URL): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not read ${url.pathname} (HTTP ${res.status}).`);
  return res;
}

/**
 * The model folder as an absolute URL. This worker runs from a blob: URL (policyWorker.ts),
 * which is no base for the root-relative `localModelPath`; the spec's wasm URLs are absolute
 * and on the app's origin, so they give it.
 */
function modelFolder(spec: LoadSpec): URL {
  return new URL(`${spec.localModelPath}${spec.modelId}/`, spec.wasmPaths.mjs);
}

function embedderFor(spec: LoadSpec): Promise<TableEmbedder> {
  let e = embedders.get(spec.modelId);
  if (!e) {
    const dir = modelFolder(spec);
    e = Promise.all([
      fetchOk(new URL(TABLE_MODEL_FILES.tokenizer, dir)).then((r) => r.json() as Promise<object>),
      fetchOk(new URL(TABLE_MODEL_FILES.config, dir)).then((r) => r.json() as Promise<{ model_max_length?: number }>),
      fetchOk(new URL(TABLE_MODEL_FILES.onnx, dir)).then((r) => r.arrayBuffer()),
    ]).then(([tokenizer, config, onnx]) => createTableEmbedder(tokenizer, config, new Uint8Array(onnx)));
    embedders.set(spec.modelId, e);
    e.catch(() => embedders.delete(spec.modelId));
  }
  return e;
}

async function handle(req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case 'embed': {
      const embedder = await embedderFor(req.spec);
      const started = performance.now();
      const out = embedder.embed(req.texts, req.spec.maxTokens);
      postToPage({ id: req.id, type: 'result', result: { ...out, elapsedMs: performance.now() - started } }, [out.vectors.buffer]);
      return;
    }
    case 'load':
    case 'agreement':
      throw new Error(`The table worker only embeds (asked to ${req.type}).`);
    default:
      assertUnreachable(req);
  }
}

serveRequests(handle);
