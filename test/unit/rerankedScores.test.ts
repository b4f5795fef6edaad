import { describe, expect, it } from 'vitest';
import { rerankedScores } from '../../scripts/lib/nodeReranker';
import { topK } from '../../src/core/topK';

describe('rerankedScores', () => {
  it('orders the re-ranked top by the re-ranker, above everything else in first-stage order', () => {
    const first = Float32Array.from([0.9, 0.1, 0.8, 0.5, 0.7]);
    const top = topK(first, 3); // [0, 2, 4]
    const out = rerankedScores(first, top, [0.2, 0.9, 0.5]);
    expect(topK(out, 5)).toEqual([2, 4, 0, 3, 1]);
    expect(Math.min(out[0], out[2], out[4])).toBeGreaterThan(Math.max(out[1], out[3]));
  });
});
