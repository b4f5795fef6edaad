import { afterEach, describe, expect, it, vi } from 'vitest';
import * as kmeans from '../../src/core/kmeansFast';
import { mulberry32 } from '../../src/core/random';
import { normalizeInPlace, type EmbeddingMatrix } from '../../src/core/vectors';
import { AnalysisClient } from '../../src/analysis/client';
import {
  CLUSTER_MAX_ITERATIONS,
  SWEEP_MAX_ITERATIONS,
  createAnalysisState,
  handleCluster,
  handleProject,
  handleRequest,
  handleSetData,
  handleSweep,
  type AnalysisState,
} from '../../src/analysis/handlers';
import { isStaleDataError, type AnalysisProgress, type AnalysisRequest, type ClusterResult } from '../../src/analysis/protocol';
import { FakeAnalysisWorker, InProcessAnalysisWorker } from '../helpers/fakeAnalysisWorker';

// Wraps runKMeansFast in a spy (same behaviour) so tests can see the iteration caps the handlers pass.
vi.mock(import('../../src/core/kmeansFast'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, runKMeansFast: vi.fn(original.runKMeansFast) };
});

const DIM = 8;
const PER_BLOB = 30;
const BLOBS = [
  { role: 'DevOps Engineer', axis: 0, words: ['kubernetes', 'terraform', 'pipelines', 'observability', 'incidents'] },
  { role: 'Product Manager', axis: 1, words: ['roadmap', 'backlog', 'discovery', 'prioritisation', 'stakeholders'] },
  { role: 'Designer', axis: 2, words: ['figma', 'prototypes', 'typography', 'wireframes', 'accessibility'] },
];

interface Synthetic {
  matrix: EmbeddingMatrix;
  texts: string[];
  roles: string[];
  /** Blob index per row. */
  blob: number[];
}

/** Three well-separated blobs of unit vectors in 8-D, each with its role and its own words. */
function synthetic(seed = 7): Synthetic {
  const random = mulberry32(seed);
  const rows = BLOBS.length * PER_BLOB;
  const vectors = new Float32Array(rows * DIM);
  const texts: string[] = [];
  const roles: string[] = [];
  const blob: number[] = [];
  BLOBS.forEach((b, bi) => {
    for (let i = 0; i < PER_BLOB; i++) {
      const r = bi * PER_BLOB + i;
      const v = new Float32Array(DIM);
      for (let j = 0; j < DIM; j++) v[j] = (random() - 0.5) * 0.2;
      v[b.axis] += 1;
      vectors.set(normalizeInPlace(v), r * DIM);
      const picked = [...b.words].sort(() => random() - 0.5).slice(0, 4);
      texts.push(`Experienced professional, works with the team. ${picked.join(', ')}.`);
      roles.push(b.role);
      blob.push(bi);
    }
  });
  return { matrix: { vectors, dim: DIM }, texts, roles, blob };
}

function loaded(dataKey = 'model-a|90', data: Synthetic = synthetic()): AnalysisState {
  const state = createAnalysisState();
  handleSetData(state, { vectors: data.matrix.vectors.slice(), dim: DIM, texts: data.texts, roles: data.roles, dataKey });
  return state;
}

afterEach(() => {
  vi.mocked(kmeans.runKMeansFast).mockClear();
});

