/**
 * The analysis worker's request handlers as plain functions over an explicit state object,
 * so Node tests run them without a Worker. No maths here: clustering, quality scores,
 * labels, PCA and the k sweep all come from src/core; this file validates, checks the
 * dataKey, wires progress, and says which buffers a result may transfer.
 */
import { clusterLabels } from '../core/clusterLabels';
import { adjustedRandIndex, encodeLabels, normalizedMutualInformation, purity } from '../core/clusterQuality';
import { runKMeansFast } from '../core/kmeansFast';
import { fitPca, projectPoints } from '../core/pca';
import { kSweep } from '../core/silhouette';
import type { EmbeddingMatrix } from '../core/vectors';
import {
  STALE_DATA_PREFIX,
  type AnalysisParams,
  type AnalysisProgress,
  type AnalysisRequest,
  type AnalysisResult,
  type ClusterResult,
  type ProjectResult,
  type SetDataResult,
  type SweepResult,
} from './protocol';
import { assertUnreachable } from '../core/rpc';

/** Iteration cap for a single clustering: ml-kmeans' default; runs on real embeddings settle well before it. */
export const CLUSTER_MAX_ITERATIONS = 100;
/**
 * Iteration cap per k in a sweep, lower than for one clustering: a sweep runs k-means once
 * per k (~150 ms per iteration at 20,000 x 384 in Node), and the elbow and silhouette
 * chart only needs each k's rough inertia and silhouette, not fully settled centroids.
 */
export const SWEEP_MAX_ITERATIONS = 30;

/**
 * Texts per cluster whose words name it (c-TF-IDF): at 100,000 profiles counting every
 * text took ~2.5 s; 3,000 per cluster name clusters by the same top words in a fraction.
 */
export const LABEL_TEXTS_PER_CLUSTER = 3000;

/** The dataset the worker holds. */
export interface AnalysisData {
  dataKey: string;
  matrix: EmbeddingMatrix;
  rows: number;
  texts: string[];
  roles: string[];
  /** Roles as integer ids, for the quality scores. */
  truth: Int32Array;
}

export interface AnalysisState {
  data: AnalysisData | null;
}

export function createAnalysisState(): AnalysisState {
  return { data: null };
}

export type ProgressSink = (progress: AnalysisProgress) => void;

/**
 * Replaces the held dataset. Keeps `vectors` itself (no copy): the caller hands it over.
 * Throws, leaving the state unchanged, if the shapes disagree or a value is not finite.
 */
export function handleSetData(state: AnalysisState, req: AnalysisParams<'set-data'>): SetDataResult {
  const { vectors, dim, texts, roles, dataKey } = req;
  if (typeof dataKey !== 'string' || dataKey === '') throw new Error('set-data: dataKey must be a non-empty string');
  // checked by tag, not instanceof: a structured clone may come from another realm (jsdom, iframes)
  if (Object.prototype.toString.call(vectors) !== '[object Float32Array]') throw new Error('set-data: vectors must be a Float32Array');
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`set-data: dim must be a positive integer, got ${dim}`);
  if (!Array.isArray(texts) || !Array.isArray(roles)) throw new Error('set-data: texts and roles must be arrays');
  const rows = texts.length;
  if (vectors.length !== rows * dim) {
    throw new Error(`set-data: ${vectors.length} values for ${rows} texts of ${dim} dimensions (expected ${rows * dim})`);
  }
  if (roles.length !== rows) throw new Error(`set-data: ${roles.length} roles for ${rows} texts`);
  for (let i = 0; i < vectors.length; i++) {
    if (!Number.isFinite(vectors[i])) throw new Error(`set-data: row ${Math.floor(i / dim)} has a non-finite value`);
  }
  state.data = { dataKey, matrix: { vectors, dim }, rows, texts, roles, truth: encodeLabels(roles).ids };
  return { dataKey, rows, dim };
}

