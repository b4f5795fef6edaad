import type { ModelEntry } from './catalogue';

/*
 * Hub models with ONNX weights usable by transformers.js v4.
 *
 * Checked 2026-11-28, offline, against stored copies of the Hub pages (tree/…/onnx listings,
 * commit pages with LFS byte counts, config.json, 1_Pooling/config.json) and model cards.
 * The live Hub was not reachable, so every listing is "as of the newest stored copy".
 *
 * File names: transformers.js requests `onnx/model${suffix}.onnx`, suffix from
 * DEFAULT_DTYPE_SUFFIX_MAPPING in node_modules/@huggingface/transformers/src/utils/dtypes.js
 * (fp32 '', fp16 '_fp16', q8 '_quantized', q4 '_q4'); base name 'model' from
 * src/models/session_config.js, folder 'onnx' from src/utils/model_registry/get_model_files.js.
 *
 * Sizes are the Hub's listed sizes in MB (10^6 bytes) unless a comment says otherwise.
 * A dtype is listed only if its file was seen in that repo's onnx/ folder.
 *
 * Not verified / caveats:
 * - Several Xenova/* repos got extra files (model_q4.onnx, model_int8.onnx …) in a 2025 bulk
 *   update ("Add/update the quantized ONNX model files … for Transformers.js v3"). For
 *   Xenova/all-MiniLM-L6-v2, Xenova/bge-small-en-v1.5, Xenova/bge-base-en-v1.5 and
 *   Supabase/gte-small the newest stored listing predates that, so q4 is NOT listed for them
 *   even though it may exist now.
 * - nomic-ai/nomic-embed-text-v1.5: the newest stored listing has only model.onnx and
 *   model_quantized.onnx; third-party code also fetches model_fp16/int8/uint8/q4f16 from it,
 *   but those were not seen in a listing, so only fp32 and q8 are listed.
 * - mixedbread-ai/mxbai-embed-xsmall-v1: its README text could not be read. No query prompt is
 *   listed: config_sentence_transformers.json is 195 B (a prompt-less file; mxbai-embed-large-v1's
 *   grew to 263 B when its query prompt was added) and the card's sentence-transformers snippet
 *   passes no prompt. The vendor says it supports Matryoshka but names no trained sizes, so none
 *   are listed.
 * - mixedbread-ai/mxbai-embed-large-v1: the card says "supports Matryoshka Representation
 *   Learning" and its example truncates to 512; no full list of trained sizes was found, so only
 *   1024 and 512 are listed. CLS pooling is from the card's usage code (the 1_Pooling file body
 *   was not readable).
 * - paramsM for Xenova/all-MiniLM-L6-v2 is computed, not read: BERT with 6 layers, 384 hidden,
 *   1536 intermediate, 30522 vocab, 512 positions, plus pooler = 22.7M. Its card states no count.
 * - paramsM for gte-small, e5-small-v2 (33.4), bge-small-en-v1.5 (33.4) and bge-base-en-v1.5 (109)
 *   comes from third-party summaries of those cards (promptlayer.com, gigarouter.ai,
 *   unfragile.ai); the cards themselves give sizes in GB or not at all. Each agrees with the
 *   fp32 file size / 4 bytes, which the unit test checks for every entry.
 */
