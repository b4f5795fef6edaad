/**
 * Progressive embedding, the pure parts: what the label says while a slow model embeds the
 * profiles, how big the next chunk is, when the list and the map are refreshed, and scores
 * restricted to the profiles embedded so far. A chunk is the unit of work the store sends to
 * the worker and saves to the cache; the worker cuts each chunk into its own batches.
 */
import { formatDuration } from './costModel';

/** The ranking and map are refreshed at most this often while embedding (ms): each refresh rescores every embedded profile and re-renders the list. */
export const PUBLISH_EVERY_MS = 2000;
/** A chunk aims at this much work (ms), so cancel, a model switch and the cache lose at most about this much. */
export const CHUNK_TARGET_MS = 2000;
/** First chunk (before any rate is known) and bounds: 8 is the worker's batch, 512 keeps a fast model from holding the worker for long. */
export const FIRST_CHUNK = 16;
export const MIN_CHUNK = 8;
export const MAX_CHUNK = 512;
/**
 * While another model's complete results are on screen, the new model replaces them only once
 * it has this many profiles embedded (or all of them): a ranking of a dozen profiles would be
 * a worse answer than the previous model's full one.
 */
export const TAKEOVER_MIN = 100;

/** Texts per second measured over this run's computed texts, or null when nothing has been measured yet. */
export function measuredRate(computed: number, elapsedMs: number): number | null {
  return computed > 0 && elapsedMs > 0 ? (computed / elapsedMs) * 1000 : null;
}

/**
 * Seconds left, rounded so the label does not pretend to a precision it lacks: to 5 s under a
 * minute, to the minute under an hour, else to 10 minutes. Null without a measured rate.
 */
export function etaSeconds(remaining: number, textsPerSecond: number | null): number | null {
  if (!(textsPerSecond !== null && textsPerSecond > 0) || !(remaining >= 0)) return null;
  const s = remaining / textsPerSecond;
  if (remaining === 0) return 0;
  if (s < 60) return Math.max(5, Math.round(s / 5) * 5);
  if (s < 3600) return Math.round(s / 60) * 60;
  return Math.round(s / 600) * 600;
}

/** "~2 min left", or "– left" until a rate has been measured. */
export function timeLeftLabel(remaining: number, textsPerSecond: number | null): string {
  const eta = etaSeconds(remaining, textsPerSecond);
  return eta === null ? '– left' : `~${formatDuration(eta)} left`;
}

/** "1,200 of 2,400 embedded, ~2 min left"; "–" for the time until a rate has been measured. */
export function partialLabel(embedded: number, total: number, textsPerSecond: number | null): string {
  return `${embedded.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} embedded, ${timeLeftLabel(total - embedded, textsPerSecond)}`;
}

/** Texts in the next chunk: about CHUNK_TARGET_MS of work at the measured rate, a multiple of 8. */
export function nextChunkSize(textsPerSecond: number | null): number {
  if (textsPerSecond === null || !(textsPerSecond > 0)) return FIRST_CHUNK;
  const n = Math.round((textsPerSecond * CHUNK_TARGET_MS) / 1000 / 8) * 8;
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, n));
}

/**
 * Whether a snapshot of the embeddings goes on screen now: never before the first row; the
 * first one once `TAKEOVER_MIN` rows are in when another model's results are on screen; the
 * last one always; in between at most every PUBLISH_EVERY_MS.
 */
export function shouldPublish(s: { done: number; total: number; published: boolean; othersOnScreen: boolean; sinceLastMs: number }): boolean {
  if (s.done === 0) return false;
  if (s.done >= s.total) return true;
  if (!s.published) return !s.othersOnScreen || s.done >= Math.min(TAKEOVER_MIN, s.total);
  return s.sinceLastMs >= PUBLISH_EVERY_MS;
}

/**
 * Whether k-means and PCA are fitted again: k-means over 2,400 profiles takes about a second,
 * so not on every snapshot but when the embedded set has doubled since the last fit, and when
 * it is complete. In between, new profiles are placed with the last fit (nearest centroid, PCA).
 */
export function shouldRefit(fittedRows: number, embeddedRows: number, total: number): boolean {
  if (embeddedRows === 0) return false;
  if (embeddedRows >= total) return fittedRows < total;
  return fittedRows === 0 || embeddedRows >= 2 * fittedRows;
}

/** Scores of profiles without a vector yet become NaN, which every top-k skips. `has` null: every row has one. */
export function maskMissing(scores: Float32Array, has: Uint8Array | null): Float32Array {
  if (!has) return scores;
  if (has.length !== scores.length) throw new Error(`maskMissing: ${has.length} flags for ${scores.length} scores`);
  for (let i = 0; i < scores.length; i++) if (!has[i]) scores[i] = Number.NaN;
  return scores;
}

/** Positions flagged in `has`, ascending. */
export function flaggedRows(has: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < has.length; i++) if (has[i]) n++;
  const out = new Int32Array(n);
  for (let i = 0, j = 0; i < has.length; i++) if (has[i]) out[j++] = i;
  return out;
}
