/**
 * The search benchmark's page side, bundled by scripts/bench-search.ts and run in Chromium:
 * exact top-10 against the time to stream the same bytes, the plain scoring loop it
 * replaced, and the int8 and binary indexes with their recall@10 against exact.
 */
import { topK } from '../src/core/topK';
import { binarize, buildIndex, chooseIndex, hammingAll, quantizeInt8, recallAtK, rescore, scoreInt8, signBits, type IndexKind } from '../src/core/vectorIndex';
import { row, rowCount, scoreAllPlain, type EmbeddingMatrix } from '../src/core/vectors';
import { derivedRows, randomProjection } from './lib/derivedVectors';

export interface PageInput {
  profiles: { vectors: number[]; dim: number };
  jobs: { vectors: number[]; dim: number };
  sizes: { n: number; dim: number }[];
  runs: number;
}

export interface IndexResult {
  ms: number;
  recall10: number;
  shortlist: number;
  buildMs: number;
  megabytes: number;
}

export interface SizeResult {
  n: number;
  dim: number;
  data: string;
  exactMs: number;
  boundMs: number;
  plainMs: number;
  int8: IndexResult;
  binary: IndexResult;
  chosen: IndexKind;
  /** recall@10 by shortlist size: how the default shortlists were chosen. */
  sweep: { int8: Record<number, number>; binary: Record<number, number> };
}

const INT8_SHORTLISTS = [10, 20, 50, 100];
const BINARY_SHORTLISTS = [100, 200, 500, 1000, 2000, 5000, 10000];

/**
 * Recall@10 for several shortlist sizes from one pass per query: each index's candidates in
 * its own order (int8 by approximate score, binary by Hamming distance, ties to the lower
 * index), so a shortlist of L rows is the first L of them, as the index would pick.
 */
function sweep(rows: EmbeddingMatrix, qs: Float32Array[], truth: { index: number; score: number }[][]): SizeResult['sweep'] {
  const n = rowCount(rows);
  const q8 = quantizeInt8(rows, 'dimension');
  const bits = binarize(rows);
  const origin = new Float32Array(rows.dim);
  const int8Sizes = INT8_SHORTLISTS.filter((l) => l <= n);
  const binarySizes = BINARY_SHORTLISTS.filter((l) => l <= n);
  const int8Order = qs.map((q) => topK(scoreInt8(q8, q), Math.max(...int8Sizes)));
  const binaryOrder = qs.map((q) => {
    const d = hammingAll(bits, signBits(q, origin));
    return topK(Float32Array.from(d, (x) => -x), Math.max(...binarySizes));
  });
  const recallFor = (order: number[][], l: number) => recallAtK(truth, qs.map((q, i) => rescore(rows, q, order[i].slice(0, l), 10)));
  return {
    int8: Object.fromEntries(int8Sizes.map((l) => [l, recallFor(int8Order, l)])),
    binary: Object.fromEntries(binarySizes.map((l) => [l, recallFor(binaryOrder, l)])),
  };
}

/**
 * The bound: read every byte of the matrix once with the cheapest reduction JavaScript has
 * for float32 (a sum over four independent accumulators). Search cannot beat reading its data.
 */
function streamSum(v: Float32Array): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 4 <= v.length; i += 4) {
    a += v[i];
    b += v[i + 1];
    c += v[i + 2];
    d += v[i + 3];
  }
  for (; i < v.length; i++) a += v[i];
  return a + b + c + d;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median ms per call of each function, interleaved run by run after warm-up, so load hits
 * all alike. A run repeats each call `reps` times, so small sizes stay well above the
 * page's timer resolution (0.1 ms without cross-origin isolation).
 */
function interleaved(runs: number, reps: number, fns: ((call: number) => unknown)[]): number[] {
  for (let w = 0; w < 3; w++) fns.forEach((f) => f(w));
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    fns.forEach((f, j) => {
      const t = performance.now();
      for (let i = 0; i < reps; i++) f(r * reps + i);
      times[j].push((performance.now() - t) / reps);
    });
  }
  return times.map(median);
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
}

function collection(input: PageInput, n: number, dim: number): { rows: EmbeddingMatrix; queries: EmbeddingMatrix; data: string } {
  const real = { vectors: Float32Array.from(input.profiles.vectors), dim: input.profiles.dim };
  const jobs = { vectors: Float32Array.from(input.jobs.vectors), dim: input.jobs.dim };
  const projected = dim === real.dim;
  const base = projected ? real : randomProjection(real, dim, 11);
  const queries = projected ? jobs : randomProjection(jobs, dim, 11);
  const same = n === rowCount(real);
  const rows = same ? base : derivedRows(base, n, 5);
  const how = projected ? `${real.dim}-d` : `random projection ${real.dim} → ${dim}`;
  return { rows, queries, data: same ? `bundled profiles, bundled model (${how})` : `${n.toLocaleString('en')} rows derived from the bundled profiles (${how})` };
}

export function benchSearch(input: PageInput): SizeResult[] {
  return input.sizes.map(({ n, dim }) => {
    const { rows, queries, data } = collection(input, n, dim);
    const qs = Array.from({ length: rowCount(queries) }, (_, i) => row(queries, i));
    const q = (run: number) => qs[run % qs.length];
    const exact = buildIndex('exact', rows);
    const [int8, int8Build] = timed(() => buildIndex('int8', rows));
    const [binary, binaryBuild] = timed(() => buildIndex('binary', rows));
    const reps = Math.ceil(20e6 / (n * dim));
    const [exactMs, boundMs, plainMs, int8Ms, binaryMs] = interleaved(input.runs, reps, [
      (r) => exact.search(q(r), 10),
      () => streamSum(rows.vectors),
      (r) => topK(scoreAllPlain(rows, q(r)), 10),
      (r) => int8.search(q(r), 10),
      (r) => binary.search(q(r), 10),
    ]);
    const truth = qs.map((x) => exact.search(x, 10));
    const result = (index: typeof int8, ms: number, buildMs: number, shortlist: number): IndexResult => ({
      ms,
      recall10: recallAtK(truth, qs.map((x) => index.search(x, 10))),
      shortlist,
      buildMs,
      megabytes: index.bytes / 2 ** 20,
    });
    return {
      n,
      dim,
      data,
      exactMs,
      boundMs,
      plainMs,
      int8: result(int8, int8Ms, int8Build, int8.shortlist),
      binary: result(binary, binaryMs, binaryBuild, binary.shortlist),
      chosen: chooseIndex(n, dim),
      sweep: sweep(rows, qs, truth),
    };
  });
}
