/**
 * Builds a random-weight, realistically shaped BERT encoder (MiniLM-L6-like) as ONNX, laid
 * out like a Hugging Face Hub repo, for runtime benchmarks (scripts/bench-runtime.ts):
 * WebAssembly threads and batching need a model whose cost is in the graph (attention and
 * matrix products), not in a lookup table like the bundled model.
 *
 *   npx tsx scripts/build-bench-model.ts [--out /tmp/bench-models] [--check]
 *
 * Output (never in the repo; ~50 MB, rebuilt in seconds, deterministic):
 *   /tmp/bench-models/bench-org/minilm-shaped/{config.json, tokenizer.json, tokenizer_config.json,
 *     onnx/model.onnx (fp32), onnx/model_quantized.onnx (q8: int8 weights, see GraphBuilder.matMulQ8)}
 * `--check` then loads both in Node with transformers.js (onnxruntime-node) and checks that the
 * output has the right shape and is finite, and that q8 and fp32 agree (cosine of pooled vectors).
 *
 * Shape: 6 layers, hidden 384, 12 heads (head size 32), FFN 1536 (GELU, erf form), max 512
 * positions, post-LayerNorm BERT blocks, as exported by Optimum for
 * sentence-transformers/all-MiniLM-L6-v2, and built from the same standard ai.onnx opset 13
 * operators (Gather, Shape, Range, Add, MatMul, Reshape, Transpose, Softmax, Mul, Div, Sub,
 * Pow, Sqrt, ReduceMean, Erf, Cast, Unsqueeze), so ONNX Runtime applies the same fusions
 * (LayerNorm, GELU, MatMul+Add) as it would to the real export.
 *   embeddings = LayerNorm(word[input_ids] + position[0..seq) + token_type[0])
 *   per layer:  x = LayerNorm(x + SelfAttention(x, mask)); x = LayerNorm(x + W2·GELU(W1·x))
 *   attention mask → additive bias (1 − mask) · −10000 on the scores, as in the Hub exports
 * Inputs input_ids and attention_mask (int64 [batch, seq]); output last_hidden_state
 * (float32 [batch, seq, 384]).
 *
 * Weights: seeded (mulberry32), approximately normal with σ 0.02 (BERT's initialiser range),
 * biases 0, LayerNorm γ 1 β 0, so activations stay finite. Vectors carry no meaning.
 *
 * Tokenizer: BERT-uncased WordPiece (scripts/model/tokenizer.ts) over 8,192 entries: the
 * special tokens, single letters/digits and their "##" continuations, punctuation, the words
 * of the bundled profile texts (most frequent first), two-character "##" pieces, and
 * BERT-style [unusedN] slots up to 8,192; any other word splits into "##" pieces. So, as with a real BERT vocabulary, a text costs about one token
 * per word (more for rare words), and token counts scale with text length.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/core/random.ts';
import { profileToText } from '../src/data/profileText.ts';
import { readBundledDataset } from './lib/bundledData.ts';
import { DataType, IR_VERSION, OPSET } from './model/onnx.ts';
import { ProtoWriter } from './model/protobuf.ts';
import { buildTokenizerConfig, buildTokenizerJson, SPECIAL_TOKENS } from './model/tokenizer.ts';

export const BENCH_MODELS_DIR = '/tmp/bench-models';
export const BENCH_MODEL_ID = 'bench-org/minilm-shaped';

export const SHAPE = {
  layers: 6,
  hidden: 384,
  heads: 12,
  ffn: 1536,
  vocab: 8192,
  maxPositions: 512,
  typeVocab: 2,
} as const;
const SEED = 20261128;
const INIT_STD = 0.02;
const MASK_NEG = -10000;
const LN_EPS = 1e-12;

// ---------------------------------------------------------------------------------------
// Vocabulary.
// ---------------------------------------------------------------------------------------

const LETTERS_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCTUATION = ['.', ',', '-', '+', '#', '/', '(', ')', ':', ';', "'", '"', '&', '!', '?', '%', '$', '@', '*', '=', '·', '–', '—'];

/** Special tokens, characters and punctuation, then the corpus' most frequent words, up to `size`. */
export function buildBenchVocabulary(texts: readonly string[], size: number): string[] {
  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set(vocab);
  const add = (t: string) => {
    if (!seen.has(t) && vocab.length < size) {
      seen.add(t);
      vocab.push(t);
    }
  };
  for (const c of LETTERS_DIGITS) add(c);
  for (const c of LETTERS_DIGITS) add(`##${c}`);
  for (const p of PUNCTUATION) add(p);
  const counts = new Map<string, number>();
  for (const text of texts) {
    // BertNormalizer lowercases and strips accents; BertPreTokenizer splits on whitespace and punctuation.
    const normalized = text.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
    for (const w of normalized.split(/[^\p{L}\p{N}]+/u)) {
      if (/^[a-z0-9]+$/.test(w) && w.length > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [w] of byFrequency) add(w);
  // Two-character continuation pieces, then BERT-style [unusedN] slots, so the vocabulary
  // (and the embedding matrix) has its full size.
  for (const a of LETTERS_DIGITS) for (const b of LETTERS_DIGITS) add(`##${a}${b}`);
  for (let i = 0; vocab.length < size; i++) add(`[unused${i}]`);
  return vocab;
}

// ---------------------------------------------------------------------------------------
// ONNX encoding (like scripts/model/onnx.ts, plus INTS attributes for Transpose/ReduceMean).
// ---------------------------------------------------------------------------------------

type Dim = number | string;
type Attr = number | number[];

interface Node {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, Attr>;
}

interface Initializer {
  name: string;
  dataType: number;
  dims: number[];
  raw: Uint8Array;
}

interface ValueInfo {
  name: string;
  elemType: number;
  shape: Dim[];
}

/** AttributeProto.AttributeType. */
const ATTR_INT = 2;
const ATTR_INTS = 7;

function nodeProto(n: Node): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const [key, value] of Object.entries(n.attrs ?? {})) {
    const a = new ProtoWriter().string(1, key);
    if (Array.isArray(value)) a.packedInts(8, value).int(20, ATTR_INTS);
    else a.int(3, value).int(20, ATTR_INT);
    w.message(5, a);
  }
  return w;
}

