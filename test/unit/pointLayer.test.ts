import { describe, expect, it } from 'vitest';
import { buildHitGrid, drawPoints, groupByCluster, hitTest, linearMapping, pointRadius, POINT_ALPHA } from '../../src/ui/plot/pointLayer';
import { clusterColour } from '../../src/ui/plot/palette';
import type { PointColumns } from '../../src/store/plotSelectors';
import { recordingContext } from '../helpers/recordingCanvas';

function columns(rows: [index: number, x: number, y: number, cluster: number][]): PointColumns {
  return {
    index: Int32Array.from(rows, (r) => r[0]),
    x: Float32Array.from(rows, (r) => r[1]),
    y: Float32Array.from(rows, (r) => r[2]),
    cluster: Int32Array.from(rows, (r) => r[3]),
  };
}

// data [0, 10] x [0, 10] onto a 100 x 100 pixel plot at (50, 20), y upwards
const m = linearMapping([0, 10], [0, 10], [50, 150], [120, 20])!;
const area = { x: 50, y: 20, width: 100, height: 100 };

describe('linearMapping', () => {
  it('sends the domain ends to the pixel ends, y growing upwards', () => {
    expect(m.x0 + 0 * m.xk).toBe(50);
    expect(m.x0 + 10 * m.xk).toBe(150);
    expect(m.y0 + 0 * m.yk).toBe(120);
    expect(m.y0 + 10 * m.yk).toBe(20);
    expect(m.x0 + 2.5 * m.xk).toBe(75);
  });

  it('gives null for an empty domain rather than infinite pixels', () => {
    expect(linearMapping([1, 1], [0, 1], [0, 100], [100, 0])).toBeNull();
  });
});

describe('drawPoints', () => {
  it('draws every point inside the plot area once, in its cluster colour, one fill per cluster', () => {
    const points = columns([
      [0, 0, 0, 1],
      [1, 10, 10, 0],
      [2, 5, 5, 1],
      [3, 11, 5, 2], // right of the domain: not drawn
    ]);
    const { ctx, dots } = recordingContext();
    let fills = 0;
    const fill = ctx.fill;
    ctx.fill = () => {
      fills++;
      fill();
    };
    const stats = drawPoints(ctx, points, m, area, 2);
    expect(stats).toEqual({ drawn: 3, clusters: [0, 1] });
    expect(fills).toBe(2);
    expect(dots).toEqual([
      { x: 150, y: 20, r: 2, fill: clusterColour(0) },
      { x: 50, y: 120, r: 2, fill: clusterColour(1) },
      { x: 100, y: 70, r: 2, fill: clusterColour(1) },
    ]);
    expect(ctx.globalAlpha).toBe(1);
  });

  it('draws 100,000 points with translucent dots', () => {
    const n = 100_000;
    const points: PointColumns = {
      index: Int32Array.from({ length: n }, (_, i) => i),
      x: Float32Array.from({ length: n }, (_, i) => (i % 1000) / 100),
      y: Float32Array.from({ length: n }, (_, i) => Math.floor(i / 1000) / 10),
      cluster: Int32Array.from({ length: n }, (_, i) => i % 7),
    };
    const { ctx, dots } = recordingContext();
    let alpha = 0;
    const fill = ctx.fill;
    ctx.fill = () => {
      alpha = ctx.globalAlpha;
      fill();
    };
    expect(drawPoints(ctx, points, m, area, pointRadius(n)).drawn).toBe(n);
    expect(dots).toHaveLength(n);
    expect(alpha).toBe(POINT_ALPHA);
    expect(dots[0].r).toBe(1.5); // drawn as 3-px squares: below SQUARE_BELOW
    expect(new Set(dots.map((d) => d.fill)).size).toBe(7);
  });
});

describe('pointRadius', () => {
  it('shrinks as the map fills', () => {
    expect(pointRadius(2_400)).toBe(3);
    expect(pointRadius(20_000)).toBe(2);
    expect(pointRadius(100_000)).toBeLessThan(2);
  });
});

describe('colour per cluster', () => {
  it('groups positions by cluster in ascending id order, each cluster its own palette colour', () => {
    expect(groupByCluster(Int32Array.from([2, 0, 2, 5, 0])).map(([c, p]) => [c, Array.from(p)])).toEqual([
      [0, [1, 4]],
      [2, [0, 2]],
      [5, [3]],
    ]);
    expect(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(clusterColour)).size).toBe(10);
    expect(clusterColour(20)).toBe(clusterColour(0));
  });
});

describe('hitTest', () => {
  const points = columns([
    [10, 1, 1, 0], // pixel (60, 110)
    [11, 1.2, 1, 0], // pixel (62, 110)
    [12, 9, 9, 1], // pixel (140, 30)
  ]);
  const grid = buildHitGrid(points, m, 200, 150, 8);

  it('finds the nearest point within the distance, across cell borders', () => {
    expect(hitTest(grid, 59, 110, 6)).toBe(0);
    expect(hitTest(grid, 63, 111, 6)).toBe(1);
    expect(points.index[hitTest(grid, 144, 27, 6)!]).toBe(12);
  });

  it('finds nothing in empty space or just beyond the distance', () => {
    expect(hitTest(grid, 100, 70, 6)).toBeNull();
    expect(hitTest(grid, 140, 37, 6)).toBeNull();
    expect(hitTest(grid, 140, 36, 6)).toBe(2);
  });

  it('agrees with a scan of every point on 5,000 random points', () => {
    let seed = 3;
    const next = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const many = columns(Array.from({ length: 5000 }, (_, i) => [i, next() * 10, next() * 10, i % 4] as [number, number, number, number]));
    const g = buildHitGrid(many, m, 200, 150, 8);
    for (let t = 0; t < 300; t++) {
      const x = 40 + next() * 120;
      const y = 10 + next() * 120;
      let best: number | null = null;
      let bestD = 25;
      for (let p = 0; p < 5000; p++) {
        const d = (m.x0 + many.x[p] * m.xk - x) ** 2 + (m.y0 + many.y[p] * m.yk - y) ** 2;
        if (d < bestD || (d === bestD && (best === null || p > best))) [best, bestD] = [p, d];
      }
      expect(hitTest(g, x, y, 5)).toBe(best);
    }
  });
});
