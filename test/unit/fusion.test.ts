import { describe, expect, it } from 'vitest';
import { DEFAULT_FUSION, describeFusion, fuseScores, normaliseScores, ranksOf } from '../../src/core/fusion';

describe('normaliseScores', () => {
  it('min-max scales to 0..1 and z-scores to mean 0, sd 1, by hand', () => {
    expect([...normaliseScores([2, 4, 6], 'minmax')]).toEqual([0, 0.5, 1]);
    const z = normaliseScores([2, 4, 6], 'zscore');
    const sd = Math.sqrt(8 / 3);
    expect(z[0]).toBeCloseTo(-2 / sd, 6);
    expect(z[1]).toBeCloseTo(0, 6);
    expect(z[2]).toBeCloseTo(2 / sd, 6);
  });

  it('maps a constant or empty list to zeros (no order to carry)', () => {
    expect([...normaliseScores([3, 3, 3], 'minmax')]).toEqual([0, 0, 0]);
    expect([...normaliseScores([3, 3, 3], 'zscore')]).toEqual([0, 0, 0]);
    expect(normaliseScores([], 'zscore')).toHaveLength(0);
  });
});

describe('ranksOf', () => {
  it('ranks best first from 1, ties sharing the better rank', () => {
    expect([...ranksOf([0.2, 0.9, 0.5, 0.9])]).toEqual([4, 1, 3, 1]);
  });
});

describe('fuseScores', () => {
  // profile 0: strong keyword match only; 1: strong embedding match only; 2: good at both
  const embedding = [0.1, 0.9, 0.7];
  const keyword = [10, 0, 8];

  it('puts the profile good at both first in a convex mix, by hand', () => {
    const fused = fuseScores(embedding, keyword, { method: 'convex', weight: 0.5, normalisation: 'minmax' });
    // embedding minmax [0, 1, 0.75], keyword minmax [1, 0, 0.8]
    expect(fused[0]).toBeCloseTo(0.5, 6);
    expect(fused[1]).toBeCloseTo(0.5, 6);
    expect(fused[2]).toBeCloseTo(0.775, 6);
  });

  it('gives each side alone at weight 1 and 0', () => {
    const onlyEmbedding = fuseScores(embedding, keyword, { method: 'convex', weight: 1, normalisation: 'minmax' });
    expect([...onlyEmbedding]).toEqual([...normaliseScores(embedding, 'minmax')]);
    const onlyKeyword = fuseScores(embedding, keyword, { method: 'convex', weight: 0, normalisation: 'zscore' });
    expect([...onlyKeyword]).toEqual([...normaliseScores(keyword, 'zscore')]);
  });

  it('fuses reciprocal ranks, by hand', () => {
    // embedding ranks [3, 1, 2], keyword ranks [1, 3, 2], c = 60, equal weights
    const fused = fuseScores(embedding, keyword, { method: 'rrf', weight: 0.5, offset: 60 });
    expect(fused[0]).toBeCloseTo(0.5 / 63 + 0.5 / 61, 7);
    expect(fused[2]).toBeCloseTo(1 / 62, 7);
    // only ranks count: rescaling either list changes nothing
    const rescaled = fuseScores(embedding.map((x) => x * 100), keyword.map((x) => x / 7), { method: 'rrf', weight: 0.5, offset: 60 });
    expect([...rescaled]).toEqual([...fused]);
  });

  it('rejects mismatched lists and weights outside 0..1', () => {
    expect(() => fuseScores([1], [1, 2])).toThrow(/1 embedding scores for 2 keyword scores/);
    expect(() => fuseScores([1], [1], { method: 'convex', weight: 1.5, normalisation: 'zscore' })).toThrow(/weight 1.5/);
    expect(() => fuseScores([1], [1], { method: 'rrf', weight: 0.5, offset: -1 })).toThrow(/offset/);
  });

  it('describes the default in words', () => {
    expect(describeFusion(DEFAULT_FUSION)).toBe('z-scored scores, 40% embedding');
    expect(describeFusion({ method: 'rrf', weight: 0.25, offset: 60 })).toBe('reciprocal rank fusion (c = 60), 25% embedding');
  });
});