function valueInfoProto(v: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, v.elemType).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

function tensorProto(t: Initializer): ProtoWriter {
  return new ProtoWriter().packedInts(1, t.dims).int(2, t.dataType).string(8, t.name).raw(9, t.raw);
}

function encode(nodes: Node[], initializers: Initializer[], inputs: ValueInfo[], outputs: ValueInfo[], doc: string, metadata: Record<string, string>): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of nodes) graph.message(1, nodeProto(n));
  graph.string(2, 'minilm_shaped_encoder');
  for (const t of initializers) graph.message(5, tensorProto(t));
  graph.string(10, doc);
  for (const i of inputs) graph.message(11, valueInfoProto(i));
  for (const o of outputs) graph.message(12, valueInfoProto(o));
  const model = new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'candidate-search/scripts/build-bench-model.ts')
    .string(3, '1')
    .int(5, 1)
    .string(6, doc)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, OPSET));
  for (const [key, value] of Object.entries(metadata)) model.message(14, new ProtoWriter().string(1, key).string(2, value));
  return model.bytes();
}

function f32Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

function i64Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return out;
}

// ---------------------------------------------------------------------------------------
// The graph.
// ---------------------------------------------------------------------------------------

class GraphBuilder {
  readonly nodes: Node[] = [];
  readonly initializers: Initializer[] = [];
  private readonly normal: () => number;
  parameters = 0;

  constructor(
    seed: number,
    /** int8 weights for the MatMuls of the linear layers (see matMulQ8). */
    private readonly quantized = false,
  ) {
    const u = mulberry32(seed);
    // Irwin–Hall of 4 uniforms: mean 0, variance 1/3 → scale to unit variance.
    const k = Math.sqrt(3);
    this.normal = () => (u() + u() + u() + u() - 2) * k;
  }

