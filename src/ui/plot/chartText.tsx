import type { CSSProperties } from 'react';

/**
 * Chart text in the page's text colour: recharts colours tooltip and legend text with the line's
 * colour, and the paler palette colours fail the 4.5:1 contrast readers need. The line swatch
 * beside the text still shows the colour.
 */
export const READABLE: CSSProperties = { color: 'var(--text)' };

export function readableLegend(value: string) {
  return <span style={READABLE}>{value}</span>;
}
