/**
 * Helpers that keep the comparison lab's timings honest: medians that admit when nothing
 * was measured, query texts no cache or de-duplication has seen, and model bytes summed
 * from per-file progress events rather than taken from a catalogue.
 */

/** Median of the samples, or null when there are none (never 0 for "not measured"). */
export function medianOrNull(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Variants of the first `n` texts for timing queries: sentences in reverse order plus a
 * numbered marker, so each variant is about as long as its source but differs from every
 * text embedded before (an embedding cache or a de-duplication by text cannot make it free)
 * and from the other variants.
 */
export function timingVariants(texts: readonly string[], n: number): string[] {
  return texts.slice(0, n).map((text, i) => {
    const sentences = text.match(/[^.!?]+[.!?]*/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
    return `${[...sentences].reverse().join(' ')} (timing sample ${i + 1})`;
  });
}

/** The subset of a transformers.js progress event the tally reads. */
export interface FileProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
}

/**
 * Bytes of each model file read during a load, from the 'progress' events (the last
 * `loaded` per file). transformers.js reports them for files read from the network and
 * from its browser cache alike.
 */
export class FileBytesTally {
  private readonly bytes = new Map<string, number>();

  add(event: FileProgressEvent): void {
    if (event.status !== 'progress' || event.file === undefined || typeof event.loaded !== 'number') return;
    this.bytes.set(event.file, Math.max(this.bytes.get(event.file) ?? 0, event.loaded));
  }

  /** Files seen, with their bytes. */
  get files(): ReadonlyMap<string, number> {
    return this.bytes;
  }

  /** Sum over the files, or null when no progress event reported bytes. */
  get total(): number | null {
    if (this.bytes.size === 0) return null;
    let sum = 0;
    for (const b of this.bytes.values()) sum += b;
    return sum;
  }
}
