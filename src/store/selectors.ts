import type { Profile } from '../data/schema';
import { findModel } from '../embedding/catalogue';
import type { AppState } from './appStore';

export interface ResultRow {
  rank: number;
  score: number;
  profile: Profile;
}

/** Joins ranked hits with their profiles; call inside useMemo keyed on result and profiles. */
export function resultRows(result: AppState['result'], profiles: readonly Profile[]): ResultRow[] {
  if (!result) return [];
  return result.hits.flatMap((h, i) => {
    const profile = profiles[h.index];
    return profile ? [{ rank: i + 1, score: h.score, profile }] : [];
  });
}

export const selectModelLabel = (s: AppState): string => findModel(s.modelId)?.label ?? s.modelId;

export const selectCanSearch = (s: AppState): boolean => s.datasetStatus === 'ready' && s.embeddingStatus !== 'error';
