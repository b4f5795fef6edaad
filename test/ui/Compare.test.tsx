// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { comparisonCsv } from '../../src/store/compareExport';
import { appDefaultRanking } from '../../src/store/compareRows';
import { labPairHeadline } from '../../src/store/pairHeadline';
import type { CompareRun, RunSpeed } from '../../src/store/compareSlice';
import type { ComparisonMetrics } from '../../src/core/comparison';
import type { SeparationResult } from '../../src/core/separation';
import { ComparePanel } from '../../src/ui/compare/ComparePanel';
import { SEPARATION_HELP } from '../../src/ui/compare/separationText';
import { fakeServices } from '../helpers/services';
import { makeProfile } from '../helpers/fixtures';
import { FakeWorker, hashingWorkerHandler } from '../helpers/fakeWorker';
import { FakeAnalysisWorker, InProcessAnalysisWorker } from '../helpers/fakeAnalysisWorker';
import { AnalysisClient } from '../../src/analysis/client';
import { EmbeddingClient } from '../../src/embedding/client';
import { handleRequest, createAnalysisState } from '../../src/analysis/handlers';
import type { WorkerRequest } from '../../src/embedding/protocol';
import type { JobDescription, Profile } from '../../src/data/schema';
import type { Services } from '../../src/store/services';

const profiles = [
  ...Array.from({ length: 6 }, (_, i) => makeProfile(`pm${i}`, 'Product Manager', `roadmap backlog discovery prioritisation ${i}`)),
  ...Array.from({ length: 6 }, (_, i) => makeProfile(`pmm${i}`, 'Product Marketing Manager', `positioning messaging launch enablement ${i}`)),
  ...Array.from({ length: 6 }, (_, i) => makeProfile(`acc${i}`, 'Accountant', `ledger reconciliation audit close ${i}`)),
];
const jobs: JobDescription[] = [
  { id: 'j1', title: 'PM', text: 'roadmap backlog discovery', role: 'Product Manager', family: 'Product', relevant: { 'Product Manager': 2, 'Product Marketing Manager': 1 } },
  { id: 'j2', title: 'PMM', text: 'positioning messaging launch', role: 'Product Marketing Manager', family: 'Marketing', relevant: { 'Product Marketing Manager': 2 } },
  { id: 'j3', title: 'Acc', text: 'ledger audit reconciliation', role: 'Accountant', family: 'Finance', relevant: { Accountant: 2 } },
];

beforeEach(() => {
  setServices(fakeServices(async () => ({ profiles, jobs })));
});
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

/** Embedding workers created by a client's factory, in order, so tests can see which worker got what. */
function trackedClient(handler = hashingWorkerHandler) {
  const workers: FakeWorker[] = [];
  const client = new EmbeddingClient(() => {
    const w = new FakeWorker(handler);
    workers.push(w);
    return w;
  });
  return { client, workers };
}

/** Answers load, but never an embed of the profiles: the comparison stays busy until cancelled. */
const stuckOnProfiles = (req: WorkerRequest, reply: Parameters<typeof hashingWorkerHandler>[1]) => {
  if (req.type === 'embed' && req.texts.length > 1) return;
  hashingWorkerHandler(req, reply);
};

function useServices(overrides: Partial<Services>, data: { profiles: Profile[]; jobs: JobDescription[] } = { profiles, jobs }) {
  setServices(fakeServices(async () => data, overrides));
}

async function openCompare() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
  await userEvent.click(screen.getByTestId('tab-compare'));
}

