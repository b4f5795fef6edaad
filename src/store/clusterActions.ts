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
import { flaggedRows } from '../core/progressive';
import { nearestCentroid } from '../core/kmeans';
import { projectPoint } from '../core/pca';
import { row, rowCount, type EmbeddingMatrix } from '../core/vectors';

const set = useAppStore.setState;
const get = useAppStore.getState;


function currentDataKey(): string | null {
  const e = get().profileEmbeddings;
  return e ? dataKeyOf(e) : null;
}

/**
 * What the analysis worker holds: the embeddings' data key, the worker's own key for this
 * set, and which profiles it has (null: all). While a slow model embeds, k-means and PCA are
 * fitted on the profiles embedded so far, under a key that names how many there are.
 */
let held: { dataKey: string; key: string; rows: Int32Array | null } | null = null;

function holds(h: typeof held): h is NonNullable<typeof held> {
  return h !== null && held === h && currentDataKey() === h.dataKey;
}

/** Profiles in the latest fit started for the embeddings on screen (0: none yet). */
export function fittedRowCount(): number {
  const h = held;
  if (!h || h.dataKey !== currentDataKey()) return 0;
  return h.rows?.length ?? get().profiles.length;
}

/** `values` (one per fitted profile, `width` each) spread over every profile; the others get `fill`. */
function spread<T extends Int32Array | Float32Array>(values: T, rows: Int32Array | null, n: number, width: number, fill: number): T {
  if (!rows) return values;
  const out = new (values.constructor as { new (length: number): T })(n * width);
  out.fill(fill);
  rows.forEach((r, j) => out.set(values.subarray(j * width, (j + 1) * width), r * width));
  return out;
}

/** Sends the embeddings (those embedded so far, during a progressive run) to the analysis worker, then clusters and projects them. */
export async function analyzeProfiles(): Promise<void> {
  const { profileEmbeddings, profiles } = get();
  if (!profileEmbeddings) return;
  const dataKey = dataKeyOf(profileEmbeddings);
  const rows = profileEmbeddings.coverage ? flaggedRows(profileEmbeddings.coverage.has) : evenSample(profiles.length, ANALYSIS_SAMPLE_ROWS);
  const h = { dataKey, key: rows ? `${dataKey}/${rows.length}` : dataKey, rows };
  held = h;
  const picked = rows ? Array.from(rows, (i) => profiles[i]) : profiles;
  const { matrix } = profileEmbeddings;
  set({ clusterStatus: 'clustering', clusterError: null, clusterProgress: null, sweep: null, sweepStatus: 'idle' });
  try {
    await getServices().analysis.setData({
      // a copy: the main thread keeps searching its own array while the worker owns this one
      vectors: rows ? gatherRows(matrix, rows) : matrix.vectors.slice(),
      dim: matrix.dim,
      texts: picked.map(profileToText),
      roles: picked.map((p) => p.label.role),
      dataKey: h.key,
    });
  } catch (err) {
    if (holds(h)) set({ clusterStatus: 'error', clusterError: `Could not start the analysis: ${errorMessage(err)}` });
    return;
  }
  await Promise.all([clusterProfiles(), projectProfiles()]);
}

/**
 * Above this many profiles, k-means and PCA are fitted on an even sample of this many (every
 * n/this-th profile) and the others are placed through the fit (placeNewProfiles): the
 * analysis worker then holds a tenth of a million profiles' vectors and texts, not all.
 */
export const ANALYSIS_SAMPLE_ROWS = 100_000;

/** `size` rows spread evenly over `n` (null: all of them, when n <= size). */
export function evenSample(n: number, size: number): Int32Array | null {
  if (n <= size) return null;
  return Int32Array.from({ length: size }, (_, i) => Math.floor((i * n) / size));
}

function gatherRows(m: EmbeddingMatrix, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * m.dim);
  rows.forEach((r, j) => out.set(m.vectors.subarray(r * m.dim, (r + 1) * m.dim), j * m.dim));
  return out;
}

