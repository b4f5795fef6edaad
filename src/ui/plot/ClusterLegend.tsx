import type { ClusterInfo } from '../../analysis/protocol';
import { clusterColour } from './palette';

interface Props {
  clusters: readonly ClusterInfo[];
  hidden: ReadonlySet<number>;
  /** The query's nearest cluster, marked in the legend. */
  queryCluster: number | null;
  onToggle: (cluster: number) => void;
}

/** One row per cluster: colour, automatic label, size. A click hides or shows the cluster. */
export function ClusterLegend({ clusters, hidden, queryCluster, onToggle }: Props) {
  return (
    <ul className="legend" aria-label="Clusters (click to hide or show)">
      {clusters.map((c) => (
        <li key={c.cluster}>
          <button
            type="button"
            className="legend-item"
            aria-pressed={!hidden.has(c.cluster)}
            data-testid="legend-item"
            onClick={() => onToggle(c.cluster)}
          >
            <span className="swatch" style={{ background: clusterColour(c.cluster) }} aria-hidden="true" />
            <span className="legend-label">
              <strong>{c.cluster + 1}</strong> {c.label}
              {queryCluster === c.cluster && <span className="query-badge"> ★ job description</span>}
            </span>
            <span className="legend-size">{c.size.toLocaleString()}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
