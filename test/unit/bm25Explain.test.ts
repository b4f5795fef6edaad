import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/core/bm25';
import { KeywordRanker } from '../../src/core/keywordRanking';

const docs = [
  'roadmap backlog discovery roadmap', // 0: roadmap twice
  'roadmap positioning launch messaging', // 1
  'ledger audit reconciliation tax', // 2
  'discovery interviews customers research', // 3: all four documents hold four terms
];
const index = new Bm25Index(docs);

describe('Bm25Index.explain', () => {
  it('gives each matching query term its part of the score, largest first', () => {
    const parts = index.explain('Own the roadmap and the backlog; run discovery', 0);
    // backlog (in 1 document) outweighs roadmap (in 2) even though roadmap occurs twice here:
    // idf ln(1 + 3.5/1.5) = 1.204 against ln(2) * 2 * 2.2 / 3.2 = 0.953
    expect(parts.map((p) => p.term)).toEqual(['backlog', 'roadmap', 'discovery']);
    expect(parts.map((p) => p.count)).toEqual([1, 2, 1]);
    expect(parts[0].contribution).toBeCloseTo(Math.log(1 + 3.5 / 1.5), 6);
    expect(parts[1].contribution).toBeCloseTo((Math.log(2) * 2 * 2.2) / 3.2, 6);
  });

  it('adds up to the score BM25 gives the document, for every document', () => {
    const query = 'roadmap discovery audit customers launch';
    const scores = index.score(query);
    docs.forEach((_, i) => {
      const total = index.explain(query, i).reduce((s, p) => s + p.contribution, 0);
      expect(total).toBeCloseTo(scores[i], 5);
    });
  });

  it('counts a repeated query term once, as the score does, and hand-checks one term', () => {
    const once = index.explain('audit', 2);
    expect(index.explain('audit audit AUDIT', 2)).toEqual(once);
    // idf = ln(1 + (4 - 1 + 0.5) / (1 + 0.5)); doc 2 has average length, so f(k1+1)/(f+k1) = 1
    expect(once[0].contribution).toBeCloseTo(Math.log(1 + 3.5 / 1.5), 6);
  });

  it('is empty when the document shares no term, and refuses a document it does not hold', () => {
    expect(index.explain('ledger', 0)).toEqual([]);
    expect(index.explain('', 0)).toEqual([]);
    expect(() => index.explain('roadmap', 4)).toThrow(RangeError);
  });
});

describe('explain with word pairs, as the app ranks', () => {
  const phrased = new Bm25Index(['senior product manager for payments', 'product marketing manager for launches'], { phrases: true });
  it('credits the pair a title shares with the query, and still adds up to the score', () => {
    const query = 'We are hiring a product manager';
    const parts = phrased.explain(query, 0);
    expect(parts.map((p) => p.term)).toContain('product manager');
    expect(phrased.explain(query, 1).map((p) => p.term)).not.toContain('product manager');
    const scores = phrased.score(query);
    [0, 1].forEach((i) => expect(phrased.explain(query, i).reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(scores[i], 5));
  });
});

describe('KeywordRanker.explain', () => {
  it('explains the focused query the app scores: collaborator mentions earn nothing', () => {
    const ranker = new KeywordRanker(['roadmap owner, marketing launches', 'accounts payable']);
    const query = 'Own the roadmap. Partner with product marketing on launches.';
    const terms = ranker.explain(query, 0).map((p) => p.term);
    expect(terms).toContain('roadmap');
    expect(terms).not.toContain('marketing');
    expect(terms).not.toContain('launches');
    expect(ranker.explain(query, 0).reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(ranker.score(query)[0], 5);
  });
});