export async function clusterProfiles(): Promise<void> {
  const h = held;
  if (!holds(h)) return;
  const k = get().k;
  const n = get().profiles.length;
  const rows = h.rows?.length ?? n;
  if (rows < MIN_K) {
    set({ clusterStatus: 'error', clusterError: `Clustering needs at least ${MIN_K} profiles${h.rows ? ' embedded' : ''}.` });
    return;
  }
  set({ clusterStatus: 'clustering', clusterError: null, clusterProgress: null });
  try {
    // fewer profiles than k: use one cluster per profile at most (the legend shows the k used)
    const r = await getServices().analysis.cluster(h.key, Math.min(k, rows), CLUSTER_SEED, (p) => {
      if (holds(h) && get().k === k) set({ clusterProgress: p });
    });
    if (!holds(h) || get().k !== k) return;
    set({
      clusterStatus: 'ready',
      clusterProgress: null,
      clustering: {
        dataKey: h.dataKey,
        fittedRows: rows,
        k: r.k,
        labels: spread(r.labels, h.rows, n, 1, -1),
        centroids: { vectors: r.centroids, dim: r.dim },
        inertia: r.inertia,
        converged: r.converged,
        quality: r.quality,
        clusters: r.clusters,
      },
      hiddenClusters: new Set<number>(),
    });
    placeNewProfiles();
    refreshRanking();
  } catch (err) {
    if (holds(h) && get().k === k) set({ clusterStatus: 'error', clusterError: `Clustering failed: ${errorMessage(err)}` });
  }
}

export async function projectProfiles(): Promise<void> {
  const h = held;
  if (!holds(h)) return;
  try {
    const r = await getServices().analysis.project(h.key);
    if (holds(h)) set({ projection: { dataKey: h.dataKey, pca: r.pca, coords: spread(r.coords, h.rows, get().profiles.length, 2, Number.NaN) } });
    placeNewProfiles();
  } catch (err) {
    if (holds(h)) set({ clusterError: `Projection failed: ${errorMessage(err)}` });
  }
}

/**
 * Profiles embedded after the clusters and the map were fitted go into their nearest cluster
 * and onto the map through the fitted PCA, so both show every embedded profile between fits
 * (a few dot products per new profile instead of a new k-means).
 */
export function placeNewProfiles(): void {
  const { profileEmbeddings: e, clustering, projection } = get();
  if (!e) return;
  const dataKey = dataKeyOf(e);
  const has = e.coverage?.has ?? null;
  const n = rowCount(e.matrix);
  const embedded = (i: number) => !has || has[i] === 1;
  if (clustering?.dataKey === dataKey && clustering.labels.length === n) {
    let labels: Int32Array | null = null;
    for (let i = 0; i < n; i++) {
      if (clustering.labels[i] >= 0 || !embedded(i)) continue;
      labels ??= clustering.labels.slice();
      labels[i] = nearestCentroid(clustering.centroids, row(e.matrix, i));
    }
    if (labels) set({ clustering: { ...clustering, labels } });
  }
  if (projection?.dataKey === dataKey && projection.coords.length === 2 * n) {
    let coords: Float32Array | null = null;
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(projection.coords[2 * i]) || !embedded(i)) continue;
      coords ??= projection.coords.slice();
      coords.set(projectPoint(projection.pca, row(e.matrix, i)).subarray(0, 2), 2 * i);
    }
    if (coords) set({ projection: { ...projection, coords } });
  }
}

/** Inertia and silhouette for every k from MIN_K to MAX_K, to help choose k. */
export async function runKSweep(): Promise<void> {
  const h = held;
  if (!holds(h) || get().sweepStatus === 'running') return;
  // silhouette needs fewer clusters than profiles
  const maxK = Math.min(MAX_K, (h.rows?.length ?? get().profiles.length) - 1);
  if (maxK < MIN_K) return;
  const ks = Array.from({ length: maxK - MIN_K + 1 }, (_, i) => MIN_K + i);
  set({ sweepStatus: 'running', sweepProgress: { done: 0, total: ks.length }, sweepError: null });
  try {
    const r = await getServices().analysis.sweep(h.key, ks, CLUSTER_SEED, (p) => set({ sweepProgress: p }));
    if (holds(h)) set({ sweepStatus: 'done', sweep: r.points, sweepProgress: null });
  } catch (err) {
    if (holds(h)) set({ sweepStatus: 'error', sweepError: `The k sweep failed: ${errorMessage(err)}`, sweepProgress: null });
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
