import { useState } from 'react';
import { MAX_K, MIN_K } from '../../store/clusterSlice';

/**
 * The number of clusters. Typing is free (a half-typed "1" on the way to "12" is fine);
 * a whole number in range applies at once, anything else reverts when focus leaves.
 */
export function KInput({ k, onChange }: { k: number; onChange: (k: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const apply = (text: string) => {
    setDraft(text);
    const n = Number(text);
    if (text.trim() !== '' && Number.isInteger(n) && n >= MIN_K && n <= MAX_K) onChange(n);
  };
  return (
    <label className="inline-field">
      k
      <input
        type="number"
        min={MIN_K}
        max={MAX_K}
        value={draft ?? String(k)}
        data-testid="k-input"
        aria-describedby="k-help"
        onChange={(e) => apply(e.target.value)}
        onBlur={() => setDraft(null)}
      />
      <input type="range" min={MIN_K} max={MAX_K} value={k} aria-label="Number of clusters" onChange={(e) => apply(e.target.value)} />
    </label>
  );
}
