import { MAX_K, MIN_K } from '../../store/clusterSlice';
import { NumberField } from '../common/NumberField';

/** The number of clusters: a box that commits on Enter or leaving it, and a slider that applies at once. */
export function KInput({ k, onChange }: { k: number; onChange: (k: number) => void }) {
  return (
    <span className="k-input">
      <NumberField label="k" value={k} min={MIN_K} max={MAX_K} onCommit={onChange} describeValue={(n) => `k = ${n}`} testId="k-input" describedBy="k-help" />
      <input type="range" min={MIN_K} max={MAX_K} value={k} aria-label="Number of clusters" onChange={(e) => onChange(Number(e.target.value))} />
    </span>
  );
}
