import type { PersistStorage, StorageValue } from 'zustand/middleware';

/** How long typing may pause before the job description is saved: long enough to skip every keystroke. */
export const TYPING_SAVE_DELAY_MS = 600;

/**
 * Saves settings at once, except while only `field` changes (typing the job description): then
 * the write waits until typing pauses for `delayMs`, or the page is hidden or unloaded. Each write
 * serialises the whole state, and for a 1 MB job description that cost ~10 ms per keystroke.
 */
export function deferredFieldStorage<S extends Record<string, unknown>>(
  inner: PersistStorage<S> | undefined,
  field: keyof S,
  delayMs = TYPING_SAVE_DELAY_MS,
): PersistStorage<S> & { flush: () => void } {
  let written: S | null = null;
  let pending: { name: string; value: StorageValue<S> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = (name: string, value: StorageValue<S>) => {
    clearTimeout(timer);
    pending = null;
    written = value.state;
    void inner?.setItem(name, value);
  };
  const flush = () => {
    if (pending) write(pending.name, pending.value);
  };
  /** Keys whose values differ from the last state written or waiting to be written. */
  const changedKeys = (next: S): string[] => {
    const base = pending?.value.state ?? written;
    return base === null ? ['*'] : Object.keys(next).filter((k) => !Object.is(next[k], base[k]));
  };

  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
  }

  return {
    getItem: (name) => inner?.getItem(name) ?? null,
    setItem: (name, value) => {
      const changed = changedKeys(value.state);
      // persist calls this on every store update (progress, hover...): most change nothing saved
      if (changed.length === 0) return;
      if (changed.length > 1 || changed[0] !== field) return write(name, value);
      pending = { name, value };
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    removeItem: (name) => {
      clearTimeout(timer);
      pending = null;
      written = null;
      return inner?.removeItem(name);
    },
    flush,
  };
}
