import type { DataType } from '@huggingface/transformers';
import { HUB_MODELS } from './models';

export type Pooling = 'mean' | 'cls';

/** The quantizations the app offers; transformers.js maps each to an ONNX file suffix. */
export type DType = Extract<DataType, 'fp32' | 'fp16' | 'q8' | 'q4'>;
export const DTYPES: readonly DType[] = ['fp32', 'fp16', 'q8', 'q4'];

export interface DTypeFile {
  /** File under the model's onnx/ folder, e.g. "model_quantized.onnx" (what transformers.js requests). */
  file: string;
  /** Download size in megabytes (10^6 bytes), as listed on the Hub. */
  sizeMB: number;
}

/** What the app needs to know to load a model and feed it text the way it was trained. */
export interface ModelEntry {
  /** Model id passed to transformers.js (a folder under /models/ for bundled models). */
  id: string;
  label: string;
  /** Bundled models load from the app itself and never touch the network; 'api' models run on an endpoint the user configured (src/api). */
  source: 'bundled' | 'hub' | 'api';
  /** Parameter count in millions. */
  paramsM: number;
  dims: number;
  /** Longest input in tokens; longer texts are truncated by the tokenizer. */
  maxTokens: number;
  /** The ONNX weights that exist for each dtype. */
  dtypes: Partial<Record<DType, DTypeFile>>;
  defaultDtype: DType;
  pooling: Pooling;
  /** Prepended to job descriptions (queries). */
  queryPrefix: string;
  /** Prepended to profiles (documents). */
  documentPrefix: string;
  /** Truncation sizes the model was trained for (Matryoshka), largest first; absent if none. */
  matryoshkaDims?: number[];
  /** Changes when the weights behind `id` change, so cached embeddings of old weights are not reused. */
  revision?: string;
  licence: string;
  /** Model card. */
  url: string;
  description: string;
}

/** Ships in public/models/; built by scripts/build-bundled-model.ts. */
export const BUNDLED_MODEL: ModelEntry = {
  id: 'glove-sif-100d',
  label: 'GloVe-SIF 100d (bundled, offline)',
  source: 'bundled',
  paramsM: 3.0,
  dims: 100,
  maxTokens: 4096,
  dtypes: { q8: { file: 'model_quantized.onnx', sizeMB: 3.1 } },
  defaultDtype: 'q8',
  pooling: 'mean',
  queryPrefix: '',
  documentPrefix: '',
  // first 8 hex digits of onnx/model_quantized.onnx's sha256; update when the model is rebuilt
  revision: 'ec5c8ed0',
  licence: 'PDDL (GloVe vectors), MIT (wink packaging)',
  url: 'https://nlp.stanford.edu/projects/glove/',
  description: 'GloVe 6B word vectors with SIF weighting, int8; a weighted bag of words that runs anywhere, instantly.',
};

export const CATALOGUE: readonly ModelEntry[] = [BUNDLED_MODEL, ...HUB_MODELS];

/**
 * The entry for a Hub id that is not in the catalogue (typed in by the user, or given to
 * `npm run eval`): nothing is known about it, so mean pooling, no prefixes and 512 tokens are
 * assumed, and dims and sizes are 0 (unknown) until the model is loaded.
 */
export function customModel(id: string): ModelEntry {
  return {
    id,
    label: `${id} (custom)`,
    source: 'hub',
    paramsM: 0,
    dims: 0,
    maxTokens: 512,
    dtypes: Object.fromEntries(DTYPES.map((d) => [d, { file: '', sizeMB: 0 }])),
    defaultDtype: 'q8',
    pooling: 'mean',
    queryPrefix: '',
    documentPrefix: '',
    licence: 'see the model card',
    url: `https://huggingface.co/${id}`,
    description: 'A model typed in by you: mean pooling and no prefixes are assumed.',
  };
}

export function findModel(id: string): ModelEntry | undefined {
  return CATALOGUE.find((m) => m.id === id);
}

export type TextKind = 'query' | 'document';

/** The exact text a model sees: the model's prefix for this kind of text, then the text. */
export function withPrefix(model: Pick<ModelEntry, 'queryPrefix' | 'documentPrefix'>, kind: TextKind, text: string): string {
  const prefix = kind === 'query' ? model.queryPrefix : model.documentPrefix;
  return prefix + text;
}