export const HUB_MODELS: readonly ModelEntry[] = [
  {
    // Files: huggingface.co/Xenova/all-MiniLM-L6-v2/tree/cb3d680149bf9a3209564e1b27ab3bb355b65707/onnx
    //   (model.onnx 90.4 MB, model_fp16.onnx 45.3 MB, model_quantized.onnx 23 MB).
    // Card (sentence-transformers/all-MiniLM-L6-v2): 384 dims, mean pooling, input truncated at
    //   256 word pieces, Apache-2.0, no prefixes.
    id: 'Xenova/all-MiniLM-L6-v2',
    label: 'all-MiniLM-L6-v2 (23M, 384d)',
    source: 'hub',
    paramsM: 22.7,
    dims: 384,
    maxTokens: 256,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 90.4 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 45.3 },
      q8: { file: 'model_quantized.onnx', sizeMB: 23 },
    },
    defaultDtype: 'q8',
    pooling: 'mean',
    queryPrefix: '',
    documentPrefix: '',
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/Xenova/all-MiniLM-L6-v2',
    description: 'The classic small sentence-transformers model: fast and tiny, but a general similarity model rather than a retrieval one.',
  },
  {
    // Files: huggingface.co/Snowflake/snowflake-arctic-embed-xs/tree/9740ec1b128b475d5188d885d68b8b6a7bf07549/onnx
    //   (model.onnx 90.4, model_fp16.onnx 45.3, model_quantized.onnx 23, model_q4.onnx 54.6 MB).
    // Card (huggingface.co/Snowflake/snowflake-arctic-embed-xs): 22M params, 384 dims, CLS
    //   pooling, query prefix "Represent this sentence for searching relevant passages: ",
    //   documents unprefixed, 512 tokens, Apache-2.0.
    id: 'Snowflake/snowflake-arctic-embed-xs',
    label: 'Arctic Embed XS (22M, 384d)',
    source: 'hub',
    paramsM: 22,
    dims: 384,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 90.4 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 45.3 },
      q8: { file: 'model_quantized.onnx', sizeMB: 23 },
      q4: { file: 'model_q4.onnx', sizeMB: 54.6 },
    },
    defaultDtype: 'q8',
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/Snowflake/snowflake-arctic-embed-xs',
    description: 'Smallest Snowflake retrieval model; MiniLM-sized but trained for query→document search.',
  },
  {
    // Files: huggingface.co/mixedbread-ai/mxbai-embed-xsmall-v1/tree/main/onnx
    //   (model.onnx 96, model_fp16.onnx 48.1, model_quantized.onnx 24.4, model_q4.onnx 60.2 MB);
    //   model_quantized.onnx is 24,448,010 B at revision b0561d9.
    // config.json: hidden_size 384, max_position_embeddings 4096. angle_config.json:
    //   pooling_strategy "avg" (mean), max_length 4096.
    // mixedbread.com/docs/…/mxbai-embed-xsmall-v1: 22.7M params, 384 dims, 4.1K context, Apache-2.0.
    // Prompt: none found (see note at top of file).
    id: 'mixedbread-ai/mxbai-embed-xsmall-v1',
    label: 'mxbai-embed-xsmall-v1 (23M, 384d, 4k context)',
    source: 'hub',
    paramsM: 22.7,
    dims: 384,
    maxTokens: 4096,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 96 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 48.1 },
      q8: { file: 'model_quantized.onnx', sizeMB: 24.4 },
      q4: { file: 'model_q4.onnx', sizeMB: 60.2 },
    },
    defaultDtype: 'q8',
    pooling: 'mean',
    queryPrefix: '',
    documentPrefix: '',
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/mixedbread-ai/mxbai-embed-xsmall-v1',
    description: 'MiniLM-based retrieval model from Mixedbread with a long (4k-token) context.',
  },
  {
    // Files: huggingface.co/Supabase/gte-small/tree/main/onnx
    //   (model.onnx 133, model_fp16.onnx 66.7, model_quantized.onnx 34 MB).
    // Card (huggingface.co/thenlper/gte-small, which Supabase/gte-small forks): 384 dims,
    //   512 sequence length, average (mean) pooling, MIT, no prefixes; 33.4M params (see top note).
    id: 'Supabase/gte-small',
    label: 'GTE-small (33M, 384d)',
    source: 'hub',
    paramsM: 33.4,
    dims: 384,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 133 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 66.7 },
      q8: { file: 'model_quantized.onnx', sizeMB: 34 },
    },
    defaultDtype: 'q8',
    pooling: 'mean',
    queryPrefix: '',
    documentPrefix: '',
    licence: 'MIT',
    url: 'https://huggingface.co/Supabase/gte-small',
    description: 'Alibaba GTE-small packaged by Supabase for transformers.js; strong for its size, no prompts needed.',
  },
  {
    // Files: huggingface.co/Xenova/bge-small-en-v1.5/tree/main/onnx
    //   (model.onnx 133, model_fp16.onnx 66.7, model_quantized.onnx 34 MB).
    // Card (huggingface.co/BAAI/bge-small-en-v1.5): 384 dims, 512 tokens, CLS
    //   pooling, query instruction "Represent this sentence for searching relevant passages: ",
    //   no instruction for passages, MIT. Params: see top note.
    id: 'Xenova/bge-small-en-v1.5',
    label: 'BGE-small-en v1.5 (33M, 384d)',
    source: 'hub',
    paramsM: 33.4,
    dims: 384,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 133 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 66.7 },
      q8: { file: 'model_quantized.onnx', sizeMB: 34 },
    },
    defaultDtype: 'q8',
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    licence: 'MIT',
    url: 'https://huggingface.co/Xenova/bge-small-en-v1.5',
    description: 'BAAI general embedding, small: a widely used retrieval baseline.',
  },
  {
    // Files: huggingface.co/Xenova/e5-small-v2/tree/main/onnx
    //   (model.onnx 133, model_fp16.onnx 66.7, model_quantized.onnx 34, model_q4.onnx 61.5 MB).
    // Card (huggingface.co/intfloat/e5-small-v2): 12 layers, 384 dims, average pooling,
    //   "query: " / "passage: " prefixes, truncated at 512 tokens, MIT; 33.4M params (see top note).
    id: 'Xenova/e5-small-v2',
    label: 'E5-small-v2 (33M, 384d)',
    source: 'hub',
    paramsM: 33.4,
    dims: 384,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 133 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 66.7 },
      q8: { file: 'model_quantized.onnx', sizeMB: 34 },
      q4: { file: 'model_q4.onnx', sizeMB: 61.5 },
    },
    defaultDtype: 'q8',
    pooling: 'mean',
    queryPrefix: 'query: ',
    documentPrefix: 'passage: ',
    licence: 'MIT',
    url: 'https://huggingface.co/Xenova/e5-small-v2',
    description: 'Microsoft E5 v2, small; needs "query: " / "passage: " prefixes, which the app adds.',
  },
  {
    // Files: commit huggingface.co/Snowflake/snowflake-arctic-embed-s/commit/e4bc0a21cded60cd49e5d6554a66ef49c4918898
    //   (merged as PR #4; LFS sizes model.onnx 133,093,492 B, model_fp16.onnx 66,749,214 B,
    //   model_quantized.onnx 34,015,111 B, model_q4.onnx 61,440,599 B).
    // Card (huggingface.co/Snowflake/snowflake-arctic-embed-s): 33M params, 384 dims, CLS pooling,
    //   query prefix "Represent this sentence for searching relevant passages: ", 512 tokens,
    //   Apache-2.0.
    id: 'Snowflake/snowflake-arctic-embed-s',
    label: 'Arctic Embed S (33M, 384d)',
    source: 'hub',
    paramsM: 33,
    dims: 384,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 133.1 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 66.7 },
      q8: { file: 'model_quantized.onnx', sizeMB: 34 },
      q4: { file: 'model_q4.onnx', sizeMB: 61.4 },
    },
    defaultDtype: 'q8',
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/Snowflake/snowflake-arctic-embed-s',
    description: 'Snowflake retrieval model at BGE-small size.',
  },
  {
    // Files: huggingface.co/Xenova/bge-base-en-v1.5/tree/main/onnx
    //   (model.onnx 436, model_fp16.onnx 218, model_quantized.onnx 110 MB).
    // Card (huggingface.co/BAAI/bge-base-en-v1.5): 768 dims, 512 tokens, CLS pooling, same
    //   query instruction as bge-small, MIT. Params: see top note.
    id: 'Xenova/bge-base-en-v1.5',
    label: 'BGE-base-en v1.5 (109M, 768d)',
    source: 'hub',
    paramsM: 109,
    dims: 768,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 436 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 218 },
      q8: { file: 'model_quantized.onnx', sizeMB: 110 },
    },
    defaultDtype: 'q8',
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    licence: 'MIT',
    url: 'https://huggingface.co/Xenova/bge-base-en-v1.5',
    description: 'BAAI general embedding, base size: noticeably better than small, about 3× slower.',
  },
  {
    // Files: commit huggingface.co/Snowflake/snowflake-arctic-embed-m-v1.5/commit/d0e645da7aa87c041b37518411390457c671aecd
    //   (merged as PR #1; LFS sizes model.onnx 435,939,137 B, model_fp16.onnx 218,155,826 B,
    //   model_quantized.onnx 110,145,162 B, model_q4.onnx 149,295,347 B).
    // Card (huggingface.co/Snowflake/snowflake-arctic-embed-m-v1.5): 109M params, 768 dims,
    //   trained with MRL for 256-dim truncation, query prefix "Represent this sentence for
    //   searching relevant passages: ", Apache-2.0. 1_Pooling/config.json: pooling_mode_cls_token true.
    id: 'Snowflake/snowflake-arctic-embed-m-v1.5',
    label: 'Arctic Embed M v1.5 (109M, 768d, Matryoshka)',
    source: 'hub',
    paramsM: 109,
    dims: 768,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 435.9 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 218.2 },
      q8: { file: 'model_quantized.onnx', sizeMB: 110.1 },
      q4: { file: 'model_q4.onnx', sizeMB: 149.3 },
    },
    defaultDtype: 'q8',
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    matryoshkaDims: [768, 256],
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/Snowflake/snowflake-arctic-embed-m-v1.5',
    description: 'Snowflake base-size retrieval model trained to be truncated to 256 dims with little loss.',
  },
  {
    // Files: huggingface.co/nomic-ai/nomic-embed-text-v1.5/tree/91d2d6bfdddf0b0da840f901b533e99bae30d757/onnx
    //   (model.onnx 548, model_quantized.onnx 138 MB; see note at top about other files).
    // config.json: model_type nomic_bert (supported by transformers.js: src/models/registry.js),
    //   n_embd 768, n_positions 8192. 1_Pooling/config.json (commit 51a9ea9): mean tokens.
    // Card (huggingface.co/nomic-ai/nomic-embed-text-v1.5): 137M params, 8192 context,
    //   "search_query: " / "search_document: " prefixes, Matryoshka 768/512/256/128/64, Apache-2.0.
    id: 'nomic-ai/nomic-embed-text-v1.5',
    label: 'Nomic Embed Text v1.5 (137M, 768d, Matryoshka, 8k context)',
    source: 'hub',
    paramsM: 137,
    dims: 768,
    maxTokens: 8192,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 548 },
      q8: { file: 'model_quantized.onnx', sizeMB: 138 },
    },
    defaultDtype: 'q8',
    pooling: 'mean',
    queryPrefix: 'search_query: ',
    documentPrefix: 'search_document: ',
    matryoshkaDims: [768, 512, 256, 128, 64],
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/nomic-ai/nomic-embed-text-v1.5',
    description: 'Long-context retrieval model with task prefixes; embeddings can be truncated down to 64 dims.',
  },
  {
    // Files: huggingface.co/mixedbread-ai/mxbai-embed-large-v1/tree/main/onnx
    //   (model.onnx 1.34 GB, model_fp16.onnx 669 MB, model_quantized.onnx 337 MB; no q4).
    // config.json: hidden_size 1024, 24 layers, max_position_embeddings 512.
    // Card (huggingface.co/mixedbread-ai/mxbai-embed-large-v1): query prompt "Represent this
    //   sentence for searching relevant passages: ", no prompt for documents, CLS pooling,
    //   supports Matryoshka (example truncate_dim=512), Apache-2.0; 335M params (BERT-large).
    id: 'mixedbread-ai/mxbai-embed-large-v1',
    label: 'mxbai-embed-large-v1 (335M, 1024d)',
    source: 'hub',
    paramsM: 335,
    dims: 1024,
    maxTokens: 512,
    dtypes: {
      fp32: { file: 'model.onnx', sizeMB: 1340 },
      fp16: { file: 'model_fp16.onnx', sizeMB: 669 },
      q8: { file: 'model_quantized.onnx', sizeMB: 337 },
    },
    defaultDtype: 'q8',
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    matryoshkaDims: [1024, 512],
    licence: 'Apache-2.0',
    url: 'https://huggingface.co/mixedbread-ai/mxbai-embed-large-v1',
    description: 'BERT-large retrieval model (the one the article used): best quality here, slowest and largest download.',
  },
];
