// @vitest-environment node
/**
 * Every fast search path against the plain one: the four-row scoring loop against the plain
 * loop (bit for bit), the thresholded top-k against a full sort, and the int8 and binary
 * indexes against exact search, on random vectors and on the bundled model's real
 * embeddings of the bundled profiles and job descriptions. No timings here: speed is in
 * `npm run bench -- --only search`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rankByCosine } from '../../src/core/search';
import { topK } from '../../src/core/topK';
import {
  DEFAULT_SHORTLIST,
  EXACT_MAX_VALUES,
  binarize,
  buildIndex,
  chooseIndex,
  hammingAll,
  quantizeInt8,
  recallAtK,
  rescore,
  scoreInt8,
  signBits,
  smallestDistances,
  type IndexKind,
  type IndexOptions,
} from '../../src/core/vectorIndex';
import { normalizeRows, row, rowCount, scoreAll, scoreAllPlain, type EmbeddingMatrix } from '../../src/core/vectors';
import { derivedRows, randomProjection } from '../../scripts/lib/derivedVectors';
import { embedBundled, type SearchData } from '../../scripts/lib/searchData';
import { seededRandom } from '../../scripts/lib/timing';

function randomMatrix(rows: number, dim: number, seed: number): EmbeddingMatrix {
  const next = seededRandom(seed);
  return normalizeRows({ vectors: Float32Array.from({ length: rows * dim }, () => next() * 2 - 1), dim });
}

const queriesOf = (m: EmbeddingMatrix) => Array.from({ length: rowCount(m) }, (_, i) => row(m, i));

/** The plain path: every row scored by the plain loop, then the top k (topK is checked against a full sort below). */
function plainTop(m: EmbeddingMatrix, q: Float32Array, k: number) {
  const scores = scoreAllPlain(m, q);
  return topK(scores, k).map((index) => ({ index, score: scores[index] }));
}

const KINDS: [IndexKind, IndexOptions][] = [
  ['exact', {}],
  ['int8', { int8Scale: 'dimension' }],
  ['int8', { int8Scale: 'vector' }],
  ['binary', {}],
];

describe('scoreAll (four rows at a time)', () => {
  it('gives bit-for-bit the plain loop’s scores for row counts that are and are not multiples of 4', () => {
    for (const [rows, dim] of [
      [0, 8],
      [1, 3],
      [3, 100],
      [4, 384],
      [1001, 384],
      [2403, 100],
    ]) {
      const m = randomMatrix(rows, dim, rows + dim);
      const q = randomMatrix(1, dim, 99).vectors;
      expect(scoreAll(m, q)).toEqual(scoreAllPlain(m, q));
      // a plain-array query reads the same values
      expect(scoreAll(m, Array.from(q))).toEqual(scoreAllPlain(m, q));
    }
  });
});

describe('topK with a running threshold', () => {
  it('matches a full sort with many ties, NaN and a keep filter after the heap fills', () => {
    const next = seededRandom(5);
    const scores = Float32Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? Number.NaN : Math.round(next() * 20) / 20));
    const keep = (i: number) => i % 3 !== 0;
    const reference = (k: number, filter?: (i: number) => boolean) =>
      Array.from(scores, (s, i) => ({ s, i }))
        .filter((x) => !Number.isNaN(x.s) && (!filter || filter(x.i)))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, k)
        .map((x) => x.i);
    for (const k of [1, 10, 100, 4999]) {
      expect(topK(scores, k)).toEqual(reference(k));
      expect(topK(scores, k, keep)).toEqual(reference(k, keep));
    }
  });
});

describe('index building blocks', () => {
  it('int8 codes stay within [-127, 127] and approximate the dot products', () => {
    const m = randomMatrix(300, 64, 1);
    const q = randomMatrix(1, 64, 2).vectors;
    const exact = scoreAll(m, q);
    for (const scale of ['dimension', 'vector'] as const) {
      const codes = quantizeInt8(m, scale);
      expect(codes.scales.length).toBe(scale === 'dimension' ? 64 : 300);
      expect(Math.max(...codes.codes.map(Math.abs))).toBe(127);
      const approx = scoreInt8(codes, q);
      for (let i = 0; i < 300; i++) expect(Math.abs(approx[i] - exact[i])).toBeLessThan(0.02);
    }
  });

  it('Hamming distances count differing sign bits, also past a 32-bit word boundary', () => {
    const m = { vectors: Float32Array.from([1, -1, 1, ...Array<number>(37).fill(-1), -1, -1, 1, ...Array<number>(37).fill(1)]), dim: 40 };
    const codes = binarize(m);
    expect(codes.words).toBe(2);
    expect(Array.from(codes.mean.slice(0, 3))).toEqual([0, -1, 1]);
    // query bits against zero offset: [1, 0, 1, 0 × 37]
    const qb = signBits([1, -1, 1, ...Array<number>(37).fill(-1)], new Float32Array(40));
    // row 0 centred is [1, 0, 0, -1 × 37] → bits [1, 0, 0, 0...]: differs at index 2
    // row 1 centred is [-1, 0, 0, 1 × 37] → bits [0, 0, 0, 1...]: differs at 0, 2 and 37 more
    expect(Array.from(hammingAll(codes, qb))).toEqual([1, 39]);
  });

  it('picks the rows with the smallest distances, ties to the lower index', () => {
    const next = seededRandom(9);
    const d = Uint16Array.from({ length: 3000 }, () => Math.floor(next() * 40));
    for (const count of [0, 1, 17, 500, 2999, 3000, 4000]) {
      const expected = Array.from(d, (x, i) => ({ x, i }))
        .sort((a, b) => a.x - b.x || a.i - b.i)
        .slice(0, count)
        .map((e) => e.i)
        .sort((a, b) => a - b);
      expect(smallestDistances(d, count)).toEqual(expected);
    }
  });

  it('rescoring returns scoreAll’s exact values', () => {
    const m = randomMatrix(500, 48, 3);
    const q = randomMatrix(1, 48, 4).vectors;
    const scores = scoreAll(m, q);
    const hits = rescore(m, q, [7, 3, 450, 12], 3);
    expect(hits.map((h) => h.score)).toEqual(hits.map((h) => scores[h.index]));
    expect(hits.map((h) => h.index)).toEqual([7, 3, 450, 12].sort((a, b) => scores[b] - scores[a]).slice(0, 3));
  });
});

