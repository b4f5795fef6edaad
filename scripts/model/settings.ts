/**
 * The bundled model's build settings, shared by scripts/build-bundled-model.ts and
 * scripts/tune-bundled-model.ts (which chose them; see the model folder's README).
 */
import type { TableOptions } from './table.ts';

export const BUILD_SETTINGS = {
  modelName: 'glove-sif-100d',
  /** Most frequent tokenizable GloVe words kept (plus RECRUITING_TERMS found in GloVe). */
  topWords: 30_000,
  /** Zipf–Mandelbrot offset k in p ∝ 1/(rank + k). */
  zipfK: 2.7,
  table: {
    sifA: 1e-4,
    abttComponents: 5,
    unitNormalize: false,
    removeWeightedComponents: 1,
  } satisfies TableOptions as TableOptions,
} as const;

/** Model-card numbers, measured with `npm run eval` and scripts/tune-bundled-model.ts (update after a rebuild). */
export const EVALUATION = `\`npm run eval\` on the bundled dataset (2,400 profiles, 80 job descriptions, role labels as
ground truth; dataset sha256 jobs 11ab726d…, profiles a612e71a…):

| model | nDCG@10 | P@10 (exact role) | P@10 (role or related) |
|---|---|---|---|
| BM25 keyword baseline | 0.941 | 0.915 | 0.972 |
| this model | 0.773 | 0.706 | 0.889 |
| previous build (a = 0.001, no all-but-the-top) | 0.704 | 0.620 | — |

Tuning split (scripts/tune-bundled-model.ts, nDCG@10 / P@10): odd jobs (used to choose)
0.783 / 0.725, even jobs (held out) 0.763 / 0.687. BM25 still wins. The model is a
weighted bag of word vectors: it finds the right job family but cannot tell apart roles
that share most of their vocabulary (Product Manager vs Product Marketing Manager: for
Product Manager queries a Product Manager profile outscores a Product Marketing Manager
profile only 45 % of the time).`;
