/**
 * Cost of embedding N texts of average length L tokens: hosted embedding APIs (USD, billed per
 * input token) against a small model run locally (no fee, but time). Pure functions, plain
 * JSON-serialisable results, no app state.
 *
 * What is left out, on purpose: hardware and electricity for local runs, network time and
 * rate limits for hosted APIs, free-tier allowances, and vector index overhead (ids, graph
 * links): storage figures are the raw vector payload only.
 */

import { assertUnreachable } from './assert';
import { estimateTokens } from './tokens';

/** A hosted model as the cost model needs it; src/data/pricing.ts entries fit this shape. */
export interface HostedModel {
  id: string;
  name: string;
  /** USD per 1M input tokens. */
  usdPer1M: number;
  /** Batch API price, USD per 1M input tokens, if offered. */
  batchUsdPer1M?: number;
  /** Output dimensions. */
  dims: number;
}

export interface LocalModel {
  name: string;
  dims: number;
  /** Measured throughput on the user's machine. */
  textsPerSecond: number;
  /** One-off model download. */
  downloadMB: number;
}

export type VectorEncoding = 'fp32' | 'fp16' | 'int8' | 'binary';

export interface CostParams {
  /** N: number of texts to embed. */
  texts: number;
  /** L: average tokens per text. */
  avgTokens: number;
  /** Tokens in a typical search query. */
  queryTokens: number;
  hosted: readonly HostedModel[];
  local: readonly LocalModel[];
}

const MILLION = 1_000_000;

function requireFinite(name: string, x: number, min: number, strict = false): void {
  if (!Number.isFinite(x) || (strict ? x <= min : x < min)) {
    throw new RangeError(`${name} must be a finite number ${strict ? '>' : '≥'} ${min}, got ${x}`);
  }
}

/** One-off USD to embed `texts` texts of `avgTokens` tokens each. */
export function hostedCost(priceUsdPer1M: number, texts: number, avgTokens: number): number {
  requireFinite('price', priceUsdPer1M, 0);
  requireFinite('texts', texts, 0);
  requireFinite('avgTokens', avgTokens, 0);
  return ((texts * avgTokens) / MILLION) * priceUsdPer1M;
}

/** USD to embed one search query of `queryTokens` tokens. */
export function perQueryCost(priceUsdPer1M: number, queryTokens: number): number {
  return hostedCost(priceUsdPer1M, 1, queryTokens);
}

/** Seconds to embed `texts` texts locally at a measured `textsPerSecond`. */
export function localEmbedTime(texts: number, textsPerSecond: number): number {
  requireFinite('texts', texts, 0);
  requireFinite('textsPerSecond', textsPerSecond, 0, true);
  return texts / textsPerSecond;
}

/**
 * A duration in words, at most two units, rounded to the smaller one:
 * 45 → "45 s", 1250 → "20 min 50 s", 12000 → "3 h 20 min", 200000 → "2 d 8 h".
 * Rounding may carry into the next unit (3599.6 s → "1 h"). Below half a second: "< 1 s"
 * (exactly 0: "0 s"); Infinity: "∞".
 */
export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds) || seconds < 0) throw new RangeError(`duration must be ≥ 0, got ${seconds}`);
  if (seconds === Infinity) return '∞';
  if (seconds === 0) return '0 s';
  const s = Math.round(seconds);
  if (s === 0) return '< 1 s';
  if (s < 60) return `${s} s`;
  if (s < 3600) return pair(Math.floor(s / 60), 'min', s % 60, 's');
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  const hours = Math.round(seconds / 3600);
  return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

function pair(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}

export interface StorageOptions {
  /**
   * int8 only: add a 4-byte fp32 scale per vector (per-vector scalar quantisation). Off by
   * default: int8 is counted as exactly `dims` bytes, as when an API returns int8 vectors or the
   * quantisation range is shared by the whole collection.
   */
  int8PerVectorScale?: boolean;
}

/**
 * Bytes for one vector: fp32 4·dims, fp16 2·dims, int8 dims (+4 with a per-vector scale),
 * binary ⌈dims/8⌉ (one bit per dimension, packed).
 */
export function bytesPerVector(dims: number, encoding: VectorEncoding, options: StorageOptions = {}): number {
  if (!Number.isInteger(dims) || dims < 1) throw new RangeError(`dims must be a positive integer, got ${dims}`);
  switch (encoding) {
    case 'fp32':
      return 4 * dims;
    case 'fp16':
      return 2 * dims;
    case 'int8':
      return dims + (options.int8PerVectorScale ? 4 : 0);
    case 'binary':
      return Math.ceil(dims / 8);
    default:
      return assertUnreachable(encoding);
  }
}

/** Raw vector payload for `texts` vectors, in bytes (no ids, no index structures). */
export function vectorStorageBytes(
  texts: number,
  dims: number,
  encoding: VectorEncoding,
  options: StorageOptions = {},
): number {
  requireFinite('texts', texts, 0);
  return texts * bytesPerVector(dims, encoding, options);
}

export interface CostRow {
  kind: 'hosted' | 'local';
  /** Hosted model id, or the local model's name. */
  id: string;
  name: string;
  dims: number;
  /** One-off USD to embed all N texts; 0 for local models (no per-token fee). */
  embedUsd: number;
  /** Same with the Batch API; null when there is none (and for local models). */
  batchEmbedUsd: number | null;
  /** USD per search query; 0 for local models. */
  perQueryUsd: number;
  /** Local embedding time in seconds; null for hosted models (depends on network and rate limits). */
  embedSeconds: number | null;
  /** `formatDuration(embedSeconds)`, or null. */
  embedTime: string | null;
  /** One-off download for local models; null for hosted. */
  downloadMB: number | null;
  /** Raw storage of all N vectors at each encoding. */
  storageBytes: Record<VectorEncoding, number>;
}

