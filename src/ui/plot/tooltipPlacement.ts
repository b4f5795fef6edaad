export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Pixels between a mark and its tooltip: clear of the selection ring drawn around a clicked point. */
const GAP = 10;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));

/**
 * Where a tooltip of `tip` size goes next to `mark` inside a `width` x `height` box, so that it
 * never covers the mark: right of it, else left, else below, else above (each only where it fits
 * inside the box), and as a last resort beside it on the roomier side. Coordinates are relative to
 * the box.
 */
export function placeTooltip(mark: Box, tip: { width: number; height: number }, width: number, height: number): { left: number; top: number } {
  const right = mark.left + mark.width + GAP;
  const left = mark.left - GAP - tip.width;
  const below = mark.top + mark.height + GAP;
  const above = mark.top - GAP - tip.height;
  const vertical = clamp(mark.top + mark.height / 2 - tip.height / 2, 0, height - tip.height);
  const horizontal = clamp(mark.left + mark.width / 2 - tip.width / 2, 0, width - tip.width);
  if (right + tip.width <= width) return { left: right, top: vertical };
  if (left >= 0) return { left, top: vertical };
  if (below + tip.height <= height) return { left: horizontal, top: below };
  if (above >= 0) return { left: horizontal, top: above };
  // taller and wider than the room on every side: keep clear of the mark, overflowing the box
  const roomBelow = height - (mark.top + mark.height);
  return roomBelow >= mark.top ? { left: horizontal, top: below } : { left: horizontal, top: above };
}