describe('comparison lab', () => {
  it('runs two models one after another and shows both rows, the separation and the chart', async () => {
    await openCompare();
    await userEvent.click(screen.getByTestId('target-Xenova/all-MiniLM-L6-v2-q8'));
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    const rows = screen.getAllByTestId('compare-row');
    // each model's embedding and hybrid ranking, and BM25 once
    expect(rows.map((r) => [r.querySelector('th')!.textContent, r.getAttribute('data-ranking')])).toEqual([
      [expect.stringContaining('glove-sif-100d q8 · embedding'), 'embedding'],
      [expect.stringContaining('glove-sif-100d q8 · hybrid'), 'hybrid'],
      [expect.stringContaining('all-MiniLM-L6-v2 q8 · embedding'), 'embedding'],
      [expect.stringContaining('all-MiniLM-L6-v2 q8 · hybrid'), 'hybrid'],
      ['BM25', 'bm25'],
    ]);
    // the app's default ranking is marked, on the rows of that kind only
    const marked = rows.filter((r) => r.hasAttribute('data-default'));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked).toEqual(rows.filter((r) => r.getAttribute('data-ranking') === appDefaultRanking()));
    expect(rows.filter((r) => r.textContent?.includes('app default'))).toEqual(marked);
    // BM25 and the hybrid are scored, not left empty
    for (const r of rows.slice(1)) expect(within(r).getAllByRole('cell')[0].textContent).toMatch(/^\d\.\d{3}$/);
    expect(useAppStore.getState().compareKeyword?.queries).toBe(jobs.length);
    // the hashing stand-in separates these toy roles perfectly: nDCG 1, PM/PMM AUC 1
    expect(within(rows[0]).getAllByRole('cell')[0]).toHaveTextContent('1.000');
    expect(screen.getByTestId('compare-chart').querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0);
    expect(screen.getByTestId('per-family')).toHaveTextContent(/Product.*1\.000/);
    expect(screen.getByTestId('all-pairs')).toHaveTextContent('Product Manager → Product Marketing Manager');
    expect(screen.getByTestId('all-pairs')).toHaveTextContent('Product Marketing Manager → Product Manager');
    const { compareRuns, compareKeyword } = useAppStore.getState();
    const csv = comparisonCsv(compareRuns, compareKeyword);
    expect(csv.split('\n')[0]).toContain('ndcg10,precision10,mrr,recall50,pm_pmm_auc,pm_pmm_worse_target,pm_pmm_worse_twin');
    expect(csv.trim().split('\n')).toHaveLength(1 + 5);
  });

  it('keeps finished runs when a later one fails', async () => {
    await openCompare();
    useAppStore.setState({ customModelIds: ['nobody/missing-model'] });
    await userEvent.click(await screen.findByTestId('target-nobody/missing-model-q8'));
    // the stand-in worker answers every model; make this one fail like a 404
    const { compareClient: client } = (await import('../../src/store/services')).getServices();
    const original = client.load.bind(client);
    client.load = (spec, onProgress) => (spec.modelId === 'nobody/missing-model' ? Promise.reject(new Error('Could not locate file: config.json')) : original(spec, onProgress));
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    const runs = screen.getAllByTestId('compare-run');
    expect(runs.map((r) => r.getAttribute('data-status'))).toEqual(['done', 'error']);
    expect(runs[1]).toHaveTextContent('was not found');
    expect(screen.getAllByTestId('compare-row').map((r) => r.getAttribute('data-ranking'))).toEqual(['embedding', 'hybrid', 'bm25']);
  });
});

describe('comparison lab leaves the main view alone', () => {
  it('cancelling a comparison kills neither the main worker nor its model: a search still works without a reload', async () => {
    const main = trackedClient();
    const lab = trackedClient(stuckOnProfiles);
    useServices({ client: main.client, compareClient: lab.client });
    await openCompare();
    const mainRequestsBefore = main.workers[0].received.length;
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(screen.getAllByTestId('compare-run')[0]).toHaveAttribute('data-status', 'embedding'));
    await userEvent.click(screen.getByTestId('cancel-comparison'));
    expect(useAppStore.getState().compareStatus).toBe('cancelled');
    expect(lab.workers.at(-1)!.terminated).toBe(true);
    // the comparison sent nothing to the main worker, and cancelling left it running
    expect(main.workers).toHaveLength(1);
    expect(main.workers[0].terminated).toBe(false);
    expect(main.workers[0].received.slice(mainRequestsBefore)).toEqual([]);

    await userEvent.click(screen.getByTestId('tab-search'));
    await userEvent.type(screen.getByTestId('job-input'), 'roadmap backlog discovery');
    await userEvent.click(screen.getByTestId('search-button'));
    expect((await screen.findAllByTestId('result-item')).length).toBeGreaterThan(0);
    const after = main.workers[0].received.slice(mainRequestsBefore);
    expect(after.map((r) => r.type)).toEqual(['embed']);
    expect(useAppStore.getState().embeddingStatus).toBe('ready');
  });

  it("cancelling during evaluation stops the lab's analysis worker too, and only that one", async () => {
    const analysisWorkers: FakeAnalysisWorker[] = [];
    const state = createAnalysisState();
    const compareAnalysis = new AnalysisClient(() => {
      // real set-data, but a k-means that never finishes
      const w = new FakeAnalysisWorker((req, reply) => {
        if (req.type === 'cluster') return;
        const { result } = handleRequest(state, req, () => undefined);
        reply({ id: req.id, type: 'result', result } as never);
      });
      analysisWorkers.push(w);
      return w;
    });
    const mainAnalysisWorkers: InProcessAnalysisWorker[] = [];
    const analysis = new AnalysisClient(() => {
      const w = new InProcessAnalysisWorker();
      mainAnalysisWorkers.push(w);
      return w;
    });
    useServices({ compareAnalysis, analysis });
    await openCompare();
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(analysisWorkers[0]?.received.some((r) => r.type === 'cluster')).toBe(true));
    expect(screen.getAllByTestId('compare-run')[0]).toHaveAttribute('data-status', 'evaluating');
    await userEvent.click(screen.getByTestId('cancel-comparison'));
    expect(analysisWorkers[0].terminated).toBe(true);
    expect(mainAnalysisWorkers.every((w) => !w.terminated)).toBe(true);
    expect(screen.getAllByTestId('compare-run')[0]).toHaveAttribute('data-status', 'cancelled');
  });
});

