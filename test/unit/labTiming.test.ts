import { describe, expect, it } from 'vitest';
import { FileBytesTally, medianOrNull, timingVariants } from '../../src/core/labTiming';

describe('medianOrNull', () => {
  it('gives the middle value, the mean of the two middle ones, and null (not 0) for no samples', () => {
    expect(medianOrNull([5, 1, 3])).toBe(3);
    expect(medianOrNull([4, 1, 3, 2])).toBe(2.5);
    expect(medianOrNull([])).toBeNull();
  });
});

describe('timingVariants', () => {
  const texts = ['Own the roadmap. Run discovery! Ship it?', 'Ledger and audit', 'Third. Text.'];

  it('makes one variant per text up to n, each unlike every source and every other variant', () => {
    const v = timingVariants(texts, 2);
    expect(v).toEqual(['Ship it? Run discovery! Own the roadmap. (timing sample 1)', 'Ledger and audit (timing sample 2)']);
    expect(new Set([...v, ...texts]).size).toBe(v.length + texts.length);
  });

  it('keeps a variant about as long as its source', () => {
    const [v] = timingVariants([texts[0]], 5);
    expect(Math.abs(v.length - texts[0].length)).toBeLessThan(25);
  });
});

describe('FileBytesTally', () => {
  it('sums the last bytes seen per file from progress events only', () => {
    const t = new FileBytesTally();
    expect(t.total).toBeNull();
    t.add({ status: 'initiate', file: 'config.json' });
    t.add({ status: 'progress', file: 'onnx/model.onnx', loaded: 100 });
    t.add({ status: 'progress', file: 'onnx/model.onnx', loaded: 900 });
    t.add({ status: 'progress', file: 'config.json', loaded: 50 });
    t.add({ status: 'progress_total', loaded: 10_000 });
    t.add({ status: 'done', file: 'onnx/model.onnx' });
    expect(t.total).toBe(950);
    expect([...t.files.entries()]).toEqual([
      ['onnx/model.onnx', 900],
      ['config.json', 50],
    ]);
  });
});
