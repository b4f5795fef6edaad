/**
 * Builds tiny BERT-shaped embedding models, laid out like Hugging Face Hub repos, for tests
 * that exercise the Hub code paths of transformers.js against a local stand-in for the Hub
 * (test/helpers/standInHub.ts):
 *
 *   npx tsx scripts/build-test-models.ts
 *
 * Output (commit it; tests never rebuild): test/fixtures/hub/<org>/<name>/
 *   test-org/tiny-embed       hidden 32, fp32 + fp16 + q8 + q4 ONNX files (mean pooling)
 *   test-org/tiny-embed-cls   hidden 24, fp32 + q8 only (meant for CLS pooling)
 *   test-org/broken-embed     config and tokenizer fine, onnx/model_quantized.onnx is garbage
 *   test-org/prefix-probe     hidden 384, q8 only: the vector names the prefix (and, for "query", leans by the next word)
 *                             ("query", "passage" or anything else), to check prefixes end to end
 *
 * Every repo has config.json (model_type "bert"), tokenizer.json + tokenizer_config.json
 * (BERT-uncased WordPiece, a few hundred recruiting words plus single characters and "##"
 * continuation characters, so unknown ASCII words split into pieces as in real BERT; only
 * characters outside the vocabulary, such as emoji or CJK, become [UNK]) and onnx/model{suffix}.onnx
 * with transformers.js' dtype suffixes: fp32 "", fp16 "_fp16", q8 "_quantized", q4 "_q4".
 *
 * The network (one ONNX graph per dtype, same weights, different storage):
 *   emb     = word[input_ids] + type[token_type_ids] + position[0..seq)       [batch, seq, H]
 *   context = Σ_s emb·mask / max(Σ_s mask, 1)                                  [batch, 1, H]
 *   last_hidden_state = tanh(emb + context · W)                                [batch, seq, H]
 * The context term mixes the whole (unpadded) text into every position, so the [CLS] row
 * depends on the input and CLS pooling is meaningful; padding does not change the result.
 * Word vectors are a topic vector (software, data, health, finance, …) plus noise, so texts
 * about the same field land close together; function words get short vectors.
 *
 * Weight storage per dtype (all opset 13 standard operators, which ONNX Runtime's CPU and
 * WebAssembly builds implement):
 *   fp32 float32 initialisers.
 *   fp16 float16 initialisers, Cast to float32 before use; inputs and outputs stay float32/int64
 *        like a "keep_io_types" fp16 export, so transformers.js sees float32 last_hidden_state.
 *   q8   int8 per-row symmetric quantisation: DequantizeLinear(int8, scale[row], zero_point 0, axis 0).
 *   q4   word table and W packed two 4-bit values per byte (one float scale per row of H, i.e.
 *        block size 32 for hidden 32), unpacked with Cast/Mod/Div/Concat; position and type tables fp32.
 * So different dtypes give close but not identical vectors: sentence cosine to fp32 ≈ 0.99999
 * for fp16 and q8, ≈ 0.99 for q4.
 *
 * Deterministic: seeded (mulberry32 and Irwin–Hall noise, integer-exact arithmetic before the
 * float32 rounding) and written in a fixed order, so rebuilding gives byte-identical files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/core/random.ts';
import { encodeModel, type NodeSpec, type TensorInit } from './model/onnx.ts';
import { buildTokenizerConfig, buildTokenizerJson, SPECIAL_TOKENS } from './model/tokenizer.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HUB_FIXTURES_DIR = path.join(ROOT, 'test', 'fixtures', 'hub');
const ORG = 'test-org';

/** TensorProto.DataType values used here. */
const T = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 } as const;

export type TestDType = 'fp32' | 'fp16' | 'q8' | 'q4';
/** transformers.js' DEFAULT_DTYPE_SUFFIX_MAPPING for the dtypes built here. */
export const DTYPE_FILE: Record<TestDType, string> = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  q4: 'onnx/model_q4.onnx',
};