/** The held dataset if it is the one `dataKey` names; otherwise a clear "stale" error. */
export function requireData(state: AnalysisState, dataKey: string): AnalysisData {
  const data = state.data;
  if (!data) {
    throw new Error(`${STALE_DATA_PREFIX} it is for data "${dataKey}" but the analysis worker holds no data; send it with set-data first.`);
  }
  if (data.dataKey !== dataKey) {
    throw new Error(
      `${STALE_DATA_PREFIX} it is for data "${dataKey}" but the analysis worker holds "${data.dataKey}"; send the current data with set-data first.`,
    );
  }
  return data;
}

/** k-means (seeded, at most CLUSTER_MAX_ITERATIONS rounds; core/kmeansFast, seeded on a sample above 10,000 rows) with quality scores and c-TF-IDF labels. */
export function handleCluster(state: AnalysisState, req: AnalysisParams<'cluster'>, onProgress?: ProgressSink): ClusterResult {
  const data = requireData(state, req.dataKey);
  const { k, seed } = req;
  const total = CLUSTER_MAX_ITERATIONS;
  const run = runKMeansFast(data.matrix, k, {
    seed,
    maxIterations: total,
    onIteration: (done) => onProgress?.({ done, total }),
  });
  return {
    dataKey: data.dataKey,
    k,
    labels: run.labels,
    centroids: run.centroids.vectors,
    dim: run.centroids.dim,
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    quality: {
      purity: purity(run.labels, data.truth),
      nmi: normalizedMutualInformation(run.labels, data.truth),
      ari: adjustedRandIndex(run.labels, data.truth),
    },
    clusters: clusterLabels(data.texts, run.labels, k, data.roles, { maxTextsPerCluster: LABEL_TEXTS_PER_CLUSTER, seed }),
  };
}

/** A 2-D PCA fitted on the held rows, and every row's coordinates on it. */
export function handleProject(state: AnalysisState, req: AnalysisParams<'project'>): ProjectResult {
  const data = requireData(state, req.dataKey);
  const pca = fitPca(data.matrix, 2);
  return { dataKey: data.dataKey, pca, coords: projectPoints(pca, data.matrix) };
}

/** Inertia and silhouette per k, one progress event per k; at most SWEEP_MAX_ITERATIONS rounds per k. */
export function handleSweep(state: AnalysisState, req: AnalysisParams<'sweep'>, onProgress?: ProgressSink): SweepResult {
  const data = requireData(state, req.dataKey);
  const points = kSweep(data.matrix, req.ks, req.seed, (done, total) => onProgress?.({ done, total }), {
    maxIterations: SWEEP_MAX_ITERATIONS,
  });
  return { dataKey: data.dataKey, points };
}

export interface HandledRequest {
  result: AnalysisResult;
  /** Buffers of `result` to transfer to the main thread; never the held data's. */
  transfer: Transferable[];
}

/** Runs one request against the state: the worker's whole dispatch, so tests exercise it too. */
export function handleRequest(state: AnalysisState, req: AnalysisRequest, onProgress: ProgressSink): HandledRequest {
  switch (req.type) {
    case 'set-data':
      return { result: handleSetData(state, req), transfer: [] };
    case 'cluster': {
      const result = handleCluster(state, req, onProgress);
      return { result, transfer: transferable(state, result.labels, result.centroids) };
    }
    case 'project': {
      const result = handleProject(state, req);
      return { result, transfer: transferable(state, result.coords, result.pca.mean, result.pca.components) };
    }
    case 'sweep':
      return { result: handleSweep(state, req, onProgress), transfer: [] };
    default:
      return assertUnreachable(req);
  }
}

/**
 * The distinct buffers behind `arrays`, except the held matrix's: transferring that would
 * detach it and break every later request, and listing a buffer twice is a DataCloneError.
 */
function transferable(state: AnalysisState, ...arrays: ArrayBufferView[]): Transferable[] {
  const held = state.data?.matrix.vectors.buffer;
  const out = new Set<ArrayBufferLike>();
  for (const a of arrays) if (a.buffer !== held) out.add(a.buffer);
  return [...out];
}
