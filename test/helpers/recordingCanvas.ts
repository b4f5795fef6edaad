import { vi } from 'vitest';

/** One dot as drawn: where, how big, in which colour. */
export interface RecordedDot {
  x: number;
  y: number;
  r: number;
  fill: string;
}

/**
 * A 2-D context that records the dots drawn on it (jsdom has no canvas): arcs collect into a
 * path, and `fill` stamps the path's dots with the current fillStyle.
 */
export function recordingContext() {
  const dots: RecordedDot[] = [];
  /** Times the canvas was cleared, i.e. redrawn. */
  const counts = { clears: 0 };
  let path: Omit<RecordedDot, 'fill'>[] = [];
  const ctx = {
    fillStyle: '' as string | CanvasGradient | CanvasPattern,
    globalAlpha: 1,
    beginPath: () => {
      path = [];
    },
    moveTo: () => {},
    arc: (x: number, y: number, r: number) => {
      path.push({ x, y, r });
    },
    rect: (x: number, y: number, w: number) => {
      path.push({ x: x + w / 2, y: y + w / 2, r: w / 2 });
    },
    fill: () => {
      dots.push(...path.map((p) => ({ ...p, fill: String(ctx.fillStyle) })));
    },
    setTransform: () => {},
    clearRect: () => {
      counts.clears++;
      dots.splice(0);
    },
  };
  return { ctx, dots, counts };
}

/** Makes every canvas's getContext('2d') return one recording context; returns its record. Undo with vi.restoreAllMocks(). */
export function recordCanvasDrawing(): { dots: RecordedDot[]; counts: { clears: number } } {
  const { ctx, dots, counts } = recordingContext();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ctx as unknown as CanvasRenderingContext2D);
  return { dots, counts };
}