describe('analysis handlers', () => {
  const data = synthetic();

  it('clusters the three blobs exactly at k = 3, with shapes, quality and progress', () => {
    const state = loaded();
    const progress: AnalysisProgress[] = [];
    const r = handleCluster(state, { dataKey: 'model-a|90', k: 3, seed: 1 }, (p) => progress.push(p));

    expect(r.dataKey).toBe('model-a|90');
    expect(r.k).toBe(3);
    expect(r.labels).toBeInstanceOf(Int32Array);
    expect(r.labels).toHaveLength(90);
    expect(r.centroids).toBeInstanceOf(Float32Array);
    expect(r.centroids).toHaveLength(3 * DIM);
    expect(r.dim).toBe(DIM);
    expect(r.converged).toBe(true);
    expect(r.quality.purity).toBe(1);
    expect(r.quality.nmi).toBeCloseTo(1, 10);
    expect(r.quality.ari).toBeCloseTo(1, 10);
    // Rows of one blob share a cluster.
    for (let i = 0; i < 90; i++) expect(r.labels[i]).toBe(r.labels[data.blob.indexOf(data.blob[i])]);

    expect(progress.length).toBe(r.iterations);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: r.iterations }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === CLUSTER_MAX_ITERATIONS)).toBe(true);
  });

  it('labels each cluster with the words distinctive of its blob and its role', () => {
    const r = handleCluster(loaded(), { dataKey: 'model-a|90', k: 3, seed: 1 });
    expect(r.clusters.map((c) => c.cluster)).toEqual([0, 1, 2]);
    const seenRoles = new Set<string>();
    for (const c of r.clusters) {
      const blob = BLOBS.find((b) => b.role === c.dominantRole);
      expect(blob).toBeDefined();
      seenRoles.add(c.dominantRole);
      expect(c.size).toBe(PER_BLOB);
      expect(c.dominantShare).toBe(1);
      expect(c.terms).toHaveLength(3);
      for (const t of c.terms) expect(blob?.words).toContain(t);
      expect(c.label).toContain(c.terms[0]);
      expect(c.label).toContain(`${c.dominantRole} 100%`);
    }
    expect(seenRoles.size).toBe(3);
  });

  it('projects every row to 2-D, keeping the blobs apart, with explained variance', () => {
    const r = handleProject(loaded(), { dataKey: 'model-a|90' });
    expect(r.dataKey).toBe('model-a|90');
    expect(r.coords).toBeInstanceOf(Float32Array);
    expect(r.coords).toHaveLength(90 * 2);
    expect(r.coords.every(Number.isFinite)).toBe(true);
    expect(r.pca.mean).toHaveLength(DIM);
    expect(r.pca.components).toHaveLength(2 * DIM);
    const [ev1, ev2] = r.pca.explainedVariance;
    expect(r.pca.explainedVariance).toHaveLength(2);
    expect(ev1).toBeGreaterThanOrEqual(ev2);
    expect(ev2).toBeGreaterThan(0);
    // Three blobs on three axes: two axes carry nearly all the variance.
    expect(ev1 + ev2).toBeGreaterThan(0.8);
    expect(ev1 + ev2).toBeLessThanOrEqual(1 + 1e-9);

    // Blob centres in the plane are far apart compared with the spread within a blob.
    const centre = BLOBS.map((_, b) => {
      let x = 0;
      let y = 0;
      for (let i = b * PER_BLOB; i < (b + 1) * PER_BLOB; i++) {
        x += r.coords[2 * i] / PER_BLOB;
        y += r.coords[2 * i + 1] / PER_BLOB;
      }
      return [x, y];
    });
    let spread = 0;
    for (let i = 0; i < 90; i++) {
      const [cx, cy] = centre[data.blob[i]];
      spread = Math.max(spread, Math.hypot(r.coords[2 * i] - cx, r.coords[2 * i + 1] - cy));
    }
    for (let a = 0; a < 3; a++) {
      for (let b = a + 1; b < 3; b++) {
        expect(Math.hypot(centre[a][0] - centre[b][0], centre[a][1] - centre[b][1])).toBeGreaterThan(2 * spread);
      }
    }
  });

  it('sweeps k: one point per k in order, progress per k, silhouette peaking at 3', () => {
    const calls: AnalysisProgress[] = [];
    const r = handleSweep(loaded(), { dataKey: 'model-a|90', ks: [2, 3, 4, 5], seed: 3 }, (p) => calls.push(p));
    expect(r.dataKey).toBe('model-a|90');
    expect(r.points.map((p) => p.k)).toEqual([2, 3, 4, 5]);
    expect(calls).toEqual([
      { done: 1, total: 4 },
      { done: 2, total: 4 },
      { done: 3, total: 4 },
      { done: 4, total: 4 },
    ]);
    const best = r.points.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(best.k).toBe(3);
    expect(r.points[1].inertia).toBeLessThan(r.points[0].inertia);
    for (const p of r.points) {
      expect(Number.isFinite(p.inertia)).toBe(true);
      expect(p.silhouette).toBeGreaterThan(-1);
      expect(p.silhouette).toBeLessThanOrEqual(1);
    }
  });

  it('caps k-means at 100 iterations for a clustering and 30 per k in a sweep', () => {
    expect(CLUSTER_MAX_ITERATIONS).toBe(100);
    expect(SWEEP_MAX_ITERATIONS).toBe(30);
    const state = loaded();
    const spy = vi.mocked(kmeans.runKMeansFast);
    handleCluster(state, { dataKey: 'model-a|90', k: 3, seed: 1 });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][2].maxIterations).toBe(100);
    spy.mockClear();
    handleSweep(state, { dataKey: 'model-a|90', ks: [2, 4], seed: 1 });
    expect(spy.mock.calls.map((c) => [c[1], c[2].maxIterations])).toEqual([
      [2, 30],
      [4, 30],
    ]);
  });

  it('refuses requests for data it does not hold, naming both keys', () => {
    const empty = createAnalysisState();
    expect(() => handleCluster(empty, { dataKey: 'model-a|90', k: 3, seed: 1 })).toThrow(/Stale analysis request.*holds no data/);

    const state = loaded('model-a|90');
    const stale = /Stale analysis request: it is for data "model-b\|90" but the analysis worker holds "model-a\|90"/;
    expect(() => handleCluster(state, { dataKey: 'model-b|90', k: 3, seed: 1 })).toThrow(stale);
    expect(() => handleProject(state, { dataKey: 'model-b|90' })).toThrow(stale);
    expect(() => handleSweep(state, { dataKey: 'model-b|90', ks: [2], seed: 1 })).toThrow(stale);

    // New data makes the old key stale.
    handleSetData(state, { vectors: data.matrix.vectors.slice(), dim: DIM, texts: data.texts, roles: data.roles, dataKey: 'model-b|90' });
    expect(() => handleProject(state, { dataKey: 'model-a|90' })).toThrow(/holds "model-b\|90"/);
    expect(handleProject(state, { dataKey: 'model-b|90' }).dataKey).toBe('model-b|90');

    let caught: unknown;
    try {
      handleProject(state, { dataKey: 'model-a|90' });
    } catch (err) {
      caught = err;
    }
    expect(isStaleDataError(caught)).toBe(true);
    expect(isStaleDataError(new Error('k must be an integer'))).toBe(false);
  });

  it('rejects inconsistent data and keeps what it held', () => {
    const state = loaded('good');
    const base = { dim: DIM, texts: data.texts, roles: data.roles, dataKey: 'bad' };
    expect(() => handleSetData(state, { ...base, vectors: new Float32Array(89 * DIM) })).toThrow(/712 values for 90 texts/);
    expect(() => handleSetData(state, { ...base, vectors: data.matrix.vectors.slice(), roles: data.roles.slice(1) })).toThrow(/89 roles for 90 texts/);
    const withNaN = data.matrix.vectors.slice();
    withNaN[5 * DIM + 2] = NaN;
    expect(() => handleSetData(state, { ...base, vectors: withNaN })).toThrow(/row 5 has a non-finite value/);
    expect(() => handleSetData(state, { ...base, vectors: data.matrix.vectors.slice(), dataKey: '' })).toThrow(/dataKey/);
    expect(() => handleSetData(state, { ...base, vectors: data.matrix.vectors.slice(), dim: 0 })).toThrow(/dim must be a positive integer/);
    expect(state.data?.dataKey).toBe('good');
  });

  it('dispatches by type, transfers result buffers but never the held matrix, and rejects unknown types', () => {
    const state = createAnalysisState();
    const vectors = data.matrix.vectors.slice();
    const progress = vi.fn();
    const set = handleRequest(state, { id: 1, type: 'set-data', vectors, dim: DIM, texts: data.texts, roles: data.roles, dataKey: 'k' }, progress);
    expect(set).toEqual({ result: { dataKey: 'k', rows: 90, dim: DIM }, transfer: [] });
    expect(state.data?.matrix.vectors).toBe(vectors); // kept, not copied

    const cluster = handleRequest(state, { id: 2, type: 'cluster', dataKey: 'k', k: 3, seed: 1 }, progress);
    const c = cluster.result as ClusterResult;
    expect(cluster.transfer).toEqual([c.labels.buffer, c.centroids.buffer]);
    expect(progress).toHaveBeenCalled();

    const project = handleRequest(state, { id: 3, type: 'project', dataKey: 'k' }, progress);
    expect(project.transfer).toHaveLength(3);
    for (const t of [...cluster.transfer, ...project.transfer]) expect(t).not.toBe(vectors.buffer);

    const sweep = handleRequest(state, { id: 4, type: 'sweep', dataKey: 'k', ks: [2, 3], seed: 1 }, progress);
    expect(sweep.transfer).toEqual([]);

    expect(() => handleRequest(state, { id: 5, type: 'explode' } as unknown as AnalysisRequest, progress)).toThrow(/unexpected value.*explode/);
  });
});

