/**
 * What the list, the map and the status bar say while a slow model embeds the profiles: how
 * far it is, at the rate measured in this run, and what the shown ranking covers.
 */
import { measuredRate, partialLabel, timeLeftLabel } from '../core/progressive';
import type { AppState } from './appStore';

type ProgressState = Pick<AppState, 'embeddingStatus' | 'embedProgress' | 'embedCached' | 'embedDuplicates'>;

/** Texts per second computed by the model in the running embedding, or null before the first measured batch. */
export function embeddingRate(s: ProgressState): number | null {
  const p = s.embedProgress;
  if (s.embeddingStatus !== 'embedding' || !p) return null;
  return measuredRate(p.done - s.embedCached - s.embedDuplicates, p.elapsedMs);
}

/** "1,200 of 2,400 embedded, ~2 min left" while embedding, else null. */
export function liveProgressLabel(s: ProgressState): string | null {
  const p = s.embedProgress;
  return s.embeddingStatus === 'embedding' && p ? partialLabel(p.done, p.total, embeddingRate(s)) : null;
}

/** "~2 min left" (or "– left") while embedding, else null. */
export function timeLeft(s: ProgressState): string | null {
  const p = s.embedProgress;
  return s.embeddingStatus === 'embedding' && p ? timeLeftLabel(p.total - p.done, embeddingRate(s)) : null;
}