describe('comparison lab timings and sizes are measured', () => {
  it('loads each run in a fresh worker, shows the bytes the load read, and times queries on unseen texts', async () => {
    const lab = trackedClient();
    useServices({ compareClient: lab.client });
    await openCompare();
    await userEvent.click(screen.getByTestId('target-Xenova/all-MiniLM-L6-v2-q8'));
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    // one fresh worker per run, each asked to load first: no run finds its model already held
    expect(lab.workers).toHaveLength(2);
    expect(lab.workers.map((w) => w.received[0].type)).toEqual(['load', 'load']);
    expect(lab.workers[0].terminated).toBe(true);
    // bytes from the load's progress events (the stand-in reports 10 bytes), not the catalogue's 3.5 MB
    const rows = screen.getAllByTestId('compare-row');
    expect(within(rows[0]).getByTestId('files-read')).toHaveTextContent('10 B read');
    expect(within(rows[0]).getByTestId('cold-load')).not.toHaveTextContent('–');
    // queries are timed one at a time on texts that were never embedded before
    const embedded = new Set(lab.workers.flatMap((w) => w.received.flatMap((r) => (r.type === 'embed' && r.texts.length > 1 ? r.texts : []))));
    const timed = lab.workers[1].received.filter((r): r is Extract<WorkerRequest, { type: 'embed' }> => r.type === 'embed' && r.texts.length === 1);
    expect(timed.length).toBeGreaterThan(0);
    for (const r of timed) expect(embedded.has(r.texts[0])).toBe(false);
    expect(within(rows[0]).getByTestId('query-ms')).toHaveTextContent(`median of ${timed.length}`);
  });

  it("uses the dataset file's vectors for the model that made them: no profile is embedded and the speed says why it is missing", async () => {
    const lab = trackedClient();
    useServices({ compareClient: lab.client });
    await openCompare();
    // one unit vector per role, as a file of this model's vectors would carry
    const dims = 100;
    const roles = [...new Set(profiles.map((p) => p.label.role))];
    const matrix = new Float32Array(profiles.length * dims);
    profiles.forEach((p, i) => (matrix[i * dims + roles.indexOf(p.label.role)] = 1));
    useAppStore.setState({ datasetVectors: { modelId: 'glove-sif-100d', encoding: 'float', dims, rescaled: 0, matrix } });
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    const sent = new Set(lab.workers.flatMap((w) => w.received.flatMap((r) => (r.type === 'embed' ? r.texts : []))));
    expect(profiles.some((p) => [...sent].some((t) => t.includes(p.summary)))).toBe(false);
    const row = screen.getAllByTestId('compare-row')[0];
    expect(row).toHaveTextContent('– (vectors from the file)');
    expect(useAppStore.getState().compareRuns[0].speed).toMatchObject({ fromFile: profiles.length, textsPerSecond: null });
  });

  it('draws a metric that was not measured as "–" in the table and leaves its bar out, saying why', async () => {
    // no Product Marketing Managers at all: the PM/PMM separation cannot be measured
    const data = { profiles: profiles.filter((p) => p.label.role !== 'Product Marketing Manager'), jobs: jobs.filter((j) => j.role !== 'Product Marketing Manager') };
    useServices({}, data);
    await openCompare();
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    const cells = within(screen.getAllByTestId('compare-row')[0]).getAllByRole('cell');
    expect(cells[5]).toHaveTextContent('–');
    const [quality, separation] = screen.getByTestId('compare-chart').querySelectorAll('.recharts-wrapper');
    expect(quality.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0);
    expect(separation.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(0);
    expect(screen.getByTestId('chart-missing')).toHaveTextContent('No bar for glove-sif-100d q8 · embedding: no PM/PMM AUC, worse direction');
  });

  it('reports a failed PNG export instead of failing silently', async () => {
    await openCompare();
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    // jsdom lays nothing out and has no canvas: the export cannot draw, and must say so
    await userEvent.click(screen.getByRole('button', { name: 'Export PNG' }));
    expect(await screen.findByTestId('export-error')).toHaveTextContent(/^PNG export failed: .+/);
  });
});

describe('cost calculator', () => {
  it('prices hosted APIs against the measured local model, with N on a log slider', async () => {
    await openCompare();
    const panel = screen.getByTestId('cost-panel');
    const rows = within(panel).getAllByTestId('cost-row');
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('text-embedding-3-small'), expect.stringContaining('glove-sif-100d q8 (local)')]),
    );
    const small = rows.find((r) => r.textContent?.includes('text-embedding-3-small'))!;
    const before = small.textContent;
    fireEvent.change(within(panel).getByTestId('cost-n'), { target: { value: '1000' } });
    expect(within(panel).getByText('100,000,000')).toBeInTheDocument();
    expect(within(panel).getAllByTestId('cost-row').find((r) => r.textContent?.includes('text-embedding-3-small'))!.textContent).not.toBe(before);
  });
});

