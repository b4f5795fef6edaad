/**
 * The embedding loop the worker runs (kept out of the worker file so Node tests can run it
 * with a real transformers.js pipeline): length-sorted batches, each tokenised with the
 * model's token limit applied, run through the model, pooled and normalised.
 *
 * Why not `extractor(texts, { pooling, normalize })`: the pipeline truncates only at the
 * tokenizer's `model_max_length`, which is often not the length the model was trained for
 * (all-MiniLM-L6-v2's tokenizer says 512, the model was trained on 256). So this tokenises
 * itself with `max_length`, and counts the texts that were cut, which the UI reports.
 */
import { mean_pooling, type FeatureExtractionPipeline, type Tensor } from '@huggingface/transformers';
import { estimateTokens, lengthSortedBatches } from '../core/batches';
import { zeroNonFiniteRows } from '../core/vectors';
import type { Pooling } from './catalogue';

export interface EmbedOptions {
  pooling: Pooling;
  /** Batch limits: texts per batch, and padded tokens per batch. */
  maxTexts: number;
  maxBatchTokens: number;
  /** The model's input limit in tokens (special tokens included); longer texts are cut at the end. */
  maxTokens: number;
}

export interface EmbeddedTexts {
  vectors: Float32Array;
  dim: number;
  /** How many texts were longer than `maxTokensApplied` tokens and were cut. */
  truncated: number;
  /** The limit applied: the model's maxTokens, or the tokenizer's own limit if that is lower. */
  maxTokensApplied: number;
}

/** Special tokens a tokenizer adds around a text; enough for every BERT/RoBERTa-style model. */
const SPECIAL_TOKEN_ALLOWANCE = 4;
const encoder = new TextEncoder();

/**
 * True when `text` may have more than `limit` tokens. No WordPiece or byte-level BPE token
 * is shorter than one UTF-8 byte, so a text of n bytes has at most n + specials tokens;
 * only texts above that bound need to be tokenised to be counted.
 */
function mayExceed(text: string, limit: number): boolean {
  return text.length * 3 + SPECIAL_TOKEN_ALLOWANCE > limit && encoder.encode(text).length + SPECIAL_TOKEN_ALLOWANCE > limit;
}

function pool(hidden: Tensor, attentionMask: Tensor, pooling: Pooling): Tensor {
  switch (pooling) {
    case 'mean':
      return mean_pooling(hidden, attentionMask);
    case 'cls':
      return hidden.slice(null, 0);
  }
}

export async function embedBatches(
  extractor: FeatureExtractionPipeline,
  texts: readonly string[],
  options: EmbedOptions,
  onBatch?: (done: number) => void,
): Promise<EmbeddedTexts> {
  const { tokenizer, model } = extractor;
  const limit = Math.max(1, Math.min(options.maxTokens, tokenizer.model_max_length ?? Infinity));
  // a text is never padded beyond the limit, so the batch estimate need not exceed it either
  const estimates = texts.map((t) => Math.min(estimateTokens(t), limit));
  const batches = lengthSortedBatches(estimates, options.maxTexts, options.maxBatchTokens);
  let vectors = new Float32Array(0);
  let dim = 0;
  let done = 0;
  let truncated = 0;
  for (const batch of batches) {
    const batchTexts = batch.map((i) => texts[i]);
    for (const text of batchTexts) {
      if (mayExceed(text, limit) && tokenizer.encode(text).length > limit) truncated++;
    }
    const inputs = tokenizer(batchTexts, { padding: true, truncation: true, max_length: limit });
    const outputs = (await model(inputs)) as Record<string, Tensor | undefined>;
    const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
    if (!hidden) throw new Error('The model returned no hidden states to pool.');
    const pooled = pool(hidden, inputs.attention_mask as Tensor, options.pooling).normalize(2, -1);
    const data = pooled.data as Float32Array;
    if (dim === 0) {
      dim = data.length / batch.length;
      vectors = new Float32Array(texts.length * dim);
    } else if (data.length !== batch.length * dim) {
      throw new Error(`The model returned ${data.length / batch.length} dimensions, expected ${dim}.`);
    }
    batch.forEach((textIndex, j) => vectors.set(data.subarray(j * dim, (j + 1) * dim), textIndex * dim));
    for (const t of Object.values(outputs)) t?.dispose?.();
    done += batch.length;
    onBatch?.(done);
  }
  zeroNonFiniteRows({ vectors, dim });
  return { vectors, dim, truncated, maxTokensApplied: limit };
}
