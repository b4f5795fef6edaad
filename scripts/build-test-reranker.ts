/**
 * Builds a tiny cross-encoder ("re-ranker") laid out like a Hugging Face Hub repo, for tests
 * that run the re-ranking stage through transformers.js against the stand-in Hub
 * (test/helpers/standInHub.ts):
 *
 *   npx tsx scripts/build-test-reranker.ts
 *
 * Output (commit it; tests never rebuild): test/fixtures/hub/test-org/tiny-rerank/
 *   config.json            model_type "bert", BertForSequenceClassification, one label
 *   tokenizer.json         the WordPiece tokenizer of the tiny embedding models (same vocabulary),
 *   tokenizer_config.json  whose pair template marks the document's tokens with token_type_id 1
 *   onnx/model.onnx            fp32
 *   onnx/model_quantized.onnx  q8 (int8 table, DequantizeLinear per row)
 *
 * The network is shaped like a sequence classifier: input_ids, attention_mask and
 * token_type_ids in, `logits` [batch, 1] out. It is not trained; it scores topic overlap:
 *   t[tok]  = one-hot topic of the token (software, data, health, …; zero for function words,
 *             letters and special tokens), from the vocabulary of scripts/build-test-models.ts
 *   q       = mean of t over the query's tokens    (attention_mask = 1, token_type_id = 0)
 *   d       = mean of t over the document's tokens (attention_mask = 1, token_type_id = 1)
 *   logit   = 8 · (q · d) − 2
 * So a document about the query's field scores higher than one about another field, whatever
 * the first-stage ranking said, and the score depends on both texts of the pair: enough to
 * see an order change. Padding does not change a score. Deterministic and byte-identical
 * on every rebuild.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVocabulary, HUB_FIXTURES_DIR } from './build-test-models.ts';
import { DataType, encodeModel, float32LE, int64LE, type NodeSpec, type TensorInit } from './model/onnx.ts';
import { buildTokenizerConfig, buildTokenizerJson } from './model/tokenizer.ts';

export const RERANKER_REPO = 'test-org/tiny-rerank';
export const RERANKER_DIR = path.join(HUB_FIXTURES_DIR, ...RERANKER_REPO.split('/'));
const MAX_LENGTH = 128;
const SCALE = 8;
const BIAS = -2;

export type RerankerDType = 'fp32' | 'q8';
export const RERANKER_FILES: Record<RerankerDType, string> = { fp32: 'onnx/model.onnx', q8: 'onnx/model_quantized.onnx' };

/** Row-major [vocab, topics] one-hot topic table. */
function topicTable(): { table: Float32Array; vocab: string[]; topics: number } {
  const entries = buildVocabulary();
  const topics = Math.max(...entries.map((e) => e.topic)) + 1;
  const table = new Float32Array(entries.length * topics);
  entries.forEach((e, row) => {
    if (e.topic >= 0) table[row * topics + e.topic] = 1;
  });
  return { table, vocab: entries.map((e) => e.token), topics };
}

function tableFragment(table: Float32Array, rows: number, cols: number, dtype: RerankerDType): { initializers: TensorInit[]; nodes: NodeSpec[] } {
  if (dtype === 'fp32') return { initializers: [{ name: 'topics', dataType: DataType.FLOAT, dims: [rows, cols], raw: float32LE(table) }], nodes: [] };
  // one-hot rows: 127 where the table has 1, scale 1/127, so dequantised values are ≈ 1
  const q = Int8Array.from(table, (v) => Math.round(v * 127));
  return {
    initializers: [
      { name: 'topics.int8', dataType: DataType.INT8, dims: [rows, cols], raw: new Uint8Array(q.buffer) },
      { name: 'topics.scale', dataType: DataType.FLOAT, dims: [rows], raw: float32LE(new Float32Array(rows).fill(1 / 127)) },
      { name: 'topics.zero_point', dataType: DataType.INT8, dims: [rows], raw: new Uint8Array(rows) },
    ],
    nodes: [
      { opType: 'DequantizeLinear', name: 'topics.dequantize', inputs: ['topics.int8', 'topics.scale', 'topics.zero_point'], outputs: ['topics'], intAttrs: { axis: 0 } },
    ],
  };
}

/** Sum over the sequence of `topic_rows` weighted by `weight` [B,S], divided by max(Σ weight, 1): [B, topics]. */
function weightedMean(weight: string, out: string): NodeSpec[] {
  return [
    { opType: 'Unsqueeze', name: `${out}.weight_3d`, inputs: [weight, 'axis_last'], outputs: [`${out}.w3`] },
    { opType: 'Mul', name: `${out}.weigh`, inputs: ['topic_rows', `${out}.w3`], outputs: [`${out}.weighted`] },
    { opType: 'ReduceSum', name: `${out}.sum`, inputs: [`${out}.weighted`, 'axis_seq'], outputs: [`${out}.sum`], intAttrs: { keepdims: 0 } },
    { opType: 'ReduceSum', name: `${out}.count`, inputs: [weight, 'axis_seq'], outputs: [`${out}.count`], intAttrs: { keepdims: 1 } },
    { opType: 'Max', name: `${out}.count_at_least_one`, inputs: [`${out}.count`, 'one_f'], outputs: [`${out}.count_safe`] },
    { opType: 'Div', name: `${out}.mean`, inputs: [`${out}.sum`, `${out}.count_safe`], outputs: [out] },
  ];
}

