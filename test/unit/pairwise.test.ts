import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion } from '../../src/api/openaiClient';
import { combineOrders, maxComparisons, pairMessages, pairwiseRerank, pairwiseSort, parseVerdict, verdictKey, type PairVerdicts } from '../../src/api/pairwise';
import { startStandInOpenAI, type StandInOpenAI } from '../helpers/standInOpenAI';

describe('pairwise re-ranking, pure parts', () => {
  it('reads verdicts as JSON, a bare letter, or not at all', () => {
    expect(parseVerdict('{"winner": "b", "reason": "Owns a roadmap."}')).toEqual({ winner: 'B', reason: 'Owns a roadmap.' });
    expect(parseVerdict('Sure! {"winner":"A","reason":"x"} hope that helps')).toEqual({ winner: 'A', reason: 'x' });
    expect(parseVerdict(' A. ')).toEqual({ winner: 'A', reason: '' });
    expect(parseVerdict('Both are great.').winner).toBeNull();
    expect(parseVerdict('{"winner": "C"}').winner).toBeNull();
  });

  it('keeps a verdict only when both orders agree, so position bias counts as a tie', () => {
    const v = (winner: 'A' | 'B' | null) => ({ winner, reason: '' });
    expect(combineOrders({ first: v('A'), second: v('B') })).toBe(1);
    expect(combineOrders({ first: v('B'), second: v('A') })).toBe(-1);
    expect(combineOrders({ first: v('A'), second: v('A') })).toBe(0); // always the first shown
    expect(combineOrders({ first: v(null), second: v('B') })).toBe(0);
  });

  it('shows profile A first', () => {
    const [, user] = pairMessages('job', 'alpha', 'beta');
    expect(user.content.indexOf('alpha')).toBeLessThan(user.content.indexOf('beta'));
  });

  it('sorts best first within the merge-sort bound of comparisons, ties in the input order', async () => {
    const worth: Record<string, number> = { a: 3, b: 9, c: 1, d: 9, e: 5, f: 7, g: 2, h: 8, i: 4, j: 6 };
    const ids = Object.keys(worth);
    let asked = 0;
    const seen = new Set<string>();
    const sorted = await pairwiseSort(ids, async (x, y) => {
      asked++;
      const key = [x, y].sort().join();
      expect(seen.has(key), `pair ${key} asked twice`).toBe(false);
      seen.add(key);
      return worth[x] - worth[y];
    });
    expect(sorted).toEqual(['b', 'd', 'h', 'f', 'j', 'e', 'i', 'a', 'g', 'c']);
    expect(asked).toBeLessThanOrEqual(maxComparisons(10));
    expect(maxComparisons(10)).toBe(25);
    expect(maxComparisons(30)).toBe(119);
    expect(maxComparisons(1)).toBe(0);
  });
});

describe('pairwise re-ranking against the stand-in chat endpoint', () => {
  let server: StandInOpenAI;
  beforeAll(async () => {
    server = await startStandInOpenAI();
  });
  afterAll(() => server.close());

  const job = 'Product manager owning the roadmap, discovery and backlog for a payments app';
  const profiles: Record<string, string> = {
    p1: 'Accountant closing the books each month',
    p2: 'Product manager: roadmap and backlog',
    p3: 'Product manager owning roadmap discovery and backlog for payments',
    p4: 'Nurse on a surgical ward',
  };
  const run = (model: string, cache = new Map<string, PairVerdicts>()) =>
    pairwiseRerank(
      ['p1', 'p2', 'p3', 'p4'],
      async (a, b) => {
        const r = await chatCompletion({ fetch: (u, i) => fetch(u, i) }, { baseUrl: server.baseUrl, apiKey: '', model }, pairMessages(job, profiles[a], profiles[b]));
        return { verdict: parseVerdict(r.content), billedTokens: r.billedTokens };
      },
      cache,
      (x, y) => verdictKey(model, 'job1', x, y),
    );

  it('re-orders by the verdicts, asks each pair in both orders, and a second run comes from the cache', async () => {
    const cache = new Map<string, PairVerdicts>();
    const before = server.requests.length;
    const out = await run('stand-in-chat', cache);
    expect(out.order.slice(0, 2)).toEqual(['p3', 'p2']);
    expect(out.calls).toBe(2 * out.pairs.length);
    expect(server.requests.length - before).toBe(out.calls);
    expect(out.pairs.length).toBeLessThanOrEqual(maxComparisons(4));
    expect(out.billedTokens).toBe(server.requests.slice(before).reduce((n, r) => n + (r.billedTokens ?? 0), 0));
    expect(out.pairs.every((p) => p.verdicts.first.reason.length > 0)).toBe(true);
    const again = await run('stand-in-chat', cache);
    expect(again.order).toEqual(out.order);
    expect(again.calls).toBe(0);
    expect(again.pairs.every((p) => p.fromCache)).toBe(true);
  });

  it('a model that always picks the first shown changes nothing: every pair is a tie', async () => {
    const out = await run('biased-chat');
    expect(out.order).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(out.pairs.every((p) => p.outcome === 0)).toBe(true);
  });
});
