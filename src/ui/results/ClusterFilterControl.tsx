import { useAppStore } from '../../store/appStore';
import { setFilterMode } from '../../store/clusterActions';
import { NumberField } from '../common/NumberField';

/** Ranks all profiles, only the query's cluster, or its n nearest clusters. */
export function ClusterFilterControl() {
  const mode = useAppStore((s) => s.filterMode);
  const clustered = useAppStore((s) => s.clustering !== null);
  const k = useAppStore((s) => s.clustering?.k ?? 0);
  const n = mode.kind === 'nearest' ? mode.n : 2;
  return (
    <fieldset className="filter-control" disabled={!clustered} data-testid="cluster-filter">
      <legend className="visually-hidden">Cluster filter</legend>
      <span>Rank</span>
      <label>
        <input type="radio" name="cluster-filter" checked={mode.kind === 'all'} onChange={() => setFilterMode({ kind: 'all' })} /> all profiles
      </label>
      <label>
        <input type="radio" name="cluster-filter" checked={mode.kind === 'query-cluster'} onChange={() => setFilterMode({ kind: 'query-cluster' })} />{' '}
        the job's cluster
      </label>
      <label>
        <input type="radio" name="cluster-filter" checked={mode.kind === 'nearest'} onChange={() => setFilterMode({ kind: 'nearest', n })} /> the
      </label>
      <NumberField
        ariaLabel="How many nearest clusters"
        value={n}
        min={1}
        max={Math.max(1, k)}
        onCommit={(v) => setFilterMode({ kind: 'nearest', n: v })}
        describeValue={(v) => `${v}`}
        testId="nearest-clusters"
      />
      <span>nearest clusters</span>
    </fieldset>
  );
}
