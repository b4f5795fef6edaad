/**
 * Profiles by the million for the scale test (README, "A million profiles"): the same roles,
 * weights and sentence generator as the bundled set, built one at a time so nothing holds
 * all of them. Each profile is shortened to its headline, summary, current role with one
 * bullet and skills (about 500 characters instead of about 1,000), since the page keeps
 * every text in memory; every text is distinct (a repeated text is drawn again).
 */
import { profileToText } from '../../src/data/profileText';
import type { Profile } from '../../src/data/schema';
import { profilePlan } from './index';
import { buildProfile } from './profiles';
import { hashText } from '../../src/core/textHash';
import { Rng } from './random';

export interface LargeProfileRow {
  id: string;
  name: string;
  headline: string;
  text: string;
  /** The role. */
  label: string;
}

/** The shortened profile's text, composed by the app's own profileToText. */
export function compactText(p: Profile): string {
  const latest = p.experience.slice(0, 1).map((e) => ({ ...e, bullets: e.bullets.slice(0, 1) }));
  return profileToText({ ...p, experience: latest });
}

/** Gives up on a slot after this many repeated texts (never reached at a million). */
const MAX_DRAWS = 20;

export function* largeProfiles(seed: number, total: number): Generator<LargeProfileRow> {
  const rng = new Rng(seed).fork('large-profiles');
  const { order, changers } = profilePlan(rng, total);
  // 64-bit hashes: a false "repeat" at a million texts has a chance of about 3e-8
  const seen = new Set<string>();
  const width = String(total).length;
  for (let i = 0; i < total; i++) {
    const id = `p${String(i + 1).padStart(width, '0')}`;
    for (let draw = 0; ; draw++) {
      const p = buildProfile(rng, order[i], id, changers.has(i));
      const text = compactText(p);
      const key = hashText(text);
      if (!seen.has(key)) {
        seen.add(key);
        yield { id, name: p.name, headline: p.headline, text, label: p.label.role };
        break;
      }
      if (draw >= MAX_DRAWS) throw new Error(`Profile ${id}: ${MAX_DRAWS} draws all repeated an earlier text.`);
    }
  }
}