export function buildRerankerOnnx(dtype: RerankerDType): Uint8Array {
  const { table, vocab, topics } = topicTable();
  const stored = tableFragment(table, vocab.length, topics, dtype);
  const seq = ['batch_size', 'sequence_length'];
  return encodeModel({
    graphName: 'tiny_topic_cross_encoder',
    docString: `Tiny test re-ranker ${RERANKER_REPO} (${dtype}); logit = ${SCALE}·(query topics · document topics) ${BIAS}. Built by scripts/build-test-reranker.ts. Not a real model.`,
    producerName: 'candidate-search/scripts/build-test-reranker.ts',
    producerVersion: '1',
    initializers: [
      ...stored.initializers,
      { name: 'axis_last', dataType: DataType.INT64, dims: [1], raw: int64LE([-1n]) },
      { name: 'axis_seq', dataType: DataType.INT64, dims: [1], raw: int64LE([1n]) },
      { name: 'one_f', dataType: DataType.FLOAT, dims: [], raw: float32LE(Float32Array.of(1)) },
      { name: 'scale', dataType: DataType.FLOAT, dims: [], raw: float32LE(Float32Array.of(SCALE)) },
      { name: 'bias', dataType: DataType.FLOAT, dims: [], raw: float32LE(Float32Array.of(BIAS)) },
    ],
    nodes: [
      ...stored.nodes,
      { opType: 'Gather', name: 'gather_topics', inputs: ['topics', 'input_ids'], outputs: ['topic_rows'], intAttrs: { axis: 0 } },
      { opType: 'Cast', name: 'mask_to_float', inputs: ['attention_mask'], outputs: ['mask_f'], intAttrs: { to: DataType.FLOAT } },
      { opType: 'Cast', name: 'types_to_float', inputs: ['token_type_ids'], outputs: ['type_f'], intAttrs: { to: DataType.FLOAT } },
      { opType: 'Mul', name: 'document_weight', inputs: ['mask_f', 'type_f'], outputs: ['doc_w'] },
      { opType: 'Sub', name: 'query_weight', inputs: ['mask_f', 'doc_w'], outputs: ['query_w'] },
      ...weightedMean('query_w', 'query_topics'),
      ...weightedMean('doc_w', 'doc_topics'),
      { opType: 'Mul', name: 'overlap', inputs: ['query_topics', 'doc_topics'], outputs: ['overlap'] },
      { opType: 'ReduceSum', name: 'overlap_sum', inputs: ['overlap', 'axis_last'], outputs: ['similarity'], intAttrs: { keepdims: 1 } },
      { opType: 'Mul', name: 'scale_similarity', inputs: ['similarity', 'scale'], outputs: ['scaled'] },
      { opType: 'Add', name: 'add_bias', inputs: ['scaled', 'bias'], outputs: ['logits'] },
    ],
    inputs: [
      { name: 'input_ids', elemType: DataType.INT64, shape: seq },
      { name: 'attention_mask', elemType: DataType.INT64, shape: seq },
      { name: 'token_type_ids', elemType: DataType.INT64, shape: seq },
    ],
    outputs: [{ name: 'logits', elemType: DataType.FLOAT, shape: ['batch_size', 1] }],
    metadata: { 'candidate_search.test_model': RERANKER_REPO, 'candidate_search.dtype': dtype },
  });
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** Every file of the repo, by path inside it. */
export function buildRerankerFiles(): Record<string, Uint8Array | string> {
  const { vocab, topics } = topicTable();
  return {
    'config.json': json({
      architectures: ['BertForSequenceClassification'],
      model_type: 'bert',
      hidden_size: topics,
      vocab_size: vocab.length,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      intermediate_size: topics,
      max_position_embeddings: MAX_LENGTH,
      type_vocab_size: 2,
      pad_token_id: 0,
      id2label: { '0': 'LABEL_0' },
      label2id: { LABEL_0: 0 },
    }),
    'tokenizer.json': JSON.stringify(buildTokenizerJson(vocab)) + '\n',
    'tokenizer_config.json': json(buildTokenizerConfig(MAX_LENGTH)),
    [RERANKER_FILES.fp32]: buildRerankerOnnx('fp32'),
    [RERANKER_FILES.q8]: buildRerankerOnnx('q8'),
  };
}

function main(): void {
  rmSync(RERANKER_DIR, { recursive: true, force: true });
  for (const [name, data] of Object.entries(buildRerankerFiles())) {
    const file = path.join(RERANKER_DIR, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    console.log(`${String(size).padStart(7)} B  ${RERANKER_REPO}/${name}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
