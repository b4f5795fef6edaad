/**
 * The one byte formatter of the app. Decimal (SI) units, as the Hugging Face Hub lists file
 * sizes and as the catalogue records them (1 MB = 10^6 bytes); never binary units under SI names.
 * Three significant figures: 6.144e9 → "6.14 GB", 192e6 → "192 MB".
 */
export function formatBytes(bytes: number): string {
  if (!(Number.isFinite(bytes) && bytes >= 0)) throw new RangeError(`bytes must be a finite number ≥ 0, got ${bytes}`);
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let value = bytes;
  while (i < units.length - 1 && Number(value.toPrecision(3)) >= 1000) {
    value /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(value) : Number(value.toPrecision(3))} ${units[i]}`;
}
