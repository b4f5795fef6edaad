import { describe, expect, it } from 'vitest';
import { concatRows, dot, isZero, normalizeInPlace, normalizeRows, row, rowCount, scoreAll, zeroNonFiniteRows } from '../../src/core/vectors';
import { rankByCosine } from '../../src/core/search';
import { estimateTokens, lengthSortedBatches } from '../../src/core/batches';
import { estimateTokens as estimateTokensForCost } from '../../src/core/tokens';

describe('vectors', () => {
  it('normalises rows to unit length and leaves zero rows at zero', () => {
    const m = normalizeRows({ vectors: Float32Array.from([3, 4, 0, 0, 0, 5]), dim: 2 });
    expect(Array.from(row(m, 0))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(row(m, 1))).toEqual([0, 0]);
    expect(Array.from(row(m, 2))).toEqual([0, 1]);
    expect(rowCount(m)).toBe(3);
  });

  it('scores every row by dot product', () => {
    const m = { vectors: Float32Array.from([1, 0, 0, 1, Math.SQRT1_2, Math.SQRT1_2]), dim: 2 };
    const s = scoreAll(m, [1, 0]);
    expect(Array.from(s)).toEqual([1, 0, expect.closeTo(Math.SQRT1_2, 6)]);
    expect(() => scoreAll(m, [1, 0, 0])).toThrow(/3 dimensions/);
  });

  it('ranks by cosine, best first', () => {
    const m = { vectors: Float32Array.from([1, 0, 0, 1, Math.SQRT1_2, Math.SQRT1_2]), dim: 2 };
    const q = normalizeInPlace(Float32Array.from([1, 0.2]));
    expect(rankByCosine(m, q, 2).map((h) => h.index)).toEqual([0, 2]);
  });

  it('dot checks lengths; concatRows joins blocks and checks dimensions', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(() => dot([1], [1, 2])).toThrow();
    const joined = concatRows([
      { vectors: Float32Array.from([1, 2]), dim: 2 },
      { vectors: Float32Array.from([3, 4, 5, 6]), dim: 2 },
    ]);
    expect(Array.from(joined.vectors)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => concatRows([{ vectors: new Float32Array(2), dim: 2 }, { vectors: new Float32Array(3), dim: 3 }])).toThrow();
  });

  it('plans length-sorted batches that cover every index once', () => {
    const lengths = [50, 10, 30, 10, 90, 20, 70];
    const batches = lengthSortedBatches(lengths, 3);
    expect(batches).toEqual([
      [1, 3, 5],
      [2, 0, 6],
      [4],
    ]);
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => lengthSortedBatches(lengths, 0)).toThrow();
  });
});

describe('non-finite rows', () => {
  it('zeroes rows with NaN and counts them', () => {
    const m = { vectors: Float32Array.from([1, 0, Number.NaN, Number.NaN, 0, 1]), dim: 2 };
    expect(zeroNonFiniteRows(m)).toBe(1);
    expect(Array.from(m.vectors)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(isZero(m.vectors.subarray(2, 4))).toBe(true);
    expect(isZero(m.vectors.subarray(0, 2))).toBe(false);
  });
});

describe('token-capped batches', () => {
  it('caps texts x longest per batch, keeping every index once', () => {
    const lengths = [10, 10, 10, 100, 100, 10];
    const batches = lengthSortedBatches(lengths, 10, 200);
    // sorted: 0,1,2,5 (10 each) then 3,4 (100 each): 40 units, then 2 x 100 = 200 fits
    expect(batches).toEqual([
      [0, 1, 2, 5],
      [3, 4],
    ]);
    expect(lengthSortedBatches([300, 5], 10, 200)).toEqual([[1], [0]]); // an over-long text still gets a batch
    expect(lengthSortedBatches([3, 1, 2], 2, Infinity, false)).toEqual([[0, 1], [2]]);
  });

  it('batches by the one token estimate of the app', () => {
    expect(estimateTokens).toBe(estimateTokensForCost);
  });
});
