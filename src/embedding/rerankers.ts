import type { DType, DTypeFile } from './catalogue';

/**
 * Cross-encoder re-rankers usable by transformers.js (AutoModelForSequenceClassification with
 * one output logit; the score is its sigmoid).
 *
 * Checked 2026-11-28, offline, against stored copies of the Hub pages (tree/…/onnx listings
 * and model cards) found with the search tools; the live Hub was not reachable, so every
 * listing is "as of the newest stored copy". Sizes are the Hub's listed sizes in MB (10^6
 * bytes). A dtype is listed only if its file was seen in that repo's onnx/ folder; file names
 * follow transformers.js' suffixes (fp32 '', fp16 '_fp16', q8 '_quantized', q4 '_q4').
 *
 * Not verified / left out:
 * - Parameter counts of Xenova/ms-marco-MiniLM-L-6-v2 and Xenova/bge-reranker-base are not on
 *   their cards: they are the fp32 file size / 4 bytes, marked "computed".
 * - jinaai/jina-reranker-v1-tiny-en also has model_int8/uint8/bnb4.onnx; the app offers only
 *   the dtypes it names (fp32/fp16/q8/q4). Its ALiBi positions reach 8,192 tokens, but the app
 *   truncates every pair at `maxTokens` = 512 to bound the cost of scoring 50 pairs.
 * - Xenova/bge-reranker-base: the fp16 file was seen on the listing of refs/pr/3 at commit
 *   1e3f879 ("Upload fp16 ONNX weights"), which is the parent of main's commit 77dbd7b. Its
 *   maximum length is NOT verified: 512 is assumed (XLM-RoBERTa's usual limit; third-party usage
 *   code for BAAI/bge-reranker-base passes max_length=512); its tokenizer_config.json was not stored.
 * - Whether each model's ONNX export runs on WebGPU was not checked; the re-ranker runs on
 *   WebAssembly.
 */
export interface RerankerEntry {
  /** Hub model id passed to transformers.js. */
  id: string;
  label: string;
  /** Parameter count in millions, where known. */
  paramsM?: number;
  /** Each (job description, profile) pair is truncated to this many tokens. */
  maxTokens: number;
  dtypes: Partial<Record<DType, DTypeFile>>;
  defaultDtype: DType;
  licence: string;
  /** Model card. */
  url: string;
  description: string;
}