  op(opType: string, inputs: string[], output: string, attrs?: Record<string, Attr>): string {
    this.nodes.push({ opType, name: `${output}/${opType}`, inputs, outputs: [output], attrs });
    return output;
  }

  weight(name: string, dims: number[], init: 'normal' | 'zeros' | 'ones'): string {
    const n = dims.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    if (init === 'normal') for (let i = 0; i < n; i++) values[i] = this.normal() * INIT_STD;
    else if (init === 'ones') values.fill(1);
    this.initializers.push({ name, dataType: DataType.FLOAT, dims, raw: f32Bytes(values) });
    this.parameters += n;
    return name;
  }

  constF(name: string, value: number): string {
    this.initializers.push({ name, dataType: DataType.FLOAT, dims: [], raw: f32Bytes([value]) });
    return name;
  }

  constI64(name: string, values: number[], scalar = false): string {
    this.initializers.push({ name, dataType: DataType.INT64, dims: scalar ? [] : [values.length], raw: i64Bytes(values) });
    return name;
  }

  /** y = x·W + b with W [in, out] (MatMul then Add, as exported; ORT fuses them). */
  linear(prefix: string, x: string, inDim: number, outDim: number): string {
    const w = this.weight(`${prefix}.weight`, [inDim, outDim], 'normal');
    const b = this.weight(`${prefix}.bias`, [outDim], 'zeros');
    const product = this.quantized ? this.matMulQ8(prefix, x, w, [inDim, outDim]) : this.op('MatMul', [x, w], `${prefix}.matmul`);
    return this.op('Add', [product, b], `${prefix}.out`);
  }

  /** Activations quantized once per tensor, shared by the MatMuls that read it (Q, K and V), as quantize_dynamic does. */
  private readonly quantizedInputs = new Map<string, [string, string, string]>();

  /**
   * x·W in the pattern onnxruntime's `quantize_dynamic(weight_type=QInt8)` writes for a MatMul
   * with a constant weight (the Hub's `model_quantized.onnx` files): the weight as int8 with
   * one symmetric per-tensor scale (max |w| / 127, zero point 0), the activation quantized at
   * run time by DynamicQuantizeLinear (uint8), MatMulInteger, then Cast and the product of the
   * two scales. ONNX Runtime fuses this into DynamicQuantizeMatMul. The fp32 weight this replaces is
   * the same seeded draw, so both files hold the same model up to rounding.
   */
  private matMulQ8(prefix: string, x: string, w: string, dims: number[]): string {
    const init = this.initializers.pop()!; // the bias: keep it after the weight it belongs to
    const weight = this.initializers.pop()!;
    if (weight.name !== w) throw new Error(`matMulQ8: expected ${w}, found ${weight.name}`);
    const values = new Float32Array(weight.raw.buffer, weight.raw.byteOffset, weight.raw.byteLength / 4);
    let max = 0;
    for (const v of values) max = Math.max(max, Math.abs(v));
    const scale = max / 127 || 1;
    const q = new Int8Array(values.length);
    for (let i = 0; i < values.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(values[i] / scale)));
    this.initializers.push({ name: `${w}_quantized`, dataType: DataType.INT8, dims, raw: new Uint8Array(q.buffer) });
    this.initializers.push({ name: `${w}_scale`, dataType: DataType.FLOAT, dims: [], raw: f32Bytes([scale]) });
    this.initializers.push({ name: `${w}_zero_point`, dataType: DataType.INT8, dims: [], raw: new Uint8Array(1) });
    this.initializers.push(init);
    let xq = this.quantizedInputs.get(x);
    if (!xq) {
      xq = [`${x}_quantized`, `${x}_scale`, `${x}_zero_point`];
      this.nodes.push({ opType: 'DynamicQuantizeLinear', name: `${x}_QuantizeLinear`, inputs: [x], outputs: xq });
      this.quantizedInputs.set(x, xq);
    }
    const int32 = this.op('MatMulInteger', [xq[0], `${w}_quantized`, xq[2], `${w}_zero_point`], `${prefix}.matmul_int32`);
    const float = this.op('Cast', [int32], `${prefix}.matmul_cast`, { to: DataType.FLOAT });
    const scales = this.op('Mul', [xq[1], `${w}_scale`], `${prefix}.matmul_scale`);
    return this.op('Mul', [float, scales], `${prefix}.matmul`);
  }

  /** LayerNorm over the last axis, decomposed as in opset-13 exports (ORT fuses it). */
  layerNorm(prefix: string, x: string, dim: number): string {
    const gamma = this.weight(`${prefix}.weight`, [dim], 'ones');
    const beta = this.weight(`${prefix}.bias`, [dim], 'zeros');
    const mean = this.op('ReduceMean', [x], `${prefix}.mean`, { axes: [-1], keepdims: 1 });
    const centered = this.op('Sub', [x, mean], `${prefix}.centered`);
    const sq = this.op('Pow', [centered, 'const.two'], `${prefix}.sq`);
    const variance = this.op('ReduceMean', [sq], `${prefix}.var`, { axes: [-1], keepdims: 1 });
    const std = this.op('Sqrt', [this.op('Add', [variance, 'const.eps'], `${prefix}.var_eps`)], `${prefix}.std`);
    const normed = this.op('Div', [centered, std], `${prefix}.normed`);
    return this.op('Add', [this.op('Mul', [normed, gamma], `${prefix}.scaled`), beta], `${prefix}.out`);
  }
}

