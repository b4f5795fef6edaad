/**
 * A native progress bar, shown only while work is going on. It is indeterminate when the total
 * is not known yet, and also when every known byte or item is done but the work is not (the next
 * file not announced yet, the model being prepared, vectors being saved): a full bar means done.
 */
export function ProgressBar({ value, max, label }: { value: number; max?: number; label: string }) {
  return max && value < max ? <progress value={value} max={max} aria-label={label} /> : <progress aria-label={label} />;
}
