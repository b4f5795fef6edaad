// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ProgressBar } from '../../src/ui/status/ProgressBar';
import { countTick, hoursTick, usdTick } from '../../src/ui/compare/axisFormat';
import { placeTooltip, type Box } from '../../src/ui/plot/tooltipPlacement';

afterEach(cleanup);

describe('progress bar', () => {
  it('shows how far along the work is while it runs', () => {
    render(<ProgressBar value={3} max={10} label="Model download" />);
    const bar = screen.getByRole('progressbar', { name: 'Model download' });
    expect(bar).toHaveAttribute('value', '3');
    expect(bar).toHaveAttribute('max', '10');
  });

  it('is never full while it is on screen: all known bytes done but loading not, it turns indeterminate', () => {
    render(<ProgressBar value={10} max={10} label="Model download" />);
    expect(screen.getByRole('progressbar', { name: 'Model download' })).not.toHaveAttribute('value');
  });
});

describe('cost chart axes', () => {
  it('read as money, counts and hours, not exponents', () => {
    expect(usdTick(1000)).toBe('$1,000');
    expect(usdTick(10)).toBe('$10');
    expect(usdTick(0.001)).toBe('$0.001');
    expect(usdTick(2_000_000)).toBe('$2M');
    expect(countTick(1000)).toBe('1,000');
    expect(countTick(100_000)).toBe('100,000');
    expect(countTick(1e8)).toBe('100M');
    expect(hoursTick(10)).toBe('10 h');
    expect(hoursTick(1000)).toBe('1,000 h');
    expect(hoursTick(0.5)).toBe('30 min');
    expect(hoursTick(0.001)).toBe('3.6 s');
    for (const s of [usdTick(1e3), usdTick(1e-4), hoursTick(1e4), hoursTick(1e-6), countTick(1e7)]) expect(s).not.toMatch(/e[+-]?\d/);
  });
});

describe('map tooltip placement', () => {
  const overlaps = (a: Box, b: Box) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
  const tip = { width: 220, height: 70 };
  const cases: [string, Box, number, number][] = [
    ['in the open', { left: 100, top: 100, width: 6, height: 6 }, 560, 420],
    ['at the right edge (where the old clamp put the tooltip on the point)', { left: 500, top: 200, width: 6, height: 6 }, 560, 420],
    ['mid-plot on a phone, no room either side', { left: 160, top: 200, width: 6, height: 6 }, 330, 420],
    ['top middle of a phone plot', { left: 160, top: 5, width: 6, height: 6 }, 330, 420],
    ['bottom middle of a phone plot', { left: 160, top: 400, width: 6, height: 6 }, 330, 420],
    ['the star', { left: 290, top: 150, width: 26, height: 26 }, 330, 420],
  ];
  it.each(cases)('never covers the point: %s', (_, mark, width, height) => {
    const at = placeTooltip(mark, tip, width, height);
    expect(overlaps({ ...at, ...tip }, mark)).toBe(false);
    expect(at.left).toBeGreaterThanOrEqual(0);
    expect(at.left + tip.width).toBeLessThanOrEqual(width);
  });
});
