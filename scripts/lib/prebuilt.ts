/**
 * Builds the prebuilt embeddings of the bundled profiles (src/embedding/prebuilt.ts): the
 * bundled model in Node (onnxruntime-node) through the worker's own embedding loop
 * (`embedBatches`, the app's batch limits and token limit), so the rows are the ones the app
 * would compute. Called by the Vite plugin in vite.config.ts on every `vite build`; the result
 * is kept under node_modules/.cache keyed by everything that changes it, so only the first
 * build after a change to the model or the profiles runs the model (a few seconds here).
 *
 *   npx tsx scripts/lib/prebuilt.ts   # builds (or finds) the file and prints where it is
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { hashText } from '../../src/core/textHash';
import { encodeVectorFile, type VectorFile } from '../../src/core/vectorFile';
import { profileToText } from '../../src/data/profileText';
import { BUNDLED_MODEL, withPrefix, type ModelEntry } from '../../src/embedding/catalogue';
import { DEFAULT_BATCH } from '../../src/embedding/protocol';
import { embedBatches } from '../../src/embedding/embedBatches';
import { cacheModelKey } from '../../src/embedding/embeddingCache';
import { prebuiltPath } from '../../src/embedding/prebuilt';
import { readBundledDataset } from './bundledData';

const MODELS_DIR = path.resolve('public/models');
const CACHE_DIR = path.resolve('node_modules/.cache/candidate-search');
/** Bump when the way rows are computed changes without the model files or texts changing. */
const RECIPE = 'embedBatches-v1';

/** The cache key the app computes for a bundled model's vectors on WebAssembly (store/modelActions.ts `cacheKeyFor`). */
export function bundledModelKey(model: ModelEntry = BUNDLED_MODEL): string {
  if (!model.revision) throw new Error(`${model.id} has no revision: its vectors cannot be keyed`);
  return cacheModelKey({ modelId: model.id, weights: model.revision, dtype: model.defaultDtype, device: 'wasm', dims: model.dims });
}

/** The texts the app embeds for the bundled profiles: the model's document prefix, then the profile text. */
export function bundledProfileTexts(model: ModelEntry = BUNDLED_MODEL, dataDir = 'public/data'): string[] {
  return readBundledDataset(dataDir).profiles.map((p) => withPrefix(model, 'document', profileToText(p)));
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The catalogue's revision must name the weights on disk, or the app's cache key would lie about them. */
function checkRevision(model: ModelEntry): void {
  const file = path.join(MODELS_DIR, model.id, 'onnx', model.dtypes[model.defaultDtype]?.file ?? '');
  const actual = sha256(file).slice(0, 8);
  if (actual !== model.revision) throw new Error(`${file} has sha256 ${actual}…, but the catalogue's revision is ${model.revision}: update BUNDLED_MODEL.revision`);
}

let loading: Promise<FeatureExtractionPipeline> | null = null;

function loadBundled(model: ModelEntry): Promise<FeatureExtractionPipeline> {
  env.localModelPath = `${MODELS_DIR}/`;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  return (loading ??= pipeline('feature-extraction', model.id, { dtype: model.defaultDtype }) as Promise<FeatureExtractionPipeline>);
}

/** Embeds the texts with the bundled model exactly as the app's worker does. */
export async function embedLikeTheApp(texts: readonly string[], model: ModelEntry = BUNDLED_MODEL): Promise<{ vectors: Float32Array; dim: number }> {
  const extractor = await loadBundled(model);
  const out = await embedBatches(extractor, texts, { pooling: model.pooling, maxTexts: DEFAULT_BATCH.maxTexts, maxBatchTokens: DEFAULT_BATCH.maxTokens, maxTokens: model.maxTokens });
  return { vectors: out.vectors, dim: out.dim };
}

export async function buildPrebuiltFile(texts: readonly string[] = bundledProfileTexts(), model: ModelEntry = BUNDLED_MODEL): Promise<VectorFile> {
  checkRevision(model);
  const { vectors, dim } = await embedLikeTheApp(texts, model);
  return { modelKey: bundledModelKey(model), dim, hashes: texts.map(hashText), vectors };
}

/** The file's name in the build and its bytes, from the cache when nothing that changes them has changed. */
export async function prebuiltAsset(model: ModelEntry = BUNDLED_MODEL): Promise<{ fileName: string; file: string }> {
  const texts = bundledProfileTexts(model);
  const modelDir = path.join(MODELS_DIR, model.id);
  const key = createHash('sha256')
    .update([RECIPE, bundledModelKey(model), sha256(path.join(modelDir, 'onnx', model.dtypes[model.defaultDtype]?.file ?? '')), sha256(path.join(modelDir, 'tokenizer.json')), ...texts].join('\0'))
    .digest('hex')
    .slice(0, 16);
  const cached = path.join(CACHE_DIR, `prebuilt-${model.id}-${key}.vec`);
  const fileName = prebuiltPath(model.id);
  if (!existsSync(cached)) {
    const bytes = encodeVectorFile(await buildPrebuiltFile(texts, model));
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cached, bytes);
  }
  return { fileName, file: cached };
}

// run by the Vite plugin in its own process (so the config never bundles transformers.js):
// prints { fileName, file } as JSON
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(JSON.stringify(await prebuiltAsset()));
}
