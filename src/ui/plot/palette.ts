/**
 * Cluster colours: Okabe–Ito's eight colour-blind-safe colours first (black swapped for a
 * grey so it does not read as "selected"), then Paul Tol's muted scheme. Past about ten
 * clusters no palette keeps every pair distinguishable; the legend and tooltips name clusters.
 */
export const CLUSTER_COLOURS = [
  '#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#7F7F7F',
  '#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255',
  '#AA4499', '#661100', '#6699CC', '#888888',
] as const;

export function clusterColour(cluster: number): string {
  return CLUSTER_COLOURS[((cluster % CLUSTER_COLOURS.length) + CLUSTER_COLOURS.length) % CLUSTER_COLOURS.length];
}

export const QUERY_COLOUR = '#111111';