const MAX_POSITIONS = 128;
const TYPE_VOCAB = 2;

// ---------------------------------------------------------------------------------------
// Vocabulary: topic groups of recruiting words. A word listed twice keeps its first group.
// ---------------------------------------------------------------------------------------

/** Short vectors: words that say little about the field of a text. */
const FUNCTION_WORDS = `
the a an and or but of in on at to for with by from as is are was were be been being this that these those
it its we you they our your their who which what will can must should would have has had do does did not no
all any some more most other such than into over about up out new per via etc plus also very well able
year years experience team teams work working worked strong skills skill looking seeking role roles job jobs
position company based across within using used use help build building support day days week weeks
senior junior lead principal staff head chief intern internship graduate entry level mid remote hybrid onsite
office full part time contract freelance permanent temporary opportunity apply responsibilities requirements
`;

const TOPICS: Record<string, string> = {
  software: `
software engineer engineers engineering developer developers programmer programming code coding python javascript
typescript java kotlin swift rust go golang ruby rails php react angular vue node django flask spring backend
frontend fullstack web mobile ios android api apis rest graphql microservices docker kubernetes aws azure gcp
cloud devops sre linux git github terraform ci cd testing debugging architecture scalable distributed systems
infrastructure deployment latency reliability`,
  data: `
data scientist scientists analyst analysts analytics sql postgresql mysql database databases etl pipelines spark
hadoop kafka airflow snowflake tableau looker dashboards dashboard statistics statistical machine learning ml ai
nlp deep neural models modeling modelling forecasting regression experiments metrics bi warehouse insights`,
  product: `
product products manager managers management roadmap backlog prioritization prioritisation discovery stakeholders
stakeholder agile scrum kanban sprint owner ux ui designer designers design figma wireframes prototyping prototype
research usability user users launch strategy`,
  health: `
nurse nurses nursing registered rn patient patients care clinical hospital icu intensive unit medication physician
doctor pharmacist pharmacy therapist physiotherapist healthcare medical surgery surgical ward shifts night emergency
paramedic caregiver dental dentist`,
  finance: `
accountant accountants accounting bookkeeping bookkeeper payroll ledger ledgers reconciliation reconciling audit
auditor auditing tax taxation budget budgeting forecast finance financial controller invoices invoicing treasury
cpa excel reporting compliance`,
  sales: `
sales salesperson account accounts executive quota revenue prospecting leads crm salesforce negotiation clients
client customer customers marketing marketer seo sem campaigns branding brand content copywriting social media
advertising growth positioning messaging`,
  trades: `
driver drivers truck trucking delivery courier warehouse forklift logistics inventory shipping dispatch electrician
plumber welder welding mechanic carpenter construction maintenance hvac technician machinist manufacturing
production assembly operator`,
  people: `
recruiter recruiters recruiting recruitment hiring talent sourcing sourcer interview interviews interviewing
candidate candidates resume resumes cv portfolio onboarding hr people compensation benefits culture diversity
training`,
  education: `
teacher teachers teaching tutor tutoring curriculum classroom students school lecturer professor education`,
};

const LETTERS_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
/** Characters the BERT pre-tokeniser splits off as their own tokens. */
const PUNCTUATION = ['.', ',', '-', '+', '#', '/', '(', ')', ':', ';', "'", '&', '!', '?'];

interface VocabEntry {
  token: string;
  /** Index into TOPIC_NAMES, or -1 for no topic. */
  topic: number;
  /** Noise scale for the row. */
  noise: number;
}

const TOPIC_NAMES = Object.keys(TOPICS);

function words(block: string): string[] {
  return block.split(/\s+/).filter(Boolean);
}

