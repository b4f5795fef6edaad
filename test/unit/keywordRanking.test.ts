import { describe, expect, it } from 'vitest';
import { Bm25Index, bm25Terms } from '../../src/core/bm25';
import { KeywordRanker } from '../../src/core/keywordRanking';

const docs = [
  'Product Manager. Owned the roadmap and ran discovery with engineers.',
  'Product Marketing Manager. Positioning, messaging and launches with sales.',
];

describe('BM25 word pairs', () => {
  it('adds adjacent pairs after stop words are dropped', () => {
    expect(bm25Terms('The product manager of growth', true)).toEqual(['product', 'manager', 'growth', 'product manager', 'manager growth']);
    expect(bm25Terms('The product manager', false)).toEqual(['product', 'manager']);
  });

  it('lets the title in order outscore the same words scattered', () => {
    const words = new Bm25Index(docs).score('product manager');
    expect(words[0]).toBeCloseTo(words[1], 1); // both have "product" and "manager"
    const pairs = new Bm25Index(docs, { phrases: true }).score('product manager');
    expect(pairs[0]).toBeGreaterThan(pairs[1] + 0.5);
  });
});

describe('KeywordRanker', () => {
  it('scores without the collaborator mentions of the query', () => {
    const query = 'Product manager to own the roadmap. Partner with product marketing on launches and positioning.';
    const focused = new KeywordRanker(docs);
    expect(focused.queryText(query)).not.toMatch(/marketing|launches|positioning/);
    const plain = new KeywordRanker(docs, { phrases: true, focus: false });
    const f = focused.score(query);
    const p = plain.score(query);
    expect(f[0]).toBeGreaterThan(f[1]);
    // without the focus the PMM profile gains from "marketing", "launches" and "positioning"
    expect(p[1] - p[0]).toBeGreaterThan(f[1] - f[0]);
  });
});