/** `q8`: the linear layers' MatMuls with int8 weights (matMulQ8); the same seeded weights otherwise. */
export function buildBenchOnnx(vocabSize: number, q8 = false): { onnx: Uint8Array; parameters: number } {
  const { layers, hidden: H, heads, ffn, maxPositions, typeVocab } = SHAPE;
  const headDim = H / heads;
  const g = new GraphBuilder(SEED, q8);
  g.constF('const.two', 2);
  g.constF('const.eps', LN_EPS);
  g.constF('const.one_f', 1);
  g.constF('const.mask_neg', MASK_NEG);
  g.constF('const.inv_sqrt_head', 1 / Math.sqrt(headDim));
  g.constF('const.sqrt2', Math.SQRT2);
  g.constF('const.half', 0.5);
  g.constI64('const.zero', [0], true);
  g.constI64('const.one', [1], true);
  g.constI64('const.mask_axes', [1, 2]);
  g.constI64('const.split_heads', [0, 0, heads, headDim]);
  g.constI64('const.merge_heads', [0, 0, H]);

  // Embeddings.
  const word = g.weight('embeddings.word_embeddings.weight', [vocabSize, H], 'normal');
  const position = g.weight('embeddings.position_embeddings.weight', [maxPositions, H], 'normal');
  const tokenType = g.weight('embeddings.token_type_embeddings.weight', [typeVocab, H], 'normal');
  const words = g.op('Gather', [word, 'input_ids'], 'embeddings.words', { axis: 0 });
  const shape = g.op('Shape', ['input_ids'], 'embeddings.ids_shape');
  const seqLen = g.op('Gather', [shape, 'const.one'], 'embeddings.seq_len', { axis: 0 });
  const positionIds = g.op('Range', ['const.zero', seqLen, 'const.one'], 'embeddings.position_ids');
  const positions = g.op('Gather', [position, positionIds], 'embeddings.positions', { axis: 0 });
  const type0 = g.op('Gather', [tokenType, 'const.zero'], 'embeddings.token_type0', { axis: 0 });
  let x = g.op('Add', [g.op('Add', [words, positions], 'embeddings.sum1'), type0], 'embeddings.sum');
  x = g.layerNorm('embeddings.LayerNorm', x, H);

  // Additive attention bias [batch, 1, 1, seq]: 0 for tokens, −10000 for padding.
  const maskF = g.op('Cast', ['attention_mask'], 'mask.float', { to: DataType.FLOAT });
  const mask4 = g.op('Unsqueeze', [maskF, 'const.mask_axes'], 'mask.4d');
  const bias = g.op('Mul', [g.op('Sub', ['const.one_f', mask4], 'mask.inverted'), 'const.mask_neg'], 'mask.bias');

  for (let l = 0; l < layers; l++) {
    const p = `encoder.layer.${l}`;
    const heads4 = (name: string, perm: number[]) =>
      g.op('Transpose', [g.op('Reshape', [g.linear(`${p}.attention.self.${name}`, x, H, H), 'const.split_heads'], `${p}.attention.self.${name}.split`)], `${p}.attention.self.${name}.heads`, { perm });
    const q = heads4('query', [0, 2, 1, 3]); // [b, h, s, d]
    const k = heads4('key', [0, 2, 3, 1]); // [b, h, d, s]
    const v = heads4('value', [0, 2, 1, 3]); // [b, h, s, d]
    const scores = g.op('Mul', [g.op('MatMul', [q, k], `${p}.attention.scores_raw`), 'const.inv_sqrt_head'], `${p}.attention.scores_scaled`);
    const probs = g.op('Softmax', [g.op('Add', [scores, bias], `${p}.attention.scores`)], `${p}.attention.probs`, { axis: -1 });
    const context = g.op('MatMul', [probs, v], `${p}.attention.context_heads`);
    const merged = g.op(
      'Reshape',
      [g.op('Transpose', [context], `${p}.attention.context_t`, { perm: [0, 2, 1, 3] }), 'const.merge_heads'],
      `${p}.attention.context`,
    );
    const attnOut = g.linear(`${p}.attention.output.dense`, merged, H, H);
    x = g.layerNorm(`${p}.attention.output.LayerNorm`, g.op('Add', [attnOut, x], `${p}.attention.residual`), H);

    const inter = g.linear(`${p}.intermediate.dense`, x, H, ffn);
    const erf = g.op('Erf', [g.op('Div', [inter, 'const.sqrt2'], `${p}.gelu.scaled`)], `${p}.gelu.erf`);
    const gelu = g.op('Mul', [g.op('Mul', [inter, g.op('Add', [erf, 'const.one_f'], `${p}.gelu.erf1`)], `${p}.gelu.xerf`), 'const.half'], `${p}.gelu.out`);
    const out = g.linear(`${p}.output.dense`, gelu, ffn, H);
    x = g.layerNorm(`${p}.output.LayerNorm`, g.op('Add', [out, x], `${p}.output.residual`), H);
  }
  g.op('Identity', [x], 'last_hidden_state');

  const seq: Dim[] = ['batch_size', 'sequence_length'];
  const doc = `Random-weight MiniLM-L6-shaped BERT encoder for runtime benchmarks (seed ${SEED}); built by scripts/build-bench-model.ts. Not a real model: its vectors mean nothing.`;
  const onnx = encode(
    g.nodes,
    g.initializers,
    [
      { name: 'input_ids', elemType: DataType.INT64, shape: seq },
      { name: 'attention_mask', elemType: DataType.INT64, shape: seq },
    ],
    [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: [...seq, H] }],
    doc,
    { 'candidate_search.bench_model': BENCH_MODEL_ID, 'candidate_search.seed': String(SEED) },
  );
  return { onnx, parameters: g.parameters };
}

