import { describe, expect, it } from 'vitest';
import {
  etaSeconds,
  flaggedRows,
  maskMissing,
  measuredRate,
  nextChunkSize,
  partialLabel,
  shouldPublish,
  shouldRefit,
  PUBLISH_EVERY_MS,
  TAKEOVER_MIN,
  MAX_CHUNK,
  FIRST_CHUNK,
} from '../../src/core/progressive';
import { fuseScores } from '../../src/core/fusion';

describe('partialLabel', () => {
  it('says how many of how many are embedded and the time left at the measured rate', () => {
    // 1,200 left at 10 texts/s = 120 s
    expect(partialLabel(1200, 2400, 10)).toBe('1,200 of 2,400 embedded, ~2 min left');
    // 2,160 left at 6 texts/s = 360 s
    expect(partialLabel(240, 2400, 6)).toBe('240 of 2,400 embedded, ~6 min left');
  });

  it('shows – for the time until a rate has been measured, never 0', () => {
    expect(partialLabel(0, 2400, null)).toBe('0 of 2,400 embedded, – left');
    expect(partialLabel(300, 2400, 0)).toBe('300 of 2,400 embedded, – left');
  });

  it('rounds the time to what the rate can tell: 5 s under a minute, minutes under an hour', () => {
    expect(partialLabel(2390, 2400, 6)).toBe('2,390 of 2,400 embedded, ~5 s left'); // 1.7 s → at least 5 s
    expect(partialLabel(2200, 2400, 6)).toBe('2,200 of 2,400 embedded, ~35 s left'); // 33.3 s
    expect(partialLabel(0, 100_000, 6)).toBe('0 of 100,000 embedded, ~4 h 40 min left'); // 16,667 s → 10-min steps
    expect(partialLabel(2400, 2400, 6)).toBe('2,400 of 2,400 embedded, ~0 s left');
  });
});

describe('etaSeconds and measuredRate', () => {
  it('measure over computed texts only', () => {
    expect(measuredRate(0, 1000)).toBeNull();
    expect(measuredRate(12, 0)).toBeNull();
    expect(measuredRate(12, 2000)).toBe(6);
    expect(etaSeconds(600, 6)).toBe(120);
    expect(etaSeconds(600, null)).toBeNull();
  });
});

describe('nextChunkSize', () => {
  it('starts small, then aims at about two seconds of work in multiples of 8, within bounds', () => {
    expect(nextChunkSize(null)).toBe(FIRST_CHUNK);
    expect(nextChunkSize(6)).toBe(16); // 12 texts → nearest multiple of 8
    expect(nextChunkSize(1)).toBe(8);
    expect(nextChunkSize(100)).toBe(200);
    expect(nextChunkSize(1e6)).toBe(MAX_CHUNK);
  });
});

describe('shouldPublish', () => {
  const base = { done: 50, total: 2400, published: false, othersOnScreen: false, sinceLastMs: 0 };
  it('puts the first rows on screen at once when nothing else is there', () => {
    expect(shouldPublish(base)).toBe(true);
    expect(shouldPublish({ ...base, done: 0 })).toBe(false);
  });
  it("keeps another model's results until the new one has TAKEOVER_MIN profiles (or all)", () => {
    expect(shouldPublish({ ...base, othersOnScreen: true })).toBe(false);
    expect(shouldPublish({ ...base, othersOnScreen: true, done: TAKEOVER_MIN })).toBe(true);
    expect(shouldPublish({ ...base, othersOnScreen: true, done: 20, total: 20 })).toBe(true);
  });
  it('then refreshes at most every PUBLISH_EVERY_MS, and always at the end', () => {
    expect(shouldPublish({ ...base, published: true, sinceLastMs: PUBLISH_EVERY_MS - 1 })).toBe(false);
    expect(shouldPublish({ ...base, published: true, sinceLastMs: PUBLISH_EVERY_MS })).toBe(true);
    expect(shouldPublish({ ...base, published: true, done: 2400, sinceLastMs: 1 })).toBe(true);
  });
});

describe('shouldRefit', () => {
  it('fits again when the embedded set has doubled, and once it is complete', () => {
    expect(shouldRefit(0, 16, 2400)).toBe(true);
    expect(shouldRefit(100, 199, 2400)).toBe(false);
    expect(shouldRefit(100, 200, 2400)).toBe(true);
    expect(shouldRefit(1500, 2400, 2400)).toBe(true);
    expect(shouldRefit(2400, 2400, 2400)).toBe(false);
    expect(shouldRefit(0, 0, 2400)).toBe(false);
  });
});

describe('maskMissing and flaggedRows', () => {
  it('turns the scores of profiles without a vector into NaN', () => {
    const scores = maskMissing(Float32Array.from([0.5, 0, 0.2, 0]), Uint8Array.from([1, 0, 1, 0]));
    expect(Array.from(scores)).toEqual([0.5, NaN, expect.closeTo(0.2, 6), NaN]);
    expect(Array.from(flaggedRows(Uint8Array.from([0, 1, 1, 0, 1])))).toEqual([1, 2, 4]);
    const all = Float32Array.from([1, 2]);
    expect(maskMissing(all, null)).toBe(all);
    expect(() => maskMissing(all, new Uint8Array(3))).toThrow(/3 flags for 2 scores/);
  });
});

describe('fuseScores over a partial set', () => {
  const embedding = Float32Array.from([0.9, NaN, 0.5, 0.1, NaN]);
  const keyword = Float32Array.from([2, 8, 0, 5, 1]);
  for (const options of [
    { method: 'convex', weight: 0.4, normalisation: 'zscore' },
    { method: 'convex', weight: 0.5, normalisation: 'minmax' },
    { method: 'rrf', weight: 0.5, offset: 60 },
  ] as const) {
    it(`${options.method}: the embedded profiles get the scores a search of just them gives; the others NaN`, () => {
      const fused = fuseScores(embedding, keyword, options);
      const alone = fuseScores(Float32Array.from([0.9, 0.5, 0.1]), Float32Array.from([2, 0, 5]), options);
      expect([fused[0], fused[2], fused[3]]).toEqual(Array.from(alone));
      expect(Number.isNaN(fused[1]) && Number.isNaN(fused[4])).toBe(true);
    });
  }
});