describe('indexes on random vectors', () => {
  const m = randomMatrix(3001, 96, 11);
  const queries = queriesOf(randomMatrix(20, 96, 12));

  it('every index returns exact search’s top-k when its shortlist covers every row', () => {
    for (const [kind, options] of KINDS) {
      const index = buildIndex(kind, m, { ...options, shortlist: (rows) => rows });
      for (const q of queries) expect(index.search(q, 10)).toEqual(plainTop(m, q, 10));
    }
  });

  it('exact search and rankByCosine equal the plain path; default shortlists return exact scores', () => {
    for (const q of queries) {
      expect(buildIndex('exact', m).search(q, 25)).toEqual(plainTop(m, q, 25));
      expect(rankByCosine(m, q, 25)).toEqual(plainTop(m, q, 25));
      const scores = scoreAll(m, q);
      for (const [kind, options] of KINDS) {
        for (const hit of buildIndex(kind, m, options).search(q, 10)) expect(hit.score).toBe(scores[hit.index]);
      }
    }
  });

  it('checks the query length', () => {
    expect(() => buildIndex('int8', m).search([1, 2], 10)).toThrow(/2 dimensions/);
    expect(() => buildIndex('binary', m).search([1, 2], 10)).toThrow(/2 dimensions/);
  });
});

describe('indexes on real embeddings (bundled model, bundled profiles, the 80 job descriptions as queries)', () => {
  let data: SearchData;
  beforeAll(async () => {
    data = await embedBundled();
  }, 180_000);

  function recallOf(m: EmbeddingMatrix, queries: Float32Array[], kind: IndexKind, options: IndexOptions = {}): number {
    const exact = queries.map((q) => plainTop(m, q, 10));
    const index = buildIndex(kind, m, options);
    return recallAtK(exact, queries.map((q) => index.search(q, 10)));
  }

  it('exact search gives the plain path’s top 10 for every job description', () => {
    for (const q of queriesOf(data.jobs)) expect(buildIndex('exact', data.profiles).search(q, 10)).toEqual(plainTop(data.profiles, q, 10));
  });

  it('int8 (both scales) and binary keep recall@10 >= 0.99 at 100-d and at a 384-d random projection', () => {
    const p384 = randomProjection(data.profiles, 384, 11);
    const q384 = queriesOf(randomProjection(data.jobs, 384, 11));
    const q100 = queriesOf(data.jobs);
    for (const [kind, options] of KINDS.slice(1)) {
      expect(recallOf(data.profiles, q100, kind, options)).toBeGreaterThanOrEqual(0.99);
      expect(recallOf(p384, q384, kind, options)).toBeGreaterThanOrEqual(0.99);
    }
  });

  it('keeps recall@10 >= 0.99 on 20,000 rows derived from the real ones (384-d)', () => {
    const base = randomProjection(data.profiles, 384, 11);
    const m = derivedRows(base, 20_000, 5);
    const queries = queriesOf(randomProjection(data.jobs, 384, 11));
    expect(recallOf(m, queries, 'int8')).toBeGreaterThanOrEqual(0.99);
    expect(recallOf(m, queries, 'binary')).toBeGreaterThanOrEqual(0.99);
  });

  it('the shortlist matters: a binary shortlist of only 10 rows loses recall (so the test can fail)', () => {
    expect(recallOf(data.profiles, queriesOf(data.jobs), 'binary', { shortlist: () => 10 })).toBeLessThan(0.9);
  });
});

describe('chooseIndex', () => {
  it('is exact while every row is cheap to score, then binary for long vectors and int8 for short ones', () => {
    expect(chooseIndex(2_400, 100)).toBe('exact');
    expect(chooseIndex(100_000, 384)).toBe('exact');
    expect(EXACT_MAX_VALUES).toBe(100_000 * 384);
    expect(chooseIndex(1_000_000, 384)).toBe('binary');
    expect(chooseIndex(1_000_000, 100)).toBe('int8');
    expect(DEFAULT_SHORTLIST.binary(1_000_000)).toBe(50_000);
  });
});