export const RERANKERS: readonly RerankerEntry[] = [
  {
    // Files: huggingface.co/Xenova/ms-marco-MiniLM-L-6-v2/tree/fec3517fe1016cfeee39338ef98ba76fc449dbcc/onnx
    //   (model.onnx 91 MB, model_fp16.onnx 45.6 MB, model_quantized.onnx 23.1 MB).
    // Card (huggingface.co/Xenova/ms-marco-MiniLM-L-6-v2, as its siblings L-2/L-4/L-12 read):
    //   cross-encoder/ms-marco-MiniLM-L-6-v2 with ONNX weights; usage = AutoTokenizer +
    //   AutoModelForSequenceClassification, tokenizer(queries, { text_pair, padding, truncation }).
    // Licence: Apache-2.0 (cross-encoder/ms-marco-MiniLM-L6-v2 card). Max length 512:
    //   model_max_length in the cross-encoder tokenizer_config.json (copy at sabaimran/ms-marco-MiniLM-L-6-v2).
    id: 'Xenova/ms-marco-MiniLM-L-6-v2',
    label: 'ms-marco MiniLM-L6 (23 MB q8)',
    paramsM: 22.7, // computed: 91 MB / 4 bytes
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 91 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 45.6 },
      q8: { file: 'model_quantized.onnx', sizeMB: 23.1 },
    },
    defaultDtype: 'q8',
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/Xenova/ms-marco-MiniLM-L-6-v2',
    description: 'The classic small MS MARCO passage re-ranker: 6 layers, fast, English.',
  },
  {
    // Files: huggingface.co/mixedbread-ai/mxbai-rerank-xsmall-v1/tree/d1ba0a474aeed7c9fa96c3f57b128277580c5fae/onnx
    //   (model.onnx 284 MB, model_quantized.onnx 87.2 MB).
    // Vendor page (mixedbread.com/docs/reranking/models/mxbai-rerank-xsmall-v1): 70M parameters,
    //   context window 512, English, Apache-2.0; sigmoid of the output for a 0–1 score
    //   (mixedbread.ai/docs/reranking/mxbai-rerank-xsmall-v1). DeBERTa-v2 architecture (Hub tags).
    id: 'mixedbread-ai/mxbai-rerank-xsmall-v1',
    label: 'mxbai-rerank xsmall (87 MB q8)',
    paramsM: 70,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 284 },
      q8: { file: 'model_quantized.onnx', sizeMB: 87.2 },
    },
    defaultDtype: 'q8',
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/mixedbread-ai/mxbai-rerank-xsmall-v1',
    description: 'The smallest Mixedbread re-ranker (DeBERTa-v3 xsmall), trained on LLM-ranked web search results.',
  },
  {
    // Files: huggingface.co/jinaai/jina-reranker-v1-tiny-en/tree/9c054fe228e2097efbe5744d807bdc4aec8915b4/onnx
    //   (model.onnx 132 MB, model_fp16.onnx 66.3 MB, model_quantized.onnx 33.4 MB, model_q4.onnx 101 MB,
    //   plus model_int8/uint8 33.4 MB and model_bnb4 99.9 MB).
    // Card (huggingface.co/jinaai/jina-reranker-v1-tiny-en): 4 layers, hidden 384, 33.0M
    //   parameters, up to 8,192 tokens (JinaBERT with ALiBi), Apache-2.0, English.
    id: 'jinaai/jina-reranker-v1-tiny-en',
    label: 'Jina reranker v1 tiny (33 MB q8)',
    paramsM: 33,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 132 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 66.3 },
      q8: { file: 'model_quantized.onnx', sizeMB: 33.4 },
      q4: { file: 'model_q4.onnx', sizeMB: 101 },
    },
    defaultDtype: 'q8',
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/jinaai/jina-reranker-v1-tiny-en',
    description: 'A 4-layer re-ranker distilled from Jina’s base re-ranker; reads long texts.',
  },
  {
    // Files: huggingface.co/Xenova/bge-reranker-base/tree/b4ea4663edc07ce975fadca89e44383333d7269f/onnx
    //   (model.onnx 1.11 GB, model_quantized.onnx 279 MB) and, after commit 1e3f879, model_fp16.onnx 556 MB.
    // Card: base_model BAAI/bge-reranker-base (commit 77dbd7b); that model is MIT-licensed
    //   (huggingface.co/BAAI/bge-reranker-base), XLM-RoBERTa, English and Chinese.
    id: 'Xenova/bge-reranker-base',
    label: 'BGE reranker base (279 MB q8)',
    paramsM: 278, // computed: 1.11 GB / 4 bytes
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 1110 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 556 },
      q8: { file: 'model_quantized.onnx', sizeMB: 279 },
    },
    defaultDtype: 'q8',
    licence: 'MIT',
    url: 'https://huggingface.co/Xenova/bge-reranker-base',
    description: 'The strongest and largest here (XLM-RoBERTa base); a big download for a browser.',
  },
];

export const DEFAULT_RERANKER_ID = RERANKERS[0].id;

export function findReranker(id: string): RerankerEntry | undefined {
  return RERANKERS.find((r) => r.id === id);
}

/** A re-ranker typed in by the user (or the tests' stand-in): q8 first, 512 tokens assumed. */
export function customReranker(id: string): RerankerEntry {
  return {
    id,
    label: `${id} (custom)`,
    maxTokens: 512,
    dtypes: { fp32: { file: 'model.onnx', sizeMB: 0 }, q8: { file: 'model_quantized.onnx', sizeMB: 0 } },
    defaultDtype: 'q8',
    licence: 'see the model card',
    url: `https://huggingface.co/${id}`,
    description: 'A re-ranker typed in by you: a sequence-classification model with one output is assumed.',
  };
}

export function resolveReranker(id: string): RerankerEntry {
  return findReranker(id) ?? customReranker(id);
}