export function buildVocabulary(): VocabEntry[] {
  const out: VocabEntry[] = SPECIAL_TOKENS.map((token) => ({ token, topic: -1, noise: token === '[PAD]' ? 0 : 0.3 }));
  const seen = new Set<string>(out.map((e) => e.token));
  const add = (token: string, topic: number, noise: number) => {
    if (seen.has(token)) return;
    if (!/^(##)?[a-z0-9]+$/.test(token) && !PUNCTUATION.includes(token)) throw new Error(`untokenizable vocabulary entry ${token}`);
    seen.add(token);
    out.push({ token, topic, noise });
  };
  for (const w of words(FUNCTION_WORDS)) add(w, -1, 0.25);
  TOPIC_NAMES.forEach((name, topic) => {
    for (const w of words(TOPICS[name])) add(w, topic, 0.55);
  });
  for (const c of LETTERS_DIGITS) add(c, -1, 0.2);
  for (const c of LETTERS_DIGITS) add(`##${c}`, -1, 0.2);
  for (const p of PUNCTUATION) add(p, -1, 0.1);
  return out;
}

// ---------------------------------------------------------------------------------------
// Seeded weights.
// ---------------------------------------------------------------------------------------

/** Approximately N(0, 1): Irwin–Hall sum of 12 uniforms minus 6. Pure +,−, so bit-exact everywhere. */
function normalSampler(seed: number): () => number {
  const u = mulberry32(seed);
  return () => {
    let s = 0;
    for (let i = 0; i < 12; i++) s += u();
    return s - 6;
  };
}

export interface Weights {
  vocabSize: number;
  hidden: number;
  /** Row-major float32 matrices. */
  word: Float32Array; // [vocabSize, hidden]
  type: Float32Array; // [TYPE_VOCAB, hidden]
  position: Float32Array; // [MAX_POSITIONS, hidden]
  mix: Float32Array; // [hidden, hidden]
}

function buildWeights(vocab: VocabEntry[], hidden: number, seed: number): Weights {
  const normal = normalSampler(seed);
  const topicVectors = TOPIC_NAMES.map(() => Float64Array.from({ length: hidden }, () => normal() * 0.5));
  const word = new Float32Array(vocab.length * hidden);
  vocab.forEach((entry, row) => {
    for (let j = 0; j < hidden; j++) {
      const base = entry.topic >= 0 ? topicVectors[entry.topic][j] : 0;
      word[row * hidden + j] = base + normal() * entry.noise * 0.5;
    }
  });
  const type = Float32Array.from({ length: TYPE_VOCAB * hidden }, () => normal() * 0.05);
  const position = Float32Array.from({ length: MAX_POSITIONS * hidden }, () => normal() * 0.05);
  const mix = new Float32Array(hidden * hidden);
  for (let i = 0; i < hidden; i++) {
    for (let j = 0; j < hidden; j++) mix[i * hidden + j] = (i === j ? 0.8 : 0) + normal() * (0.3 / Math.sqrt(hidden));
  }
  return { vocabSize: vocab.length, hidden, word, type, position, mix };
}

// ---------------------------------------------------------------------------------------
// Tensor encodings.
// ---------------------------------------------------------------------------------------

function f32Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

function i64Bytes(values: bigint[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return out;
}

function i32Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setInt32(i * 4, v, true));
  return out;
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** IEEE 754 binary16 bits of a float32 value, round to nearest, ties to even. */
export function float16Bits(value: number): number {
  f32Scratch[0] = value;
  const x = u32Scratch[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++; // a carry rolls into the exponent correctly
  return sign | half;
}

function f16Bytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(i * 2, float16Bits(values[i]), true);
  return out;
}

/** Symmetric per-row int8: q = round(x / s), s = max|row| / 127. */
function quantizeInt8(m: Float32Array, rows: number, cols: number): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(m[r * cols + c]));
    const s = Math.fround(max > 0 ? max / 127 : 1);
    scale[r] = s;
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(m[r * cols + c] / s)));
  }
  return { q, scale };
}

