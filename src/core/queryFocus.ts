/**
 * Job descriptions name the roles a hire works WITH as well as the role itself ("partner
 * with product marketing on launches and positioning", "keep sales and support
 * informed"). Those mentions pull the collaborators' profiles up: for the bundled Product
 * Manager job descriptions, "marketing", "launches" and "positioning" were the terms that
 * most favoured Product Marketing Managers. This finds such collaborator spans so rankers
 * can leave them out of the query. Pure and conservative: it only removes the collaborator
 * (and the topic after "on"), never the purpose after "to", and leaves the rest of the
 * sentence intact.
 */

export interface CollaboratorSpan {
  start: number;
  end: number;
  text: string;
}

const WITH_VERBS = String.raw`(?:partner(?:ing|s)?|work(?:ing|s)?|collaborat(?:e|es|ing)|liais(?:e|es|ing)|team(?:ing)? up|coordinat(?:e|es|ing))(?:\s+(?:closely|tightly|daily|hand in hand))?\s+with`;
// the collaborator runs to the first clause boundary: punctuation, a line break, or a word
// that starts the purpose ("to", "so", "for") or the topic ("on", "across", "in")
const COLLABORATOR = String.raw`(?:(?!\s(?:to|so|for|on|across|in|at|from|when|while|who|that)\s)[^\n.;:!?(),])+`;
const TOPIC = String.raw`(?:\s+on\s+(?:(?!\s(?:to|so|for|and say|when|while)\s)[^\n.;:!?(),])+)?`;

const PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b${WITH_VERBS}\s+${COLLABORATOR}${TOPIC}`, 'giu'),
  // "keep sales and support informed", "keep stakeholders up to date"
  new RegExp(String.raw`\bkeep\s+(?:[^\n.;:!?(),](?!\binformed\b|\bup to date\b)){1,60}.(?:informed|up to date)`, 'giu'),
];

/** The collaborator mentions in a job description, in text order, not overlapping. */
export function collaboratorSpans(text: string): CollaboratorSpan[] {
  const spans: CollaboratorSpan[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  spans.sort((a, b) => a.start - b.start);
  return spans.filter((s, i) => i === 0 || s.start >= spans[i - 1].end);
}

/** The job description with its collaborator mentions cut out (each replaced by one space). */
export function focusQuery(text: string): string {
  let out = '';
  let at = 0;
  for (const s of collaboratorSpans(text)) {
    out += text.slice(at, s.start) + ' ';
    at = s.end;
  }
  return out + text.slice(at);
}
