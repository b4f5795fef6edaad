import { describe, expect, it } from 'vitest';
import { stallSetting, threadSetting } from '../../src/store/modelActions';

describe('threadSetting', () => {
  it('defaults to up to 4 threads when isolated, 1 otherwise, with nothing to report', () => {
    expect(threadSetting('', 8, true)).toEqual({ threads: 4, notice: null });
    expect(threadSetting('', 2, true)).toEqual({ threads: 2, notice: null });
    expect(threadSetting('', 8, false)).toEqual({ threads: 1, notice: null });
  });

  it('uses ?threads= up to the number of cores, and says when it caps it', () => {
    expect(threadSetting('?threads=3', 8, true)).toEqual({ threads: 3, notice: null });
    const capped = threadSetting('?threads=9999', 2, true);
    expect(capped.threads).toBe(2);
    expect(capped.notice).toContain('asks for 9999 threads, but this machine has 2 cores, so 2 threads are used');
  });

  it.each(['abc', '0', '-3', '2.5', '', '1e3'])('reports threads=%s instead of ignoring it', (value) => {
    const r = threadSetting(`?threads=${value}`, 8, true);
    expect(r.threads).toBe(4);
    expect(r.notice).toContain('is not a whole number of 1 or more, so 4 threads are used');
  });

  it('says threads need cross-origin isolation', () => {
    expect(threadSetting('?threads=4', 8, false)).toMatchObject({ threads: 1, notice: expect.stringContaining('cross-origin isolated') });
  });
});

describe('stallSetting', () => {
  it('defaults to 20 s and takes 1-600 s from ?stall=', () => {
    expect(stallSetting('')).toEqual({ stallMs: 20_000, notice: null });
    expect(stallSetting('?stall=2')).toEqual({ stallMs: 2000, notice: null });
  });

  it.each(['0', '601', 'soon'])('reports stall=%s', (value) => {
    expect(stallSetting(`?stall=${value}`)).toMatchObject({ stallMs: 20_000, notice: expect.stringContaining(`stall=${value}`) });
  });
});
