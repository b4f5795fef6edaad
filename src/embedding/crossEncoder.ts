/**
 * A cross-encoder through transformers.js: AutoTokenizer + AutoModelForSequenceClassification,
 * pairs tokenized as (query, document) with padding and truncation, score = sigmoid of the
 * single logit (as the model cards of ms-marco and mxbai re-rankers show). Runs in the
 * re-ranking worker and, unchanged, in Node tests against the stand-in Hub.
 */
import { AutoModelForSequenceClassification, AutoTokenizer, type PreTrainedModel, type PreTrainedTokenizer, type ProgressInfo, type Tensor } from '@huggingface/transformers';
import { estimateTokens, lengthSortedBatches } from '../core/batches';
import type { BatchLimits, LoadSpec } from './protocol';

export interface CrossEncoder {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
}

export async function loadCrossEncoder(spec: LoadSpec, onProgress?: (info: ProgressInfo) => void): Promise<CrossEncoder> {
  const options = { progress_callback: onProgress };
  const [tokenizer, model] = await Promise.allSettled([
    AutoTokenizer.from_pretrained(spec.modelId, options),
    AutoModelForSequenceClassification.from_pretrained(spec.modelId, { ...options, dtype: spec.dtype, device: spec.device }),
  ]);
  // The model's error says what is missing ("Could not locate file: …/config.json"); a
  // tokenizer of a missing repo only fails later, on an undefined config.
  if (model.status === 'rejected') throw model.reason;
  if (tokenizer.status === 'rejected') {
    await model.value.dispose();
    throw tokenizer.reason;
  }
  return { tokenizer: tokenizer.value, model: model.value };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Scores every (query, documents[i]) pair in length-sorted batches (so a batch pads little),
 * calling `onBatch` with the number done after each batch. Returns scores in document order.
 */
export async function scorePairs(
  encoder: CrossEncoder,
  query: string,
  documents: readonly string[],
  maxTokens: number,
  batch: BatchLimits,
  onBatch?: (done: number) => void,
): Promise<Float32Array> {
  const queryTokens = estimateTokens(query);
  const lengths = documents.map((d) => Math.min(maxTokens, queryTokens + estimateTokens(d)));
  const scores = new Float32Array(documents.length);
  let done = 0;
  for (const indices of lengthSortedBatches(lengths, batch.maxTexts, batch.maxTokens)) {
    const inputs = encoder.tokenizer(
      indices.map(() => query),
      { text_pair: indices.map((i) => documents[i]), padding: true, truncation: true, max_length: maxTokens },
    );
    const { logits } = (await encoder.model(inputs)) as { logits: Tensor };
    const [rows, labels] = logits.dims;
    if (rows !== indices.length || labels !== 1) {
      throw new Error(`This model is not a re-ranker: it gave ${labels} outputs per pair where a cross-encoder gives 1.`);
    }
    const data = logits.data as Float32Array;
    indices.forEach((docIndex, j) => (scores[docIndex] = sigmoid(data[j])));
    logits.dispose();
    done += indices.length;
    onBatch?.(done);
  }
  return scores;
}

/** Frees the model's ONNX session. */
export async function disposeCrossEncoder(encoder: CrossEncoder): Promise<void> {
  await encoder.model.dispose();
}