/**
 * Symmetric per-row 4-bit: q = clamp(round(x / s), −8, 7), s = max|row| / 7, stored as q + 8.
 * Byte j of a row holds column j in the low nibble and column j + cols/2 in the high nibble,
 * so unpacking is Concat(byte mod 16, byte div 16) along the row.
 */
function quantizeInt4(m: Float32Array, rows: number, cols: number): { packed: Uint8Array; scale: Float32Array } {
  if (cols % 2) throw new Error('4-bit packing needs an even row length');
  const half = cols / 2;
  const packed = new Uint8Array(rows * half);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(m[r * cols + c]));
    const s = Math.fround(max > 0 ? max / 7 : 1);
    scale[r] = s;
    const q = (c: number) => Math.max(-8, Math.min(7, Math.round(m[r * cols + c] / s))) + 8;
    for (let j = 0; j < half; j++) packed[r * half + j] = q(j) | (q(j + half) << 4);
  }
  return { packed, scale };
}

// ---------------------------------------------------------------------------------------
// ONNX graphs.
// ---------------------------------------------------------------------------------------

interface Fragment {
  initializers: TensorInit[];
  nodes: NodeSpec[];
}

/** Produces float32 tensor `name` ([rows, cols]) from the dtype's stored form. */
function storedMatrix(name: string, m: Float32Array, rows: number, cols: number, storage: 'fp32' | 'fp16' | 'q8' | 'q4'): Fragment {
  switch (storage) {
    case 'fp32':
      return { initializers: [{ name, dataType: T.FLOAT, dims: [rows, cols], raw: f32Bytes(m) }], nodes: [] };
    case 'fp16':
      return {
        initializers: [{ name: `${name}.fp16`, dataType: T.FLOAT16, dims: [rows, cols], raw: f16Bytes(m) }],
        nodes: [{ opType: 'Cast', name: `${name}.to_float`, inputs: [`${name}.fp16`], outputs: [name], intAttrs: { to: T.FLOAT } }],
      };
    case 'q8': {
      const { q, scale } = quantizeInt8(m, rows, cols);
      return {
        initializers: [
          { name: `${name}.int8`, dataType: T.INT8, dims: [rows, cols], raw: new Uint8Array(q.buffer) },
          { name: `${name}.scale`, dataType: T.FLOAT, dims: [rows], raw: f32Bytes(scale) },
          { name: `${name}.zero_point`, dataType: T.INT8, dims: [rows], raw: new Uint8Array(rows) },
        ],
        nodes: [
          {
            opType: 'DequantizeLinear',
            name: `${name}.dequantize`,
            inputs: [`${name}.int8`, `${name}.scale`, `${name}.zero_point`],
            outputs: [name],
            intAttrs: { axis: 0 },
          },
        ],
      };
    }
    case 'q4': {
      const { packed, scale } = quantizeInt4(m, rows, cols);
      const n = (s: string) => `${name}.${s}`;
      return {
        initializers: [
          { name: n('uint4x2'), dataType: T.UINT8, dims: [rows, cols / 2], raw: packed },
          { name: n('q4_scale'), dataType: T.FLOAT, dims: [rows, 1], raw: f32Bytes(scale) },
        ],
        nodes: [
          { opType: 'Cast', name: n('bytes_to_int32'), inputs: [n('uint4x2')], outputs: [n('bytes')], intAttrs: { to: T.INT32 } },
          { opType: 'Mod', name: n('low_nibble'), inputs: [n('bytes'), 'q4.sixteen'], outputs: [n('low')] },
          { opType: 'Div', name: n('high_nibble'), inputs: [n('bytes'), 'q4.sixteen'], outputs: [n('high')] },
          { opType: 'Concat', name: n('unpack'), inputs: [n('low'), n('high')], outputs: [n('codes')], intAttrs: { axis: 1 } },
          { opType: 'Cast', name: n('codes_to_float'), inputs: [n('codes')], outputs: [n('codes_f')], intAttrs: { to: T.FLOAT } },
          { opType: 'Sub', name: n('center'), inputs: [n('codes_f'), 'q4.eight'], outputs: [n('centered')] },
          { opType: 'Mul', name: n('dequantize'), inputs: [n('centered'), n('q4_scale')], outputs: [name] },
        ],
      };
    }
  }
}

