import type { Profile } from './schema';

/**
 * The text a model embeds for a profile: what a recruiter would read, without the name
 * or location (they say nothing about fit and would only add noise), and never the label.
 */
export function profileToText(p: Profile): string {
  if (p.text !== undefined) return p.text;
  const parts = [p.headline, p.summary];
  for (const e of p.experience) {
    parts.push(`${e.title} at ${e.company}. ${e.bullets.join(' ')}`);
  }
  if (p.skills.length) parts.push(`Skills: ${p.skills.join(', ')}.`);
  return parts.filter(Boolean).join('\n');
}

/**
 * The same content as `profileToText`, one piece per field (headline, summary, each role,
 * each bullet, skills), so sentence boundaries that the joined text loses (bullets have no
 * full stop) are kept.
 */
export function profileFields(p: Profile): string[] {
  // an imported text keeps its own line breaks, the nearest thing it has to fields
  if (p.text !== undefined) return p.text.split('\n').filter((line) => line.trim());
  const fields = [p.headline, p.summary];
  for (const e of p.experience) fields.push(`${e.title} at ${e.company}`, ...e.bullets);
  if (p.skills.length) fields.push(`Skills: ${p.skills.join(', ')}`);
  return fields.filter(Boolean);
}
