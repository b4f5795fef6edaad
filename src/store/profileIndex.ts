/**
 * Per-profile-list lookups built once and reused until the profiles change: the texts the
 * rules read and id -> row (the BM25 index lives in the keyword worker). Keyed by the
 * profiles array itself (the store replaces it, never mutates it), so a new dataset builds
 * fresh ones and the old ones are garbage-collected with the old array.
 */
import { profileToText } from '../data/profileText';
import type { Profile } from '../data/schema';

function memoByProfiles<T>(build: (profiles: readonly Profile[]) => T): (profiles: readonly Profile[]) => T {
  const memo = new WeakMap<readonly Profile[], T>();
  return (profiles) => {
    let value = memo.get(profiles);
    if (value === undefined) memo.set(profiles, (value = build(profiles)));
    return value;
  };
}

/** Each profile as the model reads it (profileToText), by row. */
export const profileTexts = memoByProfiles((profiles) => profiles.map(profileToText));


const rowsById = memoByProfiles((profiles) => new Map(profiles.map((p, i) => [p.id, i])));

/** The profile's row in the list (and in the embedding matrix), or -1. */
export function profileRow(profiles: readonly Profile[], id: string): number {
  return rowsById(profiles).get(id) ?? -1;
}
