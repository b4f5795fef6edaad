import type { DataType } from '@huggingface/transformers';

export type Pooling = 'mean' | 'cls';

/** What the app needs to know to load a model and feed it text the way it was trained. */
export interface ModelEntry {
  /** Model id passed to transformers.js (a folder under /models/ for bundled models). */
  id: string;
  label: string;
  /** Bundled models load from the app itself and never touch the network. */
  source: 'bundled' | 'hub';
  dtype: DataType;
  dims: number;
  pooling: Pooling;
  /** Prepended to job descriptions (queries). */
  queryPrefix: string;
  /** Prepended to profiles (documents). */
  documentPrefix: string;
  /** Download size of the weights for `dtype`, in megabytes. */
  sizeMB: number;
  description: string;
}

/** Ships in public/models/; built by scripts/build-bundled-model.ts. */
export const BUNDLED_MODEL: ModelEntry = {
  id: 'glove-sif-100d',
  label: 'GloVe-SIF 100d (bundled, offline)',
  source: 'bundled',
  dtype: 'q8',
  dims: 100,
  pooling: 'mean',
  queryPrefix: '',
  documentPrefix: '',
  sizeMB: 3.5,
  description:
    'GloVe 6B word vectors with SIF weighting, int8; a weighted bag of words that runs anywhere, instantly.',
};

export const CATALOGUE: readonly ModelEntry[] = [BUNDLED_MODEL];

export function findModel(id: string): ModelEntry | undefined {
  return CATALOGUE.find((m) => m.id === id);
}

export type TextKind = 'query' | 'document';

/** The exact text a model sees: the model's prefix for this kind of text, then the text. */
export function withPrefix(model: Pick<ModelEntry, 'queryPrefix' | 'documentPrefix'>, kind: TextKind, text: string): string {
  const prefix = kind === 'query' ? model.queryPrefix : model.documentPrefix;
  return prefix + text;
}