function clusterReply(req: AnalysisRequest, k: number): ClusterResult {
  return {
    dataKey: 'dataKey' in req ? req.dataKey : '',
    k,
    labels: new Int32Array(4),
    centroids: new Float32Array(k * 2),
    dim: 2,
    inertia: k,
    iterations: 1,
    converged: true,
    quality: { purity: 1, nmi: 1, ari: 1 },
    clusters: [],
  };
}

describe('AnalysisClient with a fake worker', () => {
  it('matches replies to requests by id, whatever the order, and routes progress to its own call', async () => {
    const worker = new FakeAnalysisWorker();
    const client = new AnalysisClient(() => worker);
    const progressA = vi.fn();
    const progressB = vi.fn();
    const a = client.cluster('d', 2, 1, progressA);
    const b = client.cluster('d', 5, 1, progressB);
    expect(worker.received.map((r) => r.id)).toEqual([1, 2]);
    expect(worker.received[1]).toEqual({ id: 2, type: 'cluster', dataKey: 'd', k: 5, seed: 1 });
    // Answer the second first.
    worker.reply({ id: 2, type: 'progress', progress: { done: 1, total: 100 } });
    worker.reply({ id: 2, type: 'result', result: clusterReply(worker.received[1], 5) });
    worker.reply({ id: 1, type: 'progress', progress: { done: 3, total: 100 } });
    worker.reply({ id: 1, type: 'result', result: clusterReply(worker.received[0], 2) });
    worker.reply({ id: 99, type: 'error', message: 'for nobody' }); // unknown id: ignored
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.k).toBe(2);
    expect(rb.k).toBe(5);
    expect(progressA.mock.calls).toEqual([[{ done: 3, total: 100 }]]);
    expect(progressB.mock.calls).toEqual([[{ done: 1, total: 100 }]]);
  });

  it('rejects with the worker error message, and other calls are unaffected', async () => {
    const worker = new FakeAnalysisWorker((req, reply) => {
      if (req.type === 'project') reply({ id: req.id, type: 'error', message: 'Stale analysis request: it is for data "x"' });
      else if (req.type === 'sweep') reply({ id: req.id, type: 'result', result: { dataKey: req.dataKey, points: [] } });
    });
    const client = new AnalysisClient(() => worker);
    const failed = client.project('x');
    const ok = client.sweep('x', [2], 1);
    const err = await failed.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('Stale analysis request: it is for data "x"');
    expect(isStaleDataError(err)).toBe(true);
    await expect(ok).resolves.toEqual({ dataKey: 'x', points: [] });
  });

  it('setData transfers the vectors it is given, and copies a view rather than detach its whole buffer', async () => {
    const worker = new FakeAnalysisWorker((req, reply) => {
      if (req.type === 'set-data') reply({ id: req.id, type: 'result', result: { dataKey: req.dataKey, rows: req.texts.length, dim: req.dim } });
    });
    const client = new AnalysisClient(() => worker);
    const vectors = Float32Array.from([1, 0, 0, 1]);
    const pending = client.setData({ vectors, dim: 2, texts: ['a', 'b'], roles: ['r', 's'], dataKey: 'm|2' });
    expect(client.dataKey).toBe('m|2');
    await expect(pending).resolves.toEqual({ dataKey: 'm|2', rows: 2, dim: 2 });
    expect(worker.received[0]).toEqual({ id: 1, type: 'set-data', vectors, dim: 2, texts: ['a', 'b'], roles: ['r', 's'], dataKey: 'm|2' });
    expect(worker.transfers[0]).toEqual([vectors.buffer]);
    expect(worker.transfers[0][0]).toBe(vectors.buffer);

    const big = Float32Array.from([9, 9, 1, 0, 0, 1]);
    const view = big.subarray(2);
    await client.setData({ vectors: view, dim: 2, texts: ['a', 'b'], roles: ['r', 's'], dataKey: 'm|2b' });
    const sent = worker.received[1];
    if (sent.type !== 'set-data') throw new Error('expected set-data');
    expect([...sent.vectors]).toEqual([1, 0, 0, 1]);
    expect(sent.vectors.buffer).not.toBe(big.buffer);
    expect(worker.transfers[1]).toEqual([sent.vectors.buffer]);
    expect(client.dataKey).toBe('m|2b');
  });

  it('terminate rejects pending calls, forgets the data, and the next call starts a fresh worker', async () => {
    const workers: FakeAnalysisWorker[] = [];
    const client = new AnalysisClient(() => {
      const w = new FakeAnalysisWorker(); // answers only when a test calls reply()
      workers.push(w);
      return w;
    });
    const input = () => ({ vectors: new Float32Array(4), dim: 2, texts: ['a', 'b'], roles: ['r', 'r'], dataKey: 'd' });

    // Data the worker accepted is gone with the worker.
    const accepted = client.setData(input());
    workers[0].reply({ id: 1, type: 'result', result: { dataKey: 'd', rows: 2, dim: 2 } });
    await accepted;
    expect(client.dataKey).toBe('d');
    const clustering = client.cluster('d', 2, 1);
    client.terminate('Cancelled by the user.');
    expect(client.dataKey).toBeNull();
    await expect(clustering).rejects.toThrow('Cancelled by the user.');
    expect(workers[0].terminated).toBe(true);

    // A late reply from the terminated worker reaches nobody.
    workers[0].reply({ id: 2, type: 'result', result: clusterReply(workers[0].received[1], 2) });

    // Resending the same key at once: the cancelled send's late rejection must not clear the new one.
    const first = client.setData(input());
    expect(workers).toHaveLength(2);
    client.terminate();
    const again = client.setData(input());
    expect(workers).toHaveLength(3);
    expect(workers[2].received[0].id).toBe(4);
    await expect(first).rejects.toThrow('Cancelled.');
    expect(client.dataKey).toBe('d');
    workers[2].reply({ id: 4, type: 'result', result: { dataKey: 'd', rows: 2, dim: 2 } });
    await expect(again).resolves.toEqual({ dataKey: 'd', rows: 2, dim: 2 });
    expect(client.dataKey).toBe('d');
  });

  it('a failed setData clears dataKey', async () => {
    const client = new AnalysisClient(() => new FakeAnalysisWorker((req, reply) => reply({ id: req.id, type: 'error', message: 'set-data: 3 roles for 2 texts' })));
    const p = client.setData({ vectors: new Float32Array(4), dim: 2, texts: ['a', 'b'], roles: ['r', 'r', 'r'], dataKey: 'k' });
    await expect(p).rejects.toThrow('3 roles for 2 texts');
    expect(client.dataKey).toBeNull();
  });

  it('a crashed worker fails every pending call and is replaced on the next call', async () => {
    const workers: FakeAnalysisWorker[] = [];
    const client = new AnalysisClient(() => {
      const w = new FakeAnalysisWorker();
      workers.push(w);
      return w;
    });
    const a = client.project('d');
    const b = client.sweep('d', [2], 1);
    workers[0].crash('Failed to fetch module');
    await expect(a).rejects.toThrow('The analysis worker failed: Failed to fetch module');
    await expect(b).rejects.toThrow('The analysis worker failed: Failed to fetch module');
    expect(workers[0].terminated).toBe(true);
    void client.project('d').catch(() => undefined);
    expect(workers).toHaveLength(2);
  });
});

