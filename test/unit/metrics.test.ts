import { describe, expect, it } from 'vitest';
import { dcgAt, mean, ndcgAt, precisionAt } from '../../src/core/metrics';
import { Bm25Index, tokenize } from '../../src/core/bm25';
import { highlightRuns } from '../../src/core/terms';

describe('ranking metrics', () => {
  it('computes DCG with exponential gain by hand', () => {
    // (2^2-1)/log2(2) + (2^0-1)/log2(3) + (2^1-1)/log2(4) = 3 + 0 + 0.5
    expect(dcgAt([2, 0, 1], 3)).toBeCloseTo(3.5, 10);
  });

  it('nDCG is 1 for the ideal order, 0 with nothing relevant, and in between otherwise', () => {
    expect(ndcgAt([2, 1, 0], [0, 1, 2, 0], 3)).toBeCloseTo(1, 10);
    expect(ndcgAt([0, 0], [0, 0, 0], 2)).toBe(0);
    const ideal = 3 + 1 / Math.log2(3);
    expect(ndcgAt([0, 2, 1], [2, 1, 0], 3)).toBeCloseTo((3 / Math.log2(3) + 0.5) / ideal, 10);
  });

  it('precision divides by k and honours the minimum grade', () => {
    expect(precisionAt([2, 1, 0, 2], 4)).toBe(0.75);
    expect(precisionAt([2, 1, 0, 2], 4, 2)).toBe(0.5);
    expect(precisionAt([2], 10)).toBe(0.1);
    expect(mean([])).toBe(0);
  });
});

describe('BM25', () => {
  it('tokenizes keeping tech tokens like c++ and node.js', () => {
    expect(tokenize('The C++ and Node.js engineer, 5 years!')).toEqual(['c++', 'node.js', 'engineer', '5', 'years']);
  });

  it('ranks documents with rarer matching terms higher and ignores unknown terms', () => {
    const index = new Bm25Index([
      'product roadmap backlog discovery',
      'product marketing launch messaging',
      'payroll ledger reconciliation',
    ]);
    const s = index.score('roadmap and backlog for the product');
    expect(s[0]).toBeGreaterThan(s[1]);
    expect(s[1]).toBeGreaterThan(0);
    expect(s[2]).toBe(0);
    expect(Array.from(index.score('zzz unknown'))).toEqual([0, 0, 0]);
  });

  it('penalises long documents (b) for the same term frequency', () => {
    const index = new Bm25Index(['roadmap', 'roadmap filler filler filler filler filler']);
    const s = index.score('roadmap');
    expect(s[0]).toBeGreaterThan(s[1]);
  });
});

describe('highlighting', () => {
  it('marks whole-word hits only, case-insensitively, escaping regex characters', () => {
    expect(highlightRuns('C++ and c++x, Roadmaps, roadmap.', ['c++', 'roadmap'])).toEqual([
      { text: 'C++', hit: true },
      { text: ' and c++x, Roadmaps, ', hit: false },
      { text: 'roadmap', hit: true },
      { text: '.', hit: false },
    ]);
  });
});
