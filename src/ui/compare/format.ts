import { formatBytes } from '../../core/format';
import type { RunSpeed } from '../../store/compareSlice';

/** Three decimals, or "–" for a value that was not measured (never 0). */
export const f3 = (v: number | null | undefined): string => (v == null || Number.isNaN(v) ? '–' : v.toFixed(3));

export const ms = (v: number | null | undefined): string => (v == null || Number.isNaN(v) ? '–' : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

/** Model bytes the cold load read, and where they came from as far as the browser's model cache tells. */
export function filesRead(s: Pick<RunSpeed, 'bytesRead' | 'bytesFromBrowserCache'>): string {
  if (s.bytesRead == null) return '–';
  const read = formatBytes(s.bytesRead);
  if (s.bytesFromBrowserCache == null) return `${read} read`;
  if (s.bytesFromBrowserCache === 0) return `${read} downloaded`;
  if (s.bytesFromBrowserCache >= s.bytesRead) return `${read} from browser cache`;
  return `${read} read, ${formatBytes(s.bytesRead - s.bytesFromBrowserCache)} downloaded`;
}