describe('AnalysisClient over the real handlers (in-process worker, real transfers)', () => {
  it('sets data, clusters, projects and sweeps; the caller keeps its vectors and stale keys are refused', async () => {
    const data = synthetic();
    const original = data.matrix.vectors.slice();
    const worker = new InProcessAnalysisWorker();
    const client = new AnalysisClient(() => worker);

    const sent = data.matrix.vectors.slice();
    await expect(
      client.setData({ vectors: sent, dim: DIM, texts: data.texts, roles: data.roles, dataKey: 'm|90' }),
    ).resolves.toEqual({ dataKey: 'm|90', rows: 90, dim: DIM });
    // The handed-over copy was transferred (detached here); the caller's own array is untouched.
    expect(sent).toHaveLength(0);
    expect(data.matrix.vectors).toEqual(original);
    expect(worker.state.data?.matrix.vectors).toEqual(original);

    const progress = vi.fn();
    const c = await client.cluster('m|90', 3, 1, progress);
    expect(c.quality).toEqual({ purity: 1, nmi: expect.closeTo(1, 10), ari: expect.closeTo(1, 10) });
    expect(c.labels).toHaveLength(90);
    expect(progress).toHaveBeenCalledWith({ done: 1, total: CLUSTER_MAX_ITERATIONS });

    // Transferring the result did not detach the worker's copy: it can cluster again.
    expect(worker.state.data?.matrix.vectors).toHaveLength(90 * DIM);
    const again = await client.cluster('m|90', 3, 1);
    expect([...again.labels]).toEqual([...c.labels]);

    const p = await client.project('m|90');
    expect(p.coords).toHaveLength(180);
    expect(p.pca.explainedVariance).toHaveLength(2);

    const sweepProgress = vi.fn();
    const s = await client.sweep('m|90', [2, 3], 1, sweepProgress);
    expect(s.points.map((x) => x.k)).toEqual([2, 3]);
    expect(sweepProgress).toHaveBeenCalledTimes(2);

    const stale = await client.cluster('other|90', 3, 1).catch((e: unknown) => e);
    expect(isStaleDataError(stale)).toBe(true);
  });
});
