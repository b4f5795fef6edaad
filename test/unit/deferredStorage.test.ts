// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { deferredFieldStorage } from '../../src/store/deferredStorage';

type S = { query: string; k: number };

function recording() {
  const writes: S[] = [];
  const inner: PersistStorage<S> = { getItem: () => null, setItem: (_n, v: StorageValue<S>) => void writes.push(v.state), removeItem: () => undefined };
  return { writes, storage: deferredFieldStorage<S>(inner, 'query', 500) };
}
const v = (state: S): StorageValue<S> => ({ state, version: 1 });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('deferredFieldStorage', () => {
  it('saves the job description once typing pauses, not once per keystroke', () => {
    const { writes, storage } = recording();
    storage.setItem('s', v({ query: '', k: 10 }));
    for (const q of ['a', 'ab', 'abc']) {
      storage.setItem('s', v({ query: q, k: 10 }));
      vi.advanceTimersByTime(100);
    }
    expect(writes).toEqual([{ query: '', k: 10 }]);
    vi.advanceTimersByTime(500);
    expect(writes).toEqual([{ query: '', k: 10 }, { query: 'abc', k: 10 }]);
  });

  it('saves any other setting at once, with the latest job description', () => {
    const { writes, storage } = recording();
    storage.setItem('s', v({ query: '', k: 10 }));
    storage.setItem('s', v({ query: 'half', k: 10 }));
    storage.setItem('s', v({ query: 'half', k: 5 }));
    expect(writes.at(-1)).toEqual({ query: 'half', k: 5 });
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(2);
  });

  it('skips writes when nothing saved changed (persist calls on every store update)', () => {
    const { writes, storage } = recording();
    const state = { query: 'x'.repeat(1000), k: 10 };
    storage.setItem('s', v(state));
    storage.setItem('s', v({ ...state }));
    storage.setItem('s', v({ ...state }));
    expect(writes).toHaveLength(1);
  });

  it('writes what is waiting when asked to flush (the page does so when hidden or unloaded)', () => {
    const { writes, storage } = recording();
    storage.setItem('s', v({ query: '', k: 10 }));
    storage.setItem('s', v({ query: 'typed', k: 10 }));
    storage.flush();
    expect(writes.at(-1)).toEqual({ query: 'typed', k: 10 });
    storage.setItem('s', v({ query: 'typed more', k: 10 }));
    window.dispatchEvent(new Event('pagehide'));
    expect(writes.at(-1)).toEqual({ query: 'typed more', k: 10 });
    expect(writes).toHaveLength(3);
  });
});
