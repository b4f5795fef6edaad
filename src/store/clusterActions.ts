/**
 * Clustering and projection of the current profile embeddings, run in the analysis
 * worker. Results carry the data key of the embeddings they describe; a result for
 * embeddings that have since been replaced is dropped.
 */
import type { ClusterFilterMode } from '../core/clusterFilter';
import { profileToText } from '../data/profileText';
import { errorMessage } from '../core/assert';
import { useAppStore } from './appStore';
import { CLUSTER_SEED, MAX_K, MIN_K } from './clusterSlice';
import { dataKeyOf } from './dataKey';
import { getServices } from './services';
import { refreshRanking } from './currentRanking';

const set = useAppStore.setState;
const get = useAppStore.getState;


function currentDataKey(): string | null {
  const e = get().profileEmbeddings;
  return e ? dataKeyOf(e) : null;
}

/** Sends the embeddings to the analysis worker, then clusters and projects them. */
export async function analyzeProfiles(): Promise<void> {
  const { profileEmbeddings, profiles } = get();
  if (!profileEmbeddings) return;
  const dataKey = dataKeyOf(profileEmbeddings);
  set({ clusterStatus: 'clustering', clusterError: null, clusterProgress: null, sweep: null, sweepStatus: 'idle' });
  try {
    await getServices().analysis.setData({
      // a copy: the main thread keeps searching its own array while the worker owns this one
      vectors: profileEmbeddings.matrix.vectors.slice(),
      dim: profileEmbeddings.matrix.dim,
      texts: profiles.map(profileToText),
      roles: profiles.map((p) => p.label.role),
      dataKey,
    });
  } catch (err) {
    if (currentDataKey() === dataKey) set({ clusterStatus: 'error', clusterError: `Could not start the analysis: ${errorMessage(err)}` });
    return;
  }
  await Promise.all([clusterProfiles(), projectProfiles()]);
}

export async function clusterProfiles(): Promise<void> {
  const dataKey = currentDataKey();
  if (!dataKey) return;
  const k = get().k;
  const rows = get().profiles.length;
  if (rows < MIN_K) {
    set({ clusterStatus: 'error', clusterError: `Clustering needs at least ${MIN_K} profiles.` });
    return;
  }
  set({ clusterStatus: 'clustering', clusterError: null, clusterProgress: null });
  try {
    // fewer profiles than k: use one cluster per profile at most (the legend shows the k used)
    const r = await getServices().analysis.cluster(dataKey, Math.min(k, rows), CLUSTER_SEED, (p) => {
      if (currentDataKey() === dataKey && get().k === k) set({ clusterProgress: p });
    });
    if (currentDataKey() !== dataKey || get().k !== k) return;
    set({
      clusterStatus: 'ready',
      clusterProgress: null,
      clustering: {
        dataKey,
        k: r.k,
        labels: r.labels,
        centroids: { vectors: r.centroids, dim: r.dim },
        inertia: r.inertia,
        converged: r.converged,
        quality: r.quality,
        clusters: r.clusters,
      },
      hiddenClusters: new Set<number>(),
    });
    refreshRanking();
  } catch (err) {
    if (currentDataKey() === dataKey && get().k === k) set({ clusterStatus: 'error', clusterError: `Clustering failed: ${errorMessage(err)}` });
  }
}

export async function projectProfiles(): Promise<void> {
  const dataKey = currentDataKey();
  if (!dataKey) return;
  try {
    const r = await getServices().analysis.project(dataKey);
    if (currentDataKey() === dataKey) set({ projection: { dataKey, pca: r.pca, coords: r.coords } });
  } catch (err) {
    if (currentDataKey() === dataKey) set({ clusterError: `Projection failed: ${errorMessage(err)}` });
  }
}

/** Inertia and silhouette for every k from MIN_K to MAX_K, to help choose k. */
export async function runKSweep(): Promise<void> {
  const dataKey = currentDataKey();
  if (!dataKey || get().sweepStatus === 'running') return;
  // silhouette needs fewer clusters than profiles
  const maxK = Math.min(MAX_K, get().profiles.length - 1);
  if (maxK < MIN_K) return;
  const ks = Array.from({ length: maxK - MIN_K + 1 }, (_, i) => MIN_K + i);
  set({ sweepStatus: 'running', sweepProgress: { done: 0, total: ks.length }, sweepError: null });
  try {
    const r = await getServices().analysis.sweep(dataKey, ks, CLUSTER_SEED, (p) => set({ sweepProgress: p }));
    if (currentDataKey() === dataKey) set({ sweepStatus: 'done', sweep: r.points, sweepProgress: null });
  } catch (err) {
    if (currentDataKey() === dataKey) set({ sweepStatus: 'error', sweepError: `The k sweep failed: ${errorMessage(err)}`, sweepProgress: null });
  }
}

export function setK(k: number): void {
  const clamped = Math.max(MIN_K, Math.min(MAX_K, Math.round(k)));
  if (!Number.isFinite(clamped) || clamped === get().k) return;
  set({ k: clamped });
  void clusterProfiles();
}

export function setFilterMode(filterMode: ClusterFilterMode): void {
  set({ filterMode });
  refreshRanking();
}

export function toggleClusterVisible(cluster: number): void {
  const next = new Set(get().hiddenClusters);
  if (next.has(cluster)) next.delete(cluster);
  else next.add(cluster);
  set({ hiddenClusters: next });
}

/** Selects a profile from the plot or the list; the other view follows. */
export function selectProfile(profileId: string | null): void {
  set({ selectedProfileId: profileId, expandedProfileId: profileId });
}