describe('close-pair separation per direction in the lab', () => {
  // hand-made numbers: PM -> PMM is the worse direction by AUC, PMM -> PM by filtered AUC
  const separation: SeparationResult[] = [
    { target: 'Product Manager', twin: 'Product Marketing Manager', queries: 4, auc: 0.454, twinShareTop10: 0.3, aucFiltered: 0.9, twinShareTop10Filtered: 0.1, targetKeptFiltered: 0.95 },
    { target: 'Product Marketing Manager', twin: 'Product Manager', queries: 3, auc: 0.981, twinShareTop10: 0.05, aucFiltered: 0.7, twinShareTop10Filtered: 0.2, targetKeptFiltered: 0.6 },
  ];
  const metrics: ComparisonMetrics = { ndcg10: 0.8, precision10: 0.7, mrr: 0.9, recall50: 0.6, queries: 7, perFamily: {}, separation, clustering: { purity: 0.5, nmi: 0.6, ari: 0.3 } };
  const speed: RunSpeed = { loadMs: 1200, bytesRead: 3_500_000, bytesFromBrowserCache: 0, catalogueMB: 3.5, textsPerSecond: 900, fromCache: 0, fromFile: 0, queryMs: 4, querySamples: 5, dims: 100, bytesPerVector: 400 };
  const run: CompareRun = { target: { modelId: 'glove-sif-100d', dtype: 'q8' }, status: 'done', progress: null, device: 'wasm', error: null, metrics, hybrid: metrics, reranked: null, rerankNote: null, speed, agreement: null };

  it('shows the worse direction as the headline, each direction in full, and says what each number is', () => {
    useAppStore.setState({ compareRuns: [run], compareStatus: 'done', compareKeyword: null });
    render(<ComparePanel />);
    const row = screen.getAllByTestId('compare-row')[0];
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    // direction, AUC, twin share, queries of PM -> PMM (AUC 0.454 < 0.981)
    expect(cells.slice(4, 8)).toEqual(['PM → PMM', '0.454', '0.300', '4']);
    // filtered: the other direction is worse there (0.700 < 0.900): AUC · twin · kept
    expect(cells[8]).toBe('PMM → PM 0.700 · 0.200 · 0.600');
    expect(screen.getByRole('columnheader', { name: 'AUC' })).toHaveAttribute('title', SEPARATION_HELP.auc);
    expect(SEPARATION_HELP.auc).toMatch(/target-role profiles' scores against the twin-role profiles' scores/);
    expect(screen.getByRole('columnheader', { name: 'PM/PMM, worse direction' }).getAttribute('title')).toMatch(/lower AUC.*never averaged/);

    const pairs = screen.getByTestId('all-pairs');
    const [pmRow, pmmRow] = within(pairs).getAllByRole('row').slice(1);
    expect(pmRow).toHaveTextContent('Product Manager → Product Marketing Manager (4)');
    expect(within(pmRow).getAllByRole('cell')[0]).toHaveTextContent('0.454 / 0.300 (0.900 / 0.100 / 0.950) worse');
    expect(pmmRow).toHaveTextContent('Product Marketing Manager → Product Manager (3)');
    expect(within(pmmRow).getAllByRole('cell')[0]).not.toHaveTextContent('worse');
    // the chart's headline bar is the worse direction's AUC
    expect(labPairHeadline(metrics).plain?.auc).toBe(0.454);
  });

  it('exports the headline direction and its roles in the CSV', () => {
    const [header, first] = comparisonCsv([run]).trim().split('\n');
    const cols = header.split(',');
    const values = first.split(',');
    const at = (c: string) => values[cols.indexOf(c)];
    expect([at('pm_pmm_auc'), at('pm_pmm_worse_target'), at('pm_pmm_worse_twin'), at('pm_pmm_queries')]).toEqual(['0.454', 'Product Manager', 'Product Marketing Manager', '4']);
    expect([at('pm_pmm_filtered_worse_target'), at('pm_pmm_auc_filtered'), at('pm_pmm_target_kept_filtered')]).toEqual(['Product Marketing Manager', '0.7', '0.6']);
  });
});
