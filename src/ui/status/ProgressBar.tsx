/** A native progress bar: indeterminate when the total is not known yet. */
export function ProgressBar({ value, max, label }: { value: number; max?: number; label: string }) {
  return max ? <progress value={value} max={max} aria-label={label} /> : <progress aria-label={label} />;
}
