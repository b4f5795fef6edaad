/**
 * Hub model and dataset ids as the Hugging Face Hub accepts them (huggingface_hub's validate_repo_id):
 * "owner/name", each part 1-96 of A-Z a-z 0-9 _ - ., starting and ending with a letter,
 * digit or underscore, with no "--" or "..", and a name that does not end in ".git".
 * Checked before anything is fetched, so "../.." never becomes a request path.
 */

/** Longest owner or model name the Hub allows. */
export const HUB_PART_MAX = 96;

export type HubIdCheck = { ok: true; id: string } | { ok: false; reason: string };

/** What the id names: the same rules, but the words (and a dataset URL's "/datasets/" prefix) differ. */
export type HubRepoKind = 'model' | 'dataset';

/** An id as typed or pasted: trims spaces and the huggingface.co URL around it (…/tree/main, a trailing slash). */
function unwrap(raw: string, kind: HubRepoKind): string {
  const trimmed = raw.trim();
  const url = /^https?:\/\/(?:www\.)?huggingface\.co\/([^?#]*)/i.exec(trimmed);
  if (!url) return trimmed;
  const parts = url[1].split('/').filter(Boolean);
  if (kind === 'dataset' && parts[0] === 'datasets') parts.shift();
  return parts.slice(0, 2).join('/');
}

function partProblem(part: string, what: string): string | null {
  if (part.length === 0) return `the ${what} is empty`;
  if (part.length > HUB_PART_MAX) return `the ${what} is ${part.length.toLocaleString('en-US')} characters long; the Hub allows at most ${HUB_PART_MAX}`;
  if (/[^A-Za-z0-9_.-]/.test(part)) return `the ${what} may only contain letters, digits, "-", "_" and "."`;
  if (part.includes('..') || part.includes('--')) return `the ${what} may not contain ".." or "--"`;
  if (/^[.-]|[.-]$/.test(part)) return `the ${what} may not start or end with "." or "-"`;
  return null;
}

/** The id in a typed value, or what is wrong with it in words. */
export function checkHubId(raw: string, kind: HubRepoKind = 'model'): HubIdCheck {
  const id = unwrap(raw, kind);
  if (!id) return { ok: false, reason: `Type a Hub ${kind} id, like "organisation/${kind}-name".` };
  const parts = id.split('/');
  if (parts.length !== 2) return { ok: false, reason: `${quoted(raw)} is not a Hub ${kind} id: it needs exactly one "/", as in "organisation/${kind}-name".` };
  const problem = partProblem(parts[0], 'owner') ?? partProblem(parts[1], `${kind} name`) ?? (/\.git$/i.test(parts[1]) ? `the ${kind} name may not end in ".git"` : null);
  if (problem) return { ok: false, reason: `${quoted(raw)} is not a Hub ${kind} id: ${problem}.` };
  return { ok: true, id };
}

/** A Hub model id as typed or pasted ("org/name", or its huggingface.co URL), or null if it is not one. */
export function parseHubId(raw: string): string | null {
  const checked = checkHubId(raw);
  return checked.ok ? checked.id : null;
}

/** Why a typed value was refused, in words. */
export function notAHubId(raw: string): string {
  const checked = checkHubId(raw);
  return checked.ok ? '' : checked.reason;
}

/** Long pasted values are shortened in messages (the field itself keeps all of it). */
function quoted(raw: string): string {
  const t = raw.trim();
  return `"${t.length > 80 ? `${t.slice(0, 60)}…${t.slice(-12)}` : t}"`;
}
