import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/core/format';
import { estimateTokens } from '../../src/core/tokens';
import {
  averageTokens,
  bytesPerVector,
  costCurve,
  costTable,
  formatDuration,
  hostedCost,
  localEmbedTime,
  logSliderToN,
  logSpacedN,
  nToLogSlider,
  perQueryCost,
  roundSignificant,
  vectorStorageBytes,
  type CostParams,
  type HostedModel,
  type VectorEncoding,
} from '../../src/core/costModel';
import { HOSTED_EMBEDDING_PRICES, PRICES_CHECKED } from '../../src/data/pricing';

const SMALL: HostedModel = { id: 'text-embedding-3-small', name: '3-small', usdPer1M: 0.02, batchUsdPer1M: 0.01, dims: 1536 };
const LARGE: HostedModel = { id: 'text-embedding-3-large', name: '3-large', usdPer1M: 0.13, dims: 3072 };
const ADA: HostedModel = { id: 'text-embedding-ada-002', name: 'ada', usdPer1M: 0.1, dims: 1536 };
const MINILM = { name: 'MiniLM', dims: 384, textsPerSecond: 800, downloadMB: 23 };

const params: CostParams = {
  texts: 1_000_000,
  avgTokens: 500,
  queryTokens: 300,
  hosted: [SMALL, LARGE, ADA],
  local: [MINILM],
};

describe('hosted cost, worked by hand', () => {
  // 1,000,000 texts × 500 tokens = 500M tokens = 500 × (price per 1M).
  it('1M texts × 500 tokens', () => {
    expect(hostedCost(0.02, 1_000_000, 500)).toBeCloseTo(10, 10);
    expect(hostedCost(0.13, 1_000_000, 500)).toBeCloseTo(65, 10);
    expect(hostedCost(0.1, 1_000_000, 500)).toBeCloseTo(50, 10);
    expect(hostedCost(0.01, 1_000_000, 500)).toBeCloseTo(5, 10); // -3-small batch
  });

  it('per query: 300 tokens × $0.02 / 1M = $0.000006', () => {
    expect(perQueryCost(0.02, 300)).toBeCloseTo(0.000006, 15);
    expect(perQueryCost(0.13, 1_000_000)).toBeCloseTo(0.13, 12);
  });

  it('scales linearly and is zero for no texts', () => {
    expect(hostedCost(0.02, 0, 500)).toBe(0);
    expect(hostedCost(0.02, 2_000_000, 500)).toBeCloseTo(2 * hostedCost(0.02, 1_000_000, 500), 10);
  });

  it('rejects negative or non-finite inputs', () => {
    expect(() => hostedCost(-0.02, 1, 1)).toThrow(RangeError);
    expect(() => hostedCost(0.02, Number.NaN, 1)).toThrow(RangeError);
    expect(() => hostedCost(0.02, 1, Infinity)).toThrow(RangeError);
  });
});