const scalarI64 = (name: string, v: bigint): TensorInit => ({ name, dataType: T.INT64, dims: [], raw: i64Bytes([v]) });

export function buildOnnx(w: Weights, dtype: TestDType, docString: string, metadata: Record<string, string>): Uint8Array {
  const H = w.hidden;
  const tableStorage = dtype;
  // q4 keeps the small position and token-type tables in fp32 (4-bit applies to the big matrices).
  const smallStorage = dtype === 'q4' ? 'fp32' : dtype;
  const parts: Fragment[] = [
    storedMatrix('word_embeddings', w.word, w.vocabSize, H, tableStorage),
    storedMatrix('token_type_embeddings', w.type, TYPE_VOCAB, H, smallStorage),
    storedMatrix('position_embeddings', w.position, MAX_POSITIONS, H, smallStorage),
    storedMatrix('context_mix', w.mix, H, H, tableStorage),
  ];
  const constants: TensorInit[] = [
    scalarI64('const.zero', 0n),
    scalarI64('const.one', 1n),
    { name: 'const.axis_last', dataType: T.INT64, dims: [1], raw: i64Bytes([-1n]) },
    { name: 'const.axis_seq', dataType: T.INT64, dims: [1], raw: i64Bytes([1n]) },
    { name: 'const.one_f', dataType: T.FLOAT, dims: [], raw: f32Bytes([1]) },
  ];
  if (dtype === 'q4') {
    constants.push({ name: 'q4.sixteen', dataType: T.INT32, dims: [], raw: i32Bytes([16]) });
    constants.push({ name: 'q4.eight', dataType: T.FLOAT, dims: [], raw: f32Bytes([8]) });
  }
  const compute: NodeSpec[] = [
    { opType: 'Gather', name: 'gather_words', inputs: ['word_embeddings', 'input_ids'], outputs: ['word_rows'], intAttrs: { axis: 0 } },
    { opType: 'Gather', name: 'gather_types', inputs: ['token_type_embeddings', 'token_type_ids'], outputs: ['type_rows'], intAttrs: { axis: 0 } },
    { opType: 'Shape', name: 'ids_shape', inputs: ['input_ids'], outputs: ['ids_shape'] },
    { opType: 'Gather', name: 'seq_len', inputs: ['ids_shape', 'const.one'], outputs: ['seq_len'], intAttrs: { axis: 0 } },
    { opType: 'Range', name: 'position_ids', inputs: ['const.zero', 'seq_len', 'const.one'], outputs: ['position_ids'] },
    { opType: 'Gather', name: 'gather_positions', inputs: ['position_embeddings', 'position_ids'], outputs: ['position_rows'], intAttrs: { axis: 0 } },
    { opType: 'Add', name: 'add_types', inputs: ['word_rows', 'type_rows'], outputs: ['emb_wt'] },
    { opType: 'Add', name: 'add_positions', inputs: ['emb_wt', 'position_rows'], outputs: ['emb'] },
    { opType: 'Cast', name: 'mask_to_float', inputs: ['attention_mask'], outputs: ['mask_f'], intAttrs: { to: T.FLOAT } },
    { opType: 'Unsqueeze', name: 'mask_unsqueeze', inputs: ['mask_f', 'const.axis_last'], outputs: ['mask_3d'] },
    { opType: 'Mul', name: 'mask_emb', inputs: ['emb', 'mask_3d'], outputs: ['emb_masked'] },
    { opType: 'ReduceSum', name: 'sum_tokens', inputs: ['emb_masked', 'const.axis_seq'], outputs: ['emb_sum'], intAttrs: { keepdims: 1 } },
    { opType: 'ReduceSum', name: 'count_tokens', inputs: ['mask_3d', 'const.axis_seq'], outputs: ['token_count'], intAttrs: { keepdims: 1 } },
    { opType: 'Max', name: 'count_at_least_one', inputs: ['token_count', 'const.one_f'], outputs: ['token_count_safe'] },
    { opType: 'Div', name: 'context_mean', inputs: ['emb_sum', 'token_count_safe'], outputs: ['context'] },
    { opType: 'MatMul', name: 'context_project', inputs: ['context', 'context_mix'], outputs: ['context_mixed'] },
    { opType: 'Add', name: 'add_context', inputs: ['emb', 'context_mixed'], outputs: ['pre_activation'] },
    { opType: 'Tanh', name: 'activation', inputs: ['pre_activation'], outputs: ['last_hidden_state'] },
  ];
  const seq = ['batch_size', 'sequence_length'];
  return encodeModel({
    graphName: 'tiny_context_embedder',
    docString,
    producerName: 'candidate-search/scripts/build-test-models.ts',
    producerVersion: '1',
    nodes: [...parts.flatMap((p) => p.nodes), ...compute],
    initializers: [...parts.flatMap((p) => p.initializers), ...constants],
    inputs: [
      { name: 'input_ids', elemType: T.INT64, shape: seq },
      { name: 'attention_mask', elemType: T.INT64, shape: seq },
      { name: 'token_type_ids', elemType: T.INT64, shape: seq },
    ],
    outputs: [{ name: 'last_hidden_state', elemType: T.FLOAT, shape: [...seq, H] }],
    metadata,
  });
}