function configJson(vocabSize: number): object {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: SHAPE.hidden,
    num_hidden_layers: SHAPE.layers,
    num_attention_heads: SHAPE.heads,
    intermediate_size: SHAPE.ffn,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: SHAPE.maxPositions,
    type_vocab_size: SHAPE.typeVocab,
    initializer_range: INIT_STD,
    layer_norm_eps: LN_EPS,
    vocab_size: vocabSize,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
  };
}

export function buildBenchRepo(): { files: Record<string, Uint8Array | string>; parameters: number; vocabSize: number } {
  const texts = readBundledDataset().profiles.map(profileToText);
  const vocab = buildBenchVocabulary(texts, SHAPE.vocab);
  const { onnx, parameters } = buildBenchOnnx(vocab.length);
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  return {
    files: {
      'config.json': json(configJson(vocab.length)),
      'tokenizer.json': JSON.stringify(buildTokenizerJson(vocab)) + '\n',
      'tokenizer_config.json': json(buildTokenizerConfig(SHAPE.maxPositions)),
      'onnx/model.onnx': onnx,
      'onnx/model_quantized.onnx': buildBenchOnnx(vocab.length, true).onnx,
      'README.md': `# ${BENCH_MODEL_ID}\n\nRandom weights, MiniLM-L6 shape. Built by scripts/build-bench-model.ts for scripts/bench-runtime.ts. Not a real model.\n`,
    },
    parameters,
    vocabSize: vocab.length,
  };
}