describe('vector storage', () => {
  it('1M × 1536 dims: fp32 6.144 GB, fp16 3.072 GB, int8 1.536 GB, binary 192 MB', () => {
    expect(vectorStorageBytes(1_000_000, 1536, 'fp32')).toBe(6_144_000_000);
    expect(vectorStorageBytes(1_000_000, 1536, 'fp16')).toBe(3_072_000_000);
    expect(vectorStorageBytes(1_000_000, 1536, 'int8')).toBe(1_536_000_000);
    expect(vectorStorageBytes(1_000_000, 1536, 'binary')).toBe(192_000_000);
  });

  it('int8 adds a 4-byte scale per vector only when asked', () => {
    expect(bytesPerVector(1536, 'int8')).toBe(1536);
    expect(bytesPerVector(1536, 'int8', { int8PerVectorScale: true })).toBe(1540);
    expect(bytesPerVector(1536, 'fp32', { int8PerVectorScale: true })).toBe(6144);
  });

  it('binary rounds up to whole bytes', () => {
    expect(bytesPerVector(384, 'binary')).toBe(48);
    expect(bytesPerVector(100, 'binary')).toBe(13);
  });

  it('rejects bad dims and unknown encodings', () => {
    expect(() => bytesPerVector(0, 'fp32')).toThrow(RangeError);
    expect(() => bytesPerVector(1.5, 'fp32')).toThrow(RangeError);
    expect(() => bytesPerVector(8, 'fp8' as VectorEncoding)).toThrow(/fp8/);
  });

  it('formats bytes in decimal units', () => {
    expect(formatBytes(6_144_000_000)).toBe('6.14 GB');
    expect(formatBytes(192_000_000)).toBe('192 MB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(999_600)).toBe('1 MB');
    expect(formatBytes(0)).toBe('0 B');
    // SI names mean SI units: a binary formatter would say "1.0 MB" here
    expect(formatBytes(1_048_576)).toBe('1.05 MB');
    expect(formatBytes(23_000_000)).toBe('23 MB');
    expect(() => formatBytes(-1)).toThrow(RangeError);
  });
});

describe('local embedding time', () => {
  it('1M texts at 800 texts/s = 1,250 s = 20 min 50 s', () => {
    expect(localEmbedTime(1_000_000, 800)).toBe(1250);
    expect(formatDuration(localEmbedTime(1_000_000, 800))).toBe('20 min 50 s');
  });

  it('rejects a zero or negative throughput', () => {
    expect(() => localEmbedTime(10, 0)).toThrow(RangeError);
    expect(() => localEmbedTime(10, -5)).toThrow(RangeError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.3, '< 1 s'],
    [45, '45 s'],
    [59.4, '59 s'],
    [59.6, '1 min'],
    [60, '1 min'],
    [1250, '20 min 50 s'],
    [3570, '59 min 30 s'],
    [3599.6, '1 h'],
    [3600, '1 h'],
    [12_000, '3 h 20 min'],
    [86_370, '1 d'],
    [86_400, '1 d'],
    [200_000, '2 d 8 h'],
    [Infinity, '∞'],
  ])('%s s → %s', (seconds, label) => {
    expect(formatDuration(seconds)).toBe(label);
  });

  it('rejects negative and NaN', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});

describe('log slider for N', () => {
  it('hits the endpoints and the geometric middle', () => {
    expect(logSliderToN(0)).toBe(1_000);
    expect(logSliderToN(1)).toBe(100_000_000);
    expect(logSliderToN(0.2)).toBe(10_000); // 1e3 × (1e5)^0.2 = 1e4
    expect(logSliderToN(0.5)).toBe(320_000); // 316,228 to 2 significant figures
    expect(logSliderToN(0.5, 1, 100)).toBe(10);
    expect(nToLogSlider(1_000)).toBe(0);
    expect(nToLogSlider(100_000_000)).toBe(1);
    expect(nToLogSlider(1_000_000)).toBeCloseTo(0.6, 12);
  });

  it('clamps out-of-range positions and N', () => {
    expect(logSliderToN(-0.5)).toBe(1_000);
    expect(logSliderToN(1.5)).toBe(100_000_000);
    expect(nToLogSlider(10)).toBe(0);
    expect(nToLogSlider(1e12)).toBe(1);
  });

  it('rounds to 2 significant figures', () => {
    for (let i = 0; i <= 1000; i++) {
      const n = logSliderToN(i / 1000);
      expect(roundSignificant(n, 2)).toBe(n);
    }
    expect(roundSignificant(123_456)).toBe(120_000);
    expect(roundSignificant(0.004567, 3)).toBe(0.00457);
  });

  it('round-trips N → position → N exactly for 2-significant-figure N', () => {
    for (const n of [1_000, 1_200, 5_000, 31_000, 320_000, 1_000_000, 47_000_000, 100_000_000]) {
      expect(logSliderToN(nToLogSlider(n))).toBe(n);
    }
  });

  it('round-trips position → N → position to within the 2-figure rounding, monotonically', () => {
    let prev = 0;
    for (let i = 0; i <= 1000; i++) {
      const p = i / 1000;
      const n = logSliderToN(p);
      expect(n).toBeGreaterThanOrEqual(prev);
      prev = n;
      // 2-figure rounding moves N by < 5%, i.e. < log(1.05)/log(1e5) ≈ 0.0042 in position
      expect(Math.abs(nToLogSlider(n) - p)).toBeLessThan(0.0043);
    }
  });

  it('logSpacedN spans the range on a log scale', () => {
    expect(logSpacedN(1e3, 1e8, 6)).toEqual([1e3, 1e4, 1e5, 1e6, 1e7, 1e8]);
    expect(logSpacedN(1e3, 1e8, 11)[1]).toBe(3_200);
    expect(() => logSpacedN(1e3, 1e8, 1)).toThrow(RangeError);
  });
});

describe('costTable', () => {
  const rows = costTable(params);

  it('has one row per model, hosted first, with the hand-worked numbers', () => {
    expect(rows.map((r) => [r.kind, r.id])).toEqual([
      ['hosted', 'text-embedding-3-small'],
      ['hosted', 'text-embedding-3-large'],
      ['hosted', 'text-embedding-ada-002'],
      ['local', 'MiniLM'],
    ]);
    const [small, large, ada, local] = rows;
    expect(small.embedUsd).toBeCloseTo(10, 10);
    expect(small.batchEmbedUsd).toBeCloseTo(5, 10);
    expect(small.perQueryUsd).toBeCloseTo(0.000006, 15);
    expect(small.storageBytes).toEqual({ fp32: 6_144_000_000, fp16: 3_072_000_000, int8: 1_536_000_000, binary: 192_000_000 });
    expect(large.embedUsd).toBeCloseTo(65, 10);
    expect(large.batchEmbedUsd).toBeNull();
    expect(large.storageBytes.fp32).toBe(12_288_000_000);
    expect(ada.embedUsd).toBeCloseTo(50, 10);
    expect(small.embedSeconds).toBeNull();

    expect(local.embedUsd).toBe(0);
    expect(local.perQueryUsd).toBe(0);
    expect(local.embedSeconds).toBe(1250);
    expect(local.embedTime).toBe('20 min 50 s');
    expect(local.downloadMB).toBe(23);
    expect(local.storageBytes.fp32).toBe(1_536_000_000); // 384 × 4 × 1M
  });

  it('is JSON-serialisable without loss', () => {
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it('accepts the price data file as hosted models', () => {
    const table = costTable({ ...params, hosted: HOSTED_EMBEDDING_PRICES, local: [] });
    const byId = Object.fromEntries(table.map((r) => [r.id, r.embedUsd]));
    expect(byId['text-embedding-3-small']).toBeCloseTo(10, 10);
    expect(byId['text-embedding-3-large']).toBeCloseTo(65, 10);
    expect(byId['text-embedding-ada-002']).toBeCloseTo(50, 10);
  });
});

describe('costCurve', () => {
  const nValues = logSpacedN(1e3, 1e8, 11);
  const curve = costCurve(params, nValues);

  it('names one series per model with its unit', () => {
    expect(curve.series).toEqual([
      { key: 'hosted:text-embedding-3-small', name: '3-small', kind: 'hosted', unit: 'USD' },
      { key: 'hosted:text-embedding-3-large', name: '3-large', kind: 'hosted', unit: 'USD' },
      { key: 'hosted:text-embedding-ada-002', name: 'ada', kind: 'hosted', unit: 'USD' },
      { key: 'local:MiniLM', name: 'MiniLM', kind: 'local', unit: 'hours' },
    ]);
    expect(curve.points.map((p) => p.n)).toEqual(nValues);
  });

  it('gives the hand-worked values at N = 1M (USD and hours)', () => {
    const at1M = curve.points.find((p) => p.n === 1_000_000);
    expect(at1M?.['hosted:text-embedding-3-small']).toBeCloseTo(10, 10);
    expect(at1M?.['hosted:text-embedding-3-large']).toBeCloseTo(65, 10);
    expect(at1M?.['local:MiniLM']).toBeCloseTo(1250 / 3600, 12);
  });

  it('is strictly increasing in N for every series, slope 1 on log-log axes', () => {
    for (const s of curve.series) {
      const ys = curve.points.map((p) => p[s.key]);
      for (let i = 1; i < ys.length; i++) {
        expect(ys[i]).toBeGreaterThan(ys[i - 1]);
        const slope = Math.log(ys[i] / ys[i - 1]) / Math.log(nValues[i] / nValues[i - 1]);
        expect(slope).toBeCloseTo(1, 9);
      }
    }
  });

  it('is JSON-serialisable without loss', () => {
    expect(JSON.parse(JSON.stringify(curve))).toEqual(curve);
  });
});

describe('token estimates', () => {
  it('≈ characters / 4, rounded up, ignoring outer whitespace', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('   ')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('  abcd \n')).toBe(1);
    expect(estimateTokens('x'.repeat(2000))).toBe(500);
    expect(estimateTokens('😀😀😀😀😀')).toBe(2); // 5 code points, not 10 UTF-16 units
  });

  it('averages over texts, rounded to a whole token', () => {
    expect(averageTokens([])).toBe(0);
    expect(averageTokens(['abcd', 'abcdefgh', 'a'.repeat(400)])).toBe(34); // (1 + 2 + 100) / 3
  });
});

describe('price data', () => {
  const byId = Object.fromEntries(HOSTED_EMBEDDING_PRICES.map((p) => [p.id, p]));

  it('has the OpenAI list prices and dimensions', () => {
    expect([byId['text-embedding-3-small'].usdPer1M, byId['text-embedding-3-small'].dims]).toEqual([0.02, 1536]);
    expect([byId['text-embedding-3-large'].usdPer1M, byId['text-embedding-3-large'].dims]).toEqual([0.13, 3072]);
    expect([byId['text-embedding-ada-002'].usdPer1M, byId['text-embedding-ada-002'].dims]).toEqual([0.1, 1536]);
  });

  it('dates and sources every entry; batch prices are half the standard price', () => {
    expect(PRICES_CHECKED).toBe('2026-11-28');
    expect(new Set(HOSTED_EMBEDDING_PRICES.map((p) => p.id)).size).toBe(HOSTED_EMBEDDING_PRICES.length);
    for (const p of HOSTED_EMBEDDING_PRICES) {
      expect(p.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.source).toMatch(/^https:\/\/\S+$/);
      if (p.sourceDate !== undefined) expect(p.sourceDate <= p.checked).toBe(true);
      expect(p.usdPer1M).toBeGreaterThan(0);
      expect(Number.isInteger(p.dims) && p.dims > 0).toBe(true);
      if (p.batchUsdPer1M !== undefined) expect(p.batchUsdPer1M).toBeCloseTo(p.usdPer1M / 2, 12);
    }
  });
});
