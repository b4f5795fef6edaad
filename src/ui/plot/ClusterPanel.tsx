import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../../store/appStore';
import { UNLABELLED } from '../../data/schema';
import { axisLabel, plotData, queryPoint } from '../../store/plotSelectors';
import { includePoint, paddedDomain } from '../../core/axisDomain';
import { ANALYSIS_SAMPLE_ROWS, runKSweep, selectProfile, setK, toggleClusterVisible } from '../../store/clusterActions';
import { SEARCH_START_MARK } from '../../store/actions';
import { staleResultReason } from '../../store/resultState';
import { liveProgressLabel } from '../../store/progressSelectors';
import { MAX_K, MIN_K } from '../../store/clusterSlice';
import { KInput } from './KInput';
import { useElementWidth } from '../hooks/useElementWidth';
import { ProgressBar } from '../status/ProgressBar';
import { ScatterPlot } from './ScatterPlot';
import { ClusterLegend } from './ClusterLegend';
import { KSweepChart } from './KSweepChart';
import { chartsToPng, downloadBlob } from '../compare/download';
import { errorMessage } from '../../core/assert';

const PLOT_HEIGHT = 420;

export function ClusterPanel() {
  const k = useAppStore((s) => s.k);
  const clusterStatus = useAppStore((s) => s.clusterStatus);
  const clusterProgress = useAppStore((s) => s.clusterProgress);
  const clusterError = useAppStore((s) => s.clusterError);
  const clustering = useAppStore((s) => s.clustering);
  const projection = useAppStore((s) => s.projection);
  const hidden = useAppStore((s) => s.hiddenClusters);
  const result = useAppStore((s) => s.result);
  const profiles = useAppStore((s) => s.profiles);
  // imported profiles may have no label; quality against "unlabelled" would be a made-up number
  const unlabelled = useMemo(() => profiles.filter((p) => p.label.role === UNLABELLED).length, [profiles]);
  const selectedId = useAppStore((s) => s.selectedProfileId);
  const sweep = useAppStore((s) => s.sweep);
  const sweepStatus = useAppStore((s) => s.sweepStatus);
  const sweepProgress = useAppStore((s) => s.sweepProgress);
  const sweepError = useAppStore((s) => s.sweepError);
  const [containerRef, width] = useElementWidth<HTMLDivElement>(560);
  const stale = useAppStore((s) => staleResultReason(s) !== null);
  const partialCount = useAppStore((s) => s.profileEmbeddings?.coverage?.count ?? null);
  // every profile embedded, but more than the analysis fits on (clusterActions)
  const sampled = partialCount === null && profiles.length > ANALYSIS_SAMPLE_ROWS;
  const live = useAppStore((s) => (s.profileEmbeddings?.coverage && s.profileEmbeddings.modelId === s.modelId ? liveProgressLabel(s) : null));

  const indexById = useMemo(() => new Map(profiles.map((p, i) => [p.id, i])), [profiles]);
  const selectedIndex = selectedId ? (indexById.get(selectedId) ?? null) : null;
  const topIndices = useMemo(() => new Set(result?.hits.map((h) => h.index) ?? []), [result]);
  // not on the query: a new search redraws only the SVG marks above the canvas
  const data = useMemo(() => (projection ? plotData(projection, clustering, hidden) : null), [projection, clustering, hidden]);
  const query = useMemo(() => queryPoint(projection, result?.queryVector), [projection, result]);
  const baseDomains = useMemo(
    () => (projection ? { x: paddedDomain(projection.coords, 2, 0), y: paddedDomain(projection.coords, 2, 1) } : null),
    [projection],
  );
  const xDomain = useMemo(() => (baseDomains ? includePoint(baseDomains.x, query?.x ?? NaN) : null), [baseDomains, query]);
  const yDomain = useMemo(() => (baseDomains ? includePoint(baseDomains.y, query?.y ?? NaN) : null), [baseDomains, query]);

  const describe = useCallback(
    (index: number) => {
      const p = profiles[index];
      const c = clustering?.labels[index];
      return {
        title: p?.name ?? '',
        subtitle: p?.headline ?? '',
        cluster: c === undefined ? '' : `Cluster ${c + 1}: ${clustering?.clusters[c]?.label ?? ''}`,
      };
    },
    [profiles, clustering],
  );
  useEffect(() => {
    // "query-to-plot": from the search click to the first frame showing this query on the map
    if (!query || performance.getEntriesByName(SEARCH_START_MARK).length === 0) return;
    const frame = requestAnimationFrame(() => {
      performance.measure('query-to-plot', SEARCH_START_MARK);
      performance.clearMarks(SEARCH_START_MARK);
    });
    return () => cancelAnimationFrame(frame);
  }, [query]);
  const onSelect = useCallback((index: number) => selectProfile(profiles[index]?.id ?? null), [profiles]);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportPng = async () => {
    setExportError(null);
    try {
      if (!containerRef.current) throw new Error('the map is not on screen');
      downloadBlob(await chartsToPng(containerRef.current), 'cluster-map.png');
    } catch (err) {
      setExportError(`PNG export failed: ${errorMessage(err)}`);
    }
  };

  return (
    <section className="panel cluster-panel" id="cluster-map" tabIndex={-1} aria-labelledby="cluster-heading">
      <div className="cluster-header">
        <h2 id="cluster-heading">Cluster map</h2>
        <KInput k={k} onChange={setK} />
        <button type="button" className="secondary" onClick={() => void runKSweep()} disabled={sweepStatus === 'running' || !clustering}>
          {sweepStatus === 'running' ? 'Comparing k…' : `Compare k = ${MIN_K}…${MAX_K}`}
        </button>
        <button type="button" className="secondary" onClick={() => void exportPng()} disabled={!data}>
          Export PNG
        </button>
      </div>
      <p id="k-help" className="meta">
        k-means (k-means++ seeding, fixed seed) on the profile embeddings; PCA to 2-D. The star is the job description.
      </p>
      {clusterStatus === 'clustering' && (
        <div className="inline-progress" role="status">
          <span>Clustering into {k} groups…</span>
          <ProgressBar value={clusterProgress?.done ?? 0} max={clusterProgress?.total} label="Clustering progress" />
        </div>
      )}
      {exportError && (
        <p className="error" role="alert" data-testid="map-export-error">
          {exportError}
        </p>
      )}
      {clusterError && (
        <p className="error" role="alert">
          {clusterError}
        </p>
      )}
      {clustering && sampled && (
        <p className="notice" role="status" data-testid="plot-sample">
          <strong>Fitted on a sample:</strong> clusters and axes were fitted on {(clustering.fittedRows ?? profiles.length).toLocaleString()} of the{' '}
          {profiles.length.toLocaleString()} profiles, evenly spread; every other profile is placed in its nearest cluster and on the map through that fit. The
          quality figures below are over the sample.
        </p>
      )}
      {clustering && !sampled && (partialCount !== null || (clustering.fittedRows ?? profiles.length) < profiles.length) && (
        <p className="notice" role="status" data-testid="plot-partial">
          <strong>Partial map:</strong> the {(partialCount ?? profiles.length).toLocaleString()} of {profiles.length.toLocaleString()} profiles embedded
          {live ? ` so far (${live})` : partialCount !== null ? ' before embedding stopped' : ''}. Clusters and axes were fitted on{' '}
          {(clustering.fittedRows ?? profiles.length).toLocaleString()} of them; profiles embedded since are placed in their nearest cluster. They are fitted again
          when the embedded set doubles and once every profile is embedded; the quality figures below are over the fitted profiles.
        </p>
      )}
      {stale && query && (
        <p className="notice" role="status" data-testid="plot-stale">
          The star and the outlined points belong to the previous job description, not the one in the editor.
        </p>
      )}
      <div
        ref={containerRef}
        className="plot"
        data-testid="cluster-plot"
        data-stale={stale ? 'true' : undefined}
        role="img"
        aria-label={
          data
            ? `Scatter plot of ${data.points.index.length.toLocaleString()} profiles coloured by cluster${query ? ', with the job description as a star' : ''}. The top hits drawn on it are the ranked candidates list; the clusters are listed below.`
            : 'Cluster map, not drawn yet'
        }
      >
        {data && projection && xDomain && yDomain ? (
          <ScatterPlot
            width={width}
            height={PLOT_HEIGHT}
            points={data.points}
            positionOf={data.positionOf}
            xDomain={xDomain}
            yDomain={yDomain}
            topIndices={topIndices}
            selectedIndex={selectedIndex}
            query={query}
            xLabel={axisLabel(0, projection)}
            yLabel={axisLabel(1, projection)}
            describe={describe}
            onSelect={onSelect}
          />
        ) : (
          <p className="empty plot-placeholder">The map appears once the profiles are embedded.</p>
        )}
      </div>
      {clustering && (
        <>
          <p className="meta quality" data-testid="cluster-quality">
            {unlabelled === profiles.length ? (
              'Against the true roles: purity – · NMI – · ARI – (this dataset has no labels)'
            ) : (
              <>
                Against the true roles: purity {clustering.quality.purity.toFixed(3)} · NMI {clustering.quality.nmi.toFixed(3)} · ARI{' '}
                {clustering.quality.ari.toFixed(3)}
                {unlabelled > 0 && ` (${unlabelled.toLocaleString()} unlabelled profiles counted as one role)`}
              </>
            )}
            {!clustering.converged && ' · stopped at the iteration cap'}
          </p>
          <ClusterLegend clusters={clustering.clusters} hidden={hidden} queryCluster={result?.queryClusters[0] ?? null} onToggle={toggleClusterVisible} />
        </>
      )}
      {sweepStatus === 'running' && sweepProgress && (
        <div className="inline-progress" role="status">
          <span>
            Comparing k: {sweepProgress.done} of {sweepProgress.total}
          </span>
          <ProgressBar value={sweepProgress.done} max={sweepProgress.total} label="k sweep progress" />
        </div>
      )}
      {sweepError && (
        <p className="error" role="alert">
          {sweepError}
        </p>
      )}
      {sweep && <KSweepChart points={sweep} width={width} currentK={k} />}
    </section>
  );
}