// ---------------------------------------------------------------------------------------
// The prefix probe: a model whose vector says which prefix its input started with.
// ---------------------------------------------------------------------------------------

/** Whole-word tokens the probe adds, so "query: …" and "passage: …" start with a token no profile starts with. */
export const PROBE_WORDS = ['query', 'passage'] as const;

/** How much of a "query: …" vector depends on the text's first word (see probeTables): r in {0.5, 1, 1.5, 2}. */
export function probeWordWeight(row: number): number {
  return 0.5 + (row % 4) * 0.5;
}

/**
 * Tables of the probe, hidden size H:
 * - `word` (by the first token after [CLS]): "query" → e0, "passage" → 0.6·e0 + 0.8·e1, every
 *   other token → e(2 + row mod (H − 3));
 * - `gate` (by the same token): 1 for "query", else 0;
 * - `next` (by the token at position 3, the text's first word after "query" ":"): r(row)·e(H−1).
 * The vector is word[t1] + gate[t1]·next[t3]. So a "passage: …" text is always 0.6·e0 + 0.8·e1,
 * while a "query: …" text leans by its first word: its cosine with every "passage: …" text is
 * the same, 0.6 / √(1 + r²). Were the prefixes swapped, the profiles would carry the leaning
 * "query" vectors and their scores would differ from profile to profile: the dot product alone
 * is symmetric, this asymmetry is what lets a test tell the two prefixes apart. A text that
 * lost its prefix scores 0.
 */
export function probeTables(vocab: readonly string[], hidden: number): { word: Float32Array; gate: Float32Array; next: Float32Array } {
  const word = new Float32Array(vocab.length * hidden);
  const gate = new Float32Array(vocab.length);
  const next = new Float32Array(vocab.length * hidden);
  vocab.forEach((token, row) => {
    if (token === 'query') {
      word[row * hidden] = 1;
      gate[row] = 1;
    } else if (token === 'passage') {
      word[row * hidden] = 0.6;
      word[row * hidden + 1] = 0.8;
    } else word[row * hidden + 2 + (row % (hidden - 3))] = 1;
    next[row * hidden + hidden - 1] = probeWordWeight(row);
  });
  return { word, gate, next };
}