/** Writes the repo under `outDir` (default /tmp/bench-models) and returns its folder. */
export function writeBenchModel(outDir = BENCH_MODELS_DIR, log = console.log): string {
  const resolved = path.resolve(outDir);
  const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
  if (resolved === repoRoot || resolved.startsWith(repoRoot + path.sep)) throw new Error(`Refusing to write a ~50 MB bench model inside the repo (${resolved}); use a folder such as ${BENCH_MODELS_DIR}.`);
  const started = performance.now();
  const { files, parameters, vocabSize } = buildBenchRepo();
  const repoDir = path.join(resolved, BENCH_MODEL_ID);
  rmSync(repoDir, { recursive: true, force: true });
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(repoDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    log(`${createHash('sha256').update(data).digest('hex').slice(0, 16)}  ${(size / 1024 / 1024).toFixed(2).padStart(7)} MB  ${BENCH_MODEL_ID}/${name}`);
  }
  log(`${(parameters / 1e6).toFixed(1)} M parameters, vocabulary ${vocabSize}; built in ${((performance.now() - started) / 1000).toFixed(1)} s → ${repoDir}`);
  return repoDir;
}

/** Loads the model in Node with transformers.js and checks shape and finiteness. */
export async function checkInNode(outDir = BENCH_MODELS_DIR): Promise<void> {
  const { env, pipeline } = await import('@huggingface/transformers');
  env.localModelPath = path.resolve(outDir) + '/';
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  const extractor = await pipeline('feature-extraction', BENCH_MODEL_ID, { dtype: 'fp32' });
  const texts = ['Registered nurse on a busy surgical ward.', readBundledDataset().profiles.map(profileToText)[0]];
  const raw = await extractor(texts);
  const pooled = await extractor(texts, { pooling: 'mean', normalize: true });
  const data = raw.data as Float32Array;
  const finite = data.every(Number.isFinite);
  const lengths = texts.map((t) => (extractor.tokenizer(t).input_ids as { dims: number[] }).dims[1]);
  const p = pooled.data as Float32Array;
  let dot = 0;
  for (let i = 0; i < SHAPE.hidden; i++) dot += p[i] * p[SHAPE.hidden + i];
  console.log(`Node check: last_hidden_state dims [${raw.dims.join(', ')}], token counts [${lengths.join(', ')}], all finite: ${finite}, cosine(text 0, text 1) = ${dot.toFixed(3)}`);
  await extractor.dispose();
  if (!finite || raw.dims[2] !== SHAPE.hidden || pooled.dims[1] !== SHAPE.hidden) throw new Error('bench model check failed');
  // q8 holds the same weights up to int8 rounding: its pooled vectors must point the same way
  const q8 = await pipeline('feature-extraction', BENCH_MODEL_ID, { dtype: 'q8' });
  const pq = (await q8(texts, { pooling: 'mean', normalize: true })).data as Float32Array;
  await q8.dispose();
  const agree = [0, 1].map((t) => {
    let c = 0;
    for (let i = 0; i < SHAPE.hidden; i++) c += p[t * SHAPE.hidden + i] * pq[t * SHAPE.hidden + i];
    return c;
  });
  console.log(`Node check, q8: cosine(q8, fp32) per text = ${agree.map((c) => c.toFixed(4)).join(', ')}`);
  if (!agree.every((c) => c > 0.99)) throw new Error('bench model check failed: q8 disagrees with fp32');
}

function cliArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = cliArg('out') ?? BENCH_MODELS_DIR;
  writeBenchModel(out);
  if (process.argv.includes('--check')) {
    checkInNode(out).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  }
}
