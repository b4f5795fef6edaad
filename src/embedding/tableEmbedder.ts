/**
 * The bundled lookup-table model embedded in plain JavaScript: the model's own tokenizer
 * (@huggingface/tokenizers, the library transformers.js tokenizes with) and the table read
 * from its ONNX file (core/lookupTable). No ONNX Runtime session, so it is ready as soon as
 * three small files are read; the table worker (table.worker.ts) answers with it while ONNX
 * Runtime is still loading. Equal to the ONNX path: test/unit/lookupTable.test.ts.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { embedTokenIds, readLookupTable } from '../core/lookupTable';
import type { EmbeddedTexts } from './embedBatches';

export interface TableEmbedder {
  embed(texts: readonly string[], maxTokens: number): EmbeddedTexts;
}

/** The files the embedder is built from, relative to the model's folder. */
export const TABLE_MODEL_FILES = { tokenizer: 'tokenizer.json', config: 'tokenizer_config.json', onnx: 'onnx/model_quantized.onnx' } as const;

export function createTableEmbedder(tokenizerJson: object, tokenizerConfig: { model_max_length?: number }, onnx: Uint8Array): TableEmbedder {
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const table = readLookupTable(onnx);
  const { dim } = table;
  return {
    embed(texts, maxTokens) {
      // the limit embedBatches applies: the model's, or the tokenizer's if lower
      const limit = Math.max(1, Math.min(maxTokens, tokenizerConfig.model_max_length ?? Infinity));
      const vectors = new Float32Array(texts.length * dim);
      let truncated = 0;
      texts.forEach((text, i) => {
        // special tokens included and then cut at the end, as transformers.js' tokenizer call does
        const ids = tokenizer.encode(text).ids;
        if (ids.length > limit) truncated++;
        embedTokenIds(table, ids.length > limit ? ids.slice(0, limit) : ids, vectors.subarray(i * dim, (i + 1) * dim));
      });
      return { vectors, dim, truncated, maxTokensApplied: limit };
    },
  };
}
