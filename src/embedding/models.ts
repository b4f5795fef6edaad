import type { ModelEntry } from './catalogue';

/** Hub models with ONNX weights usable by transformers.js. Filled in from the model cards. */
export const HUB_MODELS: readonly ModelEntry[] = [];
