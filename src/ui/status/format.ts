export function formatRate(textsPerSecond: number): string {
  return `${Math.round(textsPerSecond).toLocaleString()} texts/s`;
}