function storageAllEncodings(texts: number, dims: number): Record<VectorEncoding, number> {
  return {
    fp32: vectorStorageBytes(texts, dims, 'fp32'),
    fp16: vectorStorageBytes(texts, dims, 'fp16'),
    int8: vectorStorageBytes(texts, dims, 'int8'),
    binary: vectorStorageBytes(texts, dims, 'binary'),
  };
}

/** One row per model, hosted first (in the given order), then local. */
export function costTable(params: CostParams): CostRow[] {
  const { texts, avgTokens, queryTokens } = params;
  const hosted = params.hosted.map((m): CostRow => ({
    kind: 'hosted',
    id: m.id,
    name: m.name,
    dims: m.dims,
    embedUsd: hostedCost(m.usdPer1M, texts, avgTokens),
    batchEmbedUsd: m.batchUsdPer1M === undefined ? null : hostedCost(m.batchUsdPer1M, texts, avgTokens),
    perQueryUsd: perQueryCost(m.usdPer1M, queryTokens),
    embedSeconds: null,
    embedTime: null,
    downloadMB: null,
    storageBytes: storageAllEncodings(texts, m.dims),
  }));
  const local = params.local.map((m): CostRow => {
    const seconds = localEmbedTime(texts, m.textsPerSecond);
    return {
      kind: 'local',
      id: m.name,
      name: m.name,
      dims: m.dims,
      embedUsd: 0,
      batchEmbedUsd: null,
      perQueryUsd: 0,
      embedSeconds: seconds,
      embedTime: formatDuration(seconds),
      downloadMB: m.downloadMB,
      storageBytes: storageAllEncodings(texts, m.dims),
    };
  });
  return [...hosted, ...local];
}

export interface CurveSeries {
  /** Property name of this series in each point. */
  key: string;
  name: string;
  kind: 'hosted' | 'local';
  /** Hosted: one-off USD; local: hours of embedding. */
  unit: 'USD' | 'hours';
}

/** `n` plus one number per series key, e.g. `{ n: 1000, 'hosted:text-embedding-3-small': 0.01 }`. */
export interface CurvePoint {
  n: number;
  [seriesKey: string]: number;
}

export interface CostCurve {
  series: CurveSeries[];
  points: CurvePoint[];
}

/**
 * Cost against N for a log-log chart: USD for each hosted model, hours for each local model,
 * at each N in `nValues` (kept in the given order; `params.texts` is not used). Values are
 * proportional to N, so each series is a straight line of slope 1 on log-log axes; a value is
 * 0 only when avgTokens is 0, which a log axis cannot show.
 */
export function costCurve(params: Omit<CostParams, 'texts'> & { texts?: number }, nValues: readonly number[]): CostCurve {
  const series: CurveSeries[] = [
    ...params.hosted.map((m): CurveSeries => ({ key: `hosted:${m.id}`, name: m.name, kind: 'hosted', unit: 'USD' })),
    ...params.local.map((m): CurveSeries => ({ key: `local:${m.name}`, name: m.name, kind: 'local', unit: 'hours' })),
  ];
  const points = nValues.map((n) => {
    const point: CurvePoint = { n };
    for (const m of params.hosted) point[`hosted:${m.id}`] = hostedCost(m.usdPer1M, n, params.avgTokens);
    for (const m of params.local) point[`local:${m.name}`] = localEmbedTime(n, m.textsPerSecond) / 3600;
    return point;
  });
  return { series, points };
}

/** `count` values from `min` to `max` (both included), evenly spaced on a log scale, 2 significant figures. */
export function logSpacedN(min = 1e3, max = 1e8, count = 21): number[] {
  if (!(min > 0) || !(max > min) || !Number.isInteger(count) || count < 2) {
    throw new RangeError(`need 0 < min < max and an integer count ≥ 2, got ${min}, ${max}, ${count}`);
  }
  return Array.from({ length: count }, (_, i) => logSliderToN(i / (count - 1), min, max));
}

/** Rounds to `digits` significant figures: 123456 → 120000 (digits = 2). */
export function roundSignificant(x: number, digits = 2): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/**
 * Slider position in [0, 1] (clamped) → N on a log scale from `min` to `max`, rounded to 2
 * significant figures. 0 → min, 1 → max, 0.5 → the geometric mean (rounded).
 */
export function logSliderToN(position: number, min = 1e3, max = 1e8): number {
  if (!(min > 0) || !(max > min)) throw new RangeError(`need 0 < min < max, got ${min}, ${max}`);
  if (Number.isNaN(position)) throw new RangeError('position is NaN');
  const p = Math.min(1, Math.max(0, position));
  if (p === 0) return roundSignificant(min);
  if (p === 1) return roundSignificant(max);
  return roundSignificant(min * Math.pow(max / min, p));
}

/** Inverse of `logSliderToN`: N → slider position in [0, 1] (clamped to the range). */
export function nToLogSlider(n: number, min = 1e3, max = 1e8): number {
  if (!(min > 0) || !(max > min)) throw new RangeError(`need 0 < min < max, got ${min}, ${max}`);
  if (Number.isNaN(n)) throw new RangeError('n is NaN');
  if (n <= min) return 0;
  if (n >= max) return 1;
  return Math.log(n / min) / Math.log(max / min);
}

/** Mean of `estimateTokens` over the texts, rounded to a whole token; 0 for no texts. A default for L. */
export function averageTokens(texts: readonly string[]): number {
  if (texts.length === 0) return 0;
  let total = 0;
  for (const t of texts) total += estimateTokens(t);
  return Math.round(total / texts.length);
}
