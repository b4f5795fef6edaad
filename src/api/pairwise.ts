/**
 * LLM pairwise re-ranking, the pure parts: the question put to a chat model, reading its
 * verdict, cancelling position bias, and a sort that asks as few pairs as it can.
 *
 * Each comparison shows the two profiles in both orders (A,B then B,A). A model that prefers
 * the same profile both times gives a verdict; one that prefers whichever came first (or
 * second) both times is showing position bias, and the pair counts as a tie, which keeps the
 * first-stage order between them.
 *
 * The sort is a merge sort, which needs at most n·⌈log2 n⌉ − 2^⌈log2 n⌉ + 1 comparisons: 25
 * for the default top 10 (50 chat calls), 119 for 30 (238 calls), against n(n−1)/2 = 45 and 435
 * for asking every pair. Ties keep the first-stage order (the merge is stable).
 */

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface Verdict {
  /** Which of the two shown first/second fits better; null when the reply could not be read. */
  winner: 'A' | 'B' | null;
  /** The model's one-line reason, as it gave it (plain text; never rendered as HTML). */
  reason: string;
}

const SYSTEM =
  'You compare two candidate profiles against a job description for a recruiter. ' +
  'Answer with one JSON object and nothing else: {"winner": "A" or "B", "reason": "<one short sentence>"}.';

/** The chat messages asking which of two profiles fits the job better; A is shown first. */
export function pairMessages(job: string, a: string, b: string): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `Job description:\n${job}\n\nProfile A:\n${a}\n\nProfile B:\n${b}\n\nWhich profile fits the job better?` },
  ];
}

/** Reads a verdict from a chat reply: the JSON object asked for, or failing that a lone "A"/"B". */
export function parseVerdict(content: string): Verdict {
  const json = /\{[\s\S]*\}/.exec(content)?.[0];
  if (json) {
    try {
      const v = JSON.parse(json) as { winner?: unknown; reason?: unknown };
      const w = typeof v.winner === 'string' ? v.winner.trim().toUpperCase() : '';
      return { winner: w === 'A' || w === 'B' ? w : null, reason: typeof v.reason === 'string' ? v.reason.trim().slice(0, 300) : '' };
    } catch {
      // fall through to the plain reading
    }
  }
  const bare = /^\s*["']?([AB])["']?\s*[.!]?\s*$/i.exec(content);
  return { winner: bare ? (bare[1].toUpperCase() as 'A' | 'B') : null, reason: bare ? '' : content.trim().slice(0, 300) };
}

/** Both orders of one pair: `first` asked with x as A, `second` with y as A. */
export interface PairVerdicts {
  first: Verdict;
  second: Verdict;
}

/** +1 if x fits better in both orders, −1 if y does, 0 if the orders disagree or a reply was unreadable. */
export function combineOrders({ first, second }: PairVerdicts): -1 | 0 | 1 {
  const xFirst = first.winner === 'A' ? 1 : first.winner === 'B' ? -1 : 0;
  const xSecond = second.winner === 'B' ? 1 : second.winner === 'A' ? -1 : 0;
  if (xFirst !== 0 && xFirst === xSecond) return xFirst;
  return 0;
}

/** Most comparisons merge sort can need for n items: n·⌈log2 n⌉ − 2^⌈log2 n⌉ + 1 (0 for n < 2). */
export function maxComparisons(n: number): number {
  if (n < 2) return 0;
  const c = Math.ceil(Math.log2(n));
  return n * c - 2 ** c + 1;
}

/**
 * Sorts `items` best first with an async comparator (positive: a fits better than b), asking
 * each pair at most once. Stable: ties keep the input order.
 */
export async function pairwiseSort<T>(items: readonly T[], compare: (a: T, b: T) => Promise<number>): Promise<T[]> {
  if (items.length < 2) return [...items];
  const mid = Math.floor(items.length / 2);
  const left = await pairwiseSort(items.slice(0, mid), compare);
  const right = await pairwiseSort(items.slice(mid), compare);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    // right goes first only if it is strictly better: ties keep the first-stage order
    if ((await compare(right[j], left[i])) > 0) out.push(right[j++]);
    else out.push(left[i++]);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}

/** The cache key of one pair's verdicts: the model, the job description and the ordered pair of profile ids. */
export function verdictKey(modelId: string, jobHash: string, x: string, y: string): string {
  return `${modelId}|${jobHash}|${x}|${y}`;
}

/** One compared pair as shown to the user: both verdicts and what they add up to. */
export interface PairRecord<Id extends string = string> {
  x: Id;
  y: Id;
  verdicts: PairVerdicts;
  /** +1: x fits better; −1: y; 0: tie (the orders disagreed). */
  outcome: -1 | 0 | 1;
  fromCache: boolean;
}

export interface PairwiseRun<Id extends string> {
  order: Id[];
  pairs: PairRecord<Id>[];
  /** Chat calls made now (cached pairs cost none). */
  calls: number;
  billedTokens: number | null;
}

/**
 * Re-ranks `ids` (in first-stage order) by asking `ask(first, second)` for each compared pair
 * in both orders. `cache` holds verdicts by `keyOf(x, y)` and is filled as pairs are asked,
 * so a repeated or resumed run asks only new pairs.
 */
export async function pairwiseRerank<Id extends string>(
  ids: readonly Id[],
  ask: (a: Id, b: Id) => Promise<{ verdict: Verdict; billedTokens: number | null }>,
  cache: Map<string, PairVerdicts>,
  keyOf: (x: Id, y: Id) => string,
  onPair?: (done: number, bound: number) => void,
): Promise<PairwiseRun<Id>> {
  const pairs: PairRecord<Id>[] = [];
  let calls = 0;
  let billed: number | null = 0;
  const bound = maxComparisons(ids.length);
  const add = (t: number | null) => (billed = billed === null || t === null ? null : billed + t);
  const order = await pairwiseSort(ids, async (x, y) => {
    const key = keyOf(x, y);
    let verdicts = cache.get(key);
    const fromCache = verdicts !== undefined;
    if (!verdicts) {
      const first = await ask(x, y);
      const second = await ask(y, x);
      calls += 2;
      add(first.billedTokens);
      add(second.billedTokens);
      verdicts = { first: first.verdict, second: second.verdict };
      cache.set(key, verdicts);
    }
    const outcome = combineOrders(verdicts);
    pairs.push({ x, y, verdicts, outcome, fromCache });
    onPair?.(pairs.length, bound);
    return outcome;
  });
  return { order, pairs, calls, billedTokens: billed };
}
