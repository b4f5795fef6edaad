import { describe, expect, it } from 'vitest';
import { samplePointsForDrawing } from '../../src/core/plotSample';
import { includePoint, paddedDomain } from '../../src/core/axisDomain';

describe('samplePointsForDrawing', () => {
  it('draws everything under the cap', () => {
    expect(Array.from(samplePointsForDrawing([0, 1, 1, 0], [], 10))).toEqual([0, 1, 2, 3]);
  });

  it('keeps the kept indices and every cluster, roughly in proportion, within about the cap', () => {
    // 10,000 points: cluster 0 has 9,000, cluster 1 has 990, cluster 2 has 10
    const labels = Int32Array.from({ length: 10_000 }, (_, i) => (i < 9000 ? 0 : i < 9990 ? 1 : 2));
    const keep = [5, 9500, 9995];
    const sample = samplePointsForDrawing(labels, keep, 1000, 7, 20);
    const set = new Set(sample);
    for (const k of keep) expect(set.has(k)).toBe(true);
    const counts = [0, 0, 0];
    for (const i of sample) counts[labels[i]]++;
    expect(counts[2]).toBe(10); // a tiny cluster is drawn whole
    expect(counts[1]).toBeGreaterThanOrEqual(98);
    expect(counts[0]).toBeGreaterThan(850);
    expect(sample.length).toBeLessThanOrEqual(1000 + 3 * 20);
    expect([...sample]).toEqual([...sample].sort((a, b) => a - b));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const labels = Int32Array.from({ length: 5000 }, (_, i) => i % 4);
    const a = samplePointsForDrawing(labels, [], 500, 1);
    expect(samplePointsForDrawing(labels, [], 500, 1)).toEqual(a);
    expect(samplePointsForDrawing(labels, [], 500, 2)).not.toEqual(a);
  });
});

describe('paddedDomain', () => {
  it('covers every value with padding, on a rounded grid, reading a strided column', () => {
    const xy = Float32Array.from([0.1, 5, 0.9, -5, 0.5, 0]);
    const [lo, hi] = paddedDomain(xy, 2, 0);
    expect(lo).toBeLessThan(0.1);
    expect(hi).toBeGreaterThan(0.9);
    expect(lo).toBeCloseTo(0.06, 10);
    expect(hi).toBeCloseTo(0.94, 10);
    expect(paddedDomain(xy, 2, 1)).toEqual([-6, 6]); // -5.5..5.5 rounded out to whole units
    expect(paddedDomain([3, 3])).toEqual([2, 4]);
    expect(paddedDomain([])).toEqual([-1, 1]);
    const [a, b] = includePoint([0, 1], 2);
    expect(a).toBe(0);
    expect(b).toBeCloseTo(2.03, 10);
  });
});
