/**
 * The map benchmark's page side, bundled by scripts/bench-map.ts and run in Chromium: the
 * analysis worker's own handlers (PCA, k-means, labels) at 100,000 profiles, then the real
 * ScatterPlot drawing all of them, and a new query reaching the map.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import { createAnalysisState, handleCluster, handleProject, handleSetData } from '../src/analysis/handlers';
import { projectPoint } from '../src/core/pca';
import { topK } from '../src/core/topK';
import { scoreAll, row } from '../src/core/vectors';
import { paddedDomain, includePoint } from '../src/core/axisDomain';
import { plotData } from '../src/store/plotSelectors';
import { ScatterPlot, type ScatterPlotProps } from '../src/ui/plot/ScatterPlot';
import { derivedRows, randomProjection } from './lib/derivedVectors';

export interface MapPageInput {
  profiles: { vectors: number[]; dim: number };
  jobs: { vectors: number[]; dim: number };
  texts: string[];
  roles: string[];
  n: number;
  dims: number[];
  k: number;
  runs: number;
  width: number;
}

export interface AnalysisTimes {
  dim: number;
  projectMs: number;
  clusterMs: number;
  iterations: number;
}

export interface MapPageResult {
  n: number;
  analysis: AnalysisTimes[];
  /** Chart props change to the next frame, everything redrawn (median). */
  fullDrawMs: number;
  /** The canvas draw call alone (the 'map-draw' measure, median). */
  drawCallMs: number;
  /** Query vector to the frame showing its star and top 100 (median). */
  queryToMapMs: number;
  drawn: number;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function timed<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

export async function benchMap(input: MapPageInput): Promise<MapPageResult> {
  const real = { vectors: Float32Array.from(input.profiles.vectors), dim: input.profiles.dim };
  const jobs = { vectors: Float32Array.from(input.jobs.vectors), dim: input.jobs.dim };
  const texts = Array.from({ length: input.n }, (_, i) => input.texts[i % input.texts.length]);
  const roles = Array.from({ length: input.n }, (_, i) => input.roles[i % input.roles.length]);
  const analysis: AnalysisTimes[] = [];
  let last: { project: ReturnType<typeof handleProject>; cluster: ReturnType<typeof handleCluster>; matrix: { vectors: Float32Array; dim: number }; jobs: { vectors: Float32Array; dim: number } } | null = null;
  for (const dim of input.dims) {
    const seedRows = dim === real.dim ? real : randomProjection(real, dim, 5);
    const queries = dim === jobs.dim ? jobs : randomProjection(jobs, dim, 5);
    const matrix = derivedRows(seedRows, input.n, 11);
    const state = createAnalysisState();
    handleSetData(state, { vectors: matrix.vectors, dim, texts, roles, dataKey: 'bench' });
    const projectTimes: number[] = [];
    const clusterTimes: number[] = [];
    for (let r = 0; r < input.runs; r++) {
      const [project, pMs] = timed(() => handleProject(state, { dataKey: 'bench' }));
      const [cluster, cMs] = timed(() => handleCluster(state, { dataKey: 'bench', k: input.k, seed: 42 }));
      projectTimes.push(pMs);
      clusterTimes.push(cMs);
      last = { project, cluster, matrix, jobs: queries };
      await nextFrame();
    }
    analysis.push({ dim, projectMs: median(projectTimes), clusterMs: median(clusterTimes), iterations: last!.cluster.iterations });
  }

  // the map of the last (largest) dimension
  const { project, cluster, matrix } = last!;
  const projection = { dataKey: 'bench', pca: project.pca, coords: project.coords };
  const clustering = { dataKey: 'bench', labels: cluster.labels };
  const base = { x: paddedDomain(project.coords, 2, 0), y: paddedDomain(project.coords, 2, 1) };
  const describe = (i: number) => ({ title: `Profile ${i}`, subtitle: roles[i], cluster: `Cluster ${cluster.labels[i] + 1}` });
  let setProps: (p: Partial<ScatterPlotProps>) => void = () => {};
  const initial = plotData(projection as never, clustering as never, new Set());
  function Harness() {
    const [props, set] = useState<ScatterPlotProps>({
      width: input.width,
      height: 420,
      points: initial.points,
      positionOf: initial.positionOf,
      xDomain: base.x,
      yDomain: base.y,
      topIndices: new Set(),
      selectedIndex: null,
      query: null,
      xLabel: 'PC1',
      yLabel: 'PC2',
      describe,
      onSelect: () => {},
    });
    setProps = (p) => set((prev) => ({ ...prev, ...p }));
    return <ScatterPlot {...props} />;
  }
  const host = document.createElement('div');
  host.id = 'map-host';
  document.body.append(host);
  createRoot(host).render(<Harness />);
  while (!document.querySelector('[data-testid="points-canvas"]')?.getAttribute('data-drawn')) await nextFrame();

  // full draw: new point arrays (as when a cluster is shown again), so the canvas redraws everything
  const full: number[] = [];
  for (let r = 0; r < input.runs; r++) {
    const fresh = plotData(projection as never, clustering as never, new Set());
    performance.clearMeasures('map-draw');
    const t = performance.now();
    flushSync(() => setProps({ points: fresh.points, positionOf: fresh.positionOf }));
    await nextFrame();
    full.push(performance.now() - t);
  }
  const drawCalls = performance.getEntriesByName('map-draw').map((e) => e.duration);

  // query to map: project the job description with the stored PCA, find its top 100, show them
  const toMap: number[] = [];
  const queryCount = Math.min(input.runs * 2 + 1, rowCountOf(last!.jobs));
  for (let j = 0; j < queryCount; j++) {
    const q = row(last!.jobs, j);
    const hits = new Set(topK(scoreAll(matrix, q), 100));
    const t = performance.now();
    const p = projectPoint(project.pca, q);
    const query = { x: p[0], y: p[1] };
    flushSync(() => setProps({ query, topIndices: hits, xDomain: includePoint(base.x, query.x), yDomain: includePoint(base.y, query.y) }));
    await nextFrame();
    toMap.push(performance.now() - t);
  }
  const drawn = Number(document.querySelector('[data-testid="points-canvas"]')!.getAttribute('data-drawn'));
  return { n: input.n, analysis, fullDrawMs: median(full), drawCallMs: median(drawCalls), queryToMapMs: median(toMap), drawn };
}

function rowCountOf(m: { vectors: Float32Array; dim: number }): number {
  return m.vectors.length / m.dim;
}