/**
 * last_hidden_state[b, s] = (word[ids[b, 1]] + gate[ids[b, 1]] · next[ids[b, 3]]) · mask[b, s]:
 * every position carries the same vector, so mean and CLS pooling both give exactly it. Needs
 * at least 4 tokens ([CLS] prefix ":" word), which every prefixed text has.
 */
export function buildProbeOnnx(tables: ReturnType<typeof probeTables>, vocabSize: number, hidden: number, dtype: TestDType, docString: string, metadata: Record<string, string>): Uint8Array {
  const word = storedMatrix('word_embeddings', tables.word, vocabSize, hidden, dtype);
  const next = storedMatrix('next_word_embeddings', tables.next, vocabSize, hidden, dtype);
  const seq = ['batch_size', 'sequence_length'];
  return encodeModel({
    graphName: 'first_token_probe',
    docString,
    producerName: 'candidate-search/scripts/build-test-models.ts',
    producerVersion: '2',
    nodes: [
      ...word.nodes,
      ...next.nodes,
      { opType: 'Gather', name: 'first_token', inputs: ['input_ids', 'const.first'], outputs: ['first_ids'], intAttrs: { axis: 1 } },
      { opType: 'Gather', name: 'first_row', inputs: ['word_embeddings', 'first_ids'], outputs: ['first_rows'], intAttrs: { axis: 0 } },
      { opType: 'Gather', name: 'first_gate', inputs: ['gate', 'first_ids'], outputs: ['gates'], intAttrs: { axis: 0 } },
      { opType: 'Unsqueeze', name: 'gate_unsqueeze', inputs: ['gates', 'const.axis_last'], outputs: ['gates_3d'] },
      { opType: 'Gather', name: 'next_token', inputs: ['input_ids', 'const.next'], outputs: ['next_ids'], intAttrs: { axis: 1 } },
      { opType: 'Gather', name: 'next_row', inputs: ['next_word_embeddings', 'next_ids'], outputs: ['next_rows'], intAttrs: { axis: 0 } },
      { opType: 'Mul', name: 'gated_next', inputs: ['next_rows', 'gates_3d'], outputs: ['gated'] },
      { opType: 'Add', name: 'probe_vector', inputs: ['first_rows', 'gated'], outputs: ['vector'] },
      { opType: 'Cast', name: 'mask_to_float', inputs: ['attention_mask'], outputs: ['mask_f'], intAttrs: { to: T.FLOAT } },
      { opType: 'Unsqueeze', name: 'mask_unsqueeze', inputs: ['mask_f', 'const.axis_last'], outputs: ['mask_3d'] },
      { opType: 'Mul', name: 'spread', inputs: ['vector', 'mask_3d'], outputs: ['last_hidden_state'] },
    ],
    initializers: [
      ...word.initializers,
      ...next.initializers,
      { name: 'gate', dataType: T.FLOAT, dims: [vocabSize], raw: f32Bytes(tables.gate) },
      { name: 'const.first', dataType: T.INT64, dims: [1], raw: i64Bytes([1n]) },
      { name: 'const.next', dataType: T.INT64, dims: [1], raw: i64Bytes([3n]) },
      { name: 'const.axis_last', dataType: T.INT64, dims: [1], raw: i64Bytes([-1n]) },
    ],
    inputs: [
      { name: 'input_ids', elemType: T.INT64, shape: seq },
      { name: 'attention_mask', elemType: T.INT64, shape: seq },
      { name: 'token_type_ids', elemType: T.INT64, shape: seq },
    ],
    outputs: [{ name: 'last_hidden_state', elemType: T.FLOAT, shape: [...seq, hidden] }],
    metadata,
  });
}

// ---------------------------------------------------------------------------------------
// Repos.
// ---------------------------------------------------------------------------------------

interface RepoSpec {
  name: string;
  hidden: number;
  seed: number;
  dtypes: TestDType[];
  /** Extra files that replace or add to the generated ones (e.g. a corrupt ONNX file). */
  overrides?: (seed: number) => Record<string, Uint8Array>;
  /** 'probe': the first-token network of `buildProbeOnnx` instead of the context embedder. */
  network?: 'context' | 'probe';
}

/** Deterministic bytes that are not a valid ONNX protobuf (not even a valid varint tag stream). */
function garbage(seed: number, length: number): Uint8Array {
  const u = mulberry32(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(u() * 256);
  // Start with an end-group tag (wire type 4) for field 0: invalid in any protobuf message.
  out.set([0xff, 0xff, 0xff, 0xff, 0x0f, 0x04], 0);
  const header = new TextEncoder().encode('NOT AN ONNX MODEL - deliberately corrupt test fixture ');
  out.set(header, 6);
  return out;
}

export const REPOS: readonly RepoSpec[] = [
  { name: 'tiny-embed', hidden: 32, seed: 20240601, dtypes: ['fp32', 'fp16', 'q8', 'q4'] },
  { name: 'tiny-embed-cls', hidden: 24, seed: 20240602, dtypes: ['fp32', 'q8'] },
  { name: 'prefix-probe', hidden: 384, seed: 20240604, dtypes: ['q8'], network: 'probe' },
  {
    name: 'broken-embed',
    hidden: 32,
    seed: 20240603,
    dtypes: [],
    overrides: (seed) => ({ [DTYPE_FILE.q8]: garbage(seed, 4096) }),
  },
];

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

function configJson(w: Weights): object {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: w.hidden,
    vocab_size: w.vocabSize,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: w.hidden,
    hidden_act: 'tanh',
    max_position_embeddings: MAX_POSITIONS,
    type_vocab_size: TYPE_VOCAB,
    pad_token_id: 0,
  };
}

export function buildRepoFiles(spec: RepoSpec): Record<string, Uint8Array | string> {
  const probe = spec.network === 'probe';
  const vocab = buildVocabulary();
  if (probe) for (const w of PROBE_WORDS) vocab.push({ token: w, topic: -1, noise: 0 });
  const weights = buildWeights(vocab, spec.hidden, spec.seed);
  const tokens = vocab.map((e) => e.token);
  const repo = `${ORG}/${spec.name}`;
  const files: Record<string, Uint8Array | string> = {
    'config.json': json(configJson(weights)),
    'tokenizer.json': JSON.stringify(buildTokenizerJson(tokens)) + '\n',
    'tokenizer_config.json': json(buildTokenizerConfig(MAX_POSITIONS)),
  };
  for (const dtype of spec.dtypes) {
    const doc = `Tiny test embedding model ${repo} (${dtype}); built by scripts/build-test-models.ts. Not a real model.`;
    const metadata = { 'candidate_search.test_model': repo, 'candidate_search.dtype': dtype, 'candidate_search.seed': String(spec.seed) };
    files[DTYPE_FILE[dtype]] = probe
      ? buildProbeOnnx(probeTables(tokens, spec.hidden), tokens.length, spec.hidden, dtype, doc, metadata)
      : buildOnnx(weights, dtype, doc, metadata);
  }
  Object.assign(files, spec.overrides?.(spec.seed) ?? {});
  return files;
}

function main(): void {
  const orgDir = path.join(HUB_FIXTURES_DIR, ORG);
  rmSync(orgDir, { recursive: true, force: true });
  let total = 0;
  for (const spec of REPOS) {
    const files = buildRepoFiles(spec);
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(orgDir, spec.name, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
      const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      total += size;
      console.log(`${sha256(data).slice(0, 16)}  ${String(size).padStart(7)} B  ${ORG}/${spec.name}/${name}`);
    }
  }
  console.log(`Total ${(total / 1024).toFixed(1)} KiB in ${path.relative(ROOT, orgDir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
