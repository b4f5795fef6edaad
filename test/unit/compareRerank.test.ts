// @vitest-environment node
/**
 * The comparison lab's re-ranked rows, in Node: the lab's own re-ranker worker (real
 * transformers.js on the stand-in re-ranker, served by the stand-in Hub) re-ranks each job
 * description's hybrid top N, and a re-ranker that cannot load leaves a note, not a failed run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RERANKER_REPO } from '../../scripts/build-test-reranker.ts';
import { RerankClient } from '../../src/embedding/rerankClient';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { runComparison } from '../../src/store/compareActions';
import { labRows } from '../../src/store/compareRows';
import { setServices } from '../../src/store/services';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';
import { InProcessRerankWorker } from '../helpers/inProcessRerankWorker';
import { fakeServices } from '../helpers/services';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';

let hub: StandInHub;
let cacheDir: string;

beforeAll(async () => {
  hub = await startStandInHub();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'compare-rerank-'));
});
afterAll(async () => {
  await hub?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});
afterEach(() => {
  resetAppStore();
  setServices(null);
});

function setUp(rerankerId: string) {
  let created = 0;
  const compareReranker = new RerankClient(() => {
    created++;
    return new InProcessRerankWorker(cacheDir);
  });
  // the main view's re-ranker must never be used by the lab
  const reranker = new RerankClient(() => {
    throw new Error('the lab used the main view’s re-ranker');
  });
  setServices(fakeServices(async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs }), { compareReranker, reranker }));
  useAppStore.setState({
    profiles: fixtureProfiles,
    jobs: fixtureJobs,
    remoteHost: `${hub.url}/`,
    rerankEnabled: true,
    rerankerId,
    rerankDtype: 'q8',
    rerankTopN: 3,
    compareTargets: [{ modelId: 'glove-sif-100d', dtype: 'q8' }],
  });
  return { workersCreated: () => created };
}

describe('comparison lab with re-ranking on', () => {
  it('adds a re-ranked row per model: the hybrid top N re-ordered by the lab’s own re-ranker', async () => {
    const { workersCreated } = setUp(RERANKER_REPO);
    await runComparison();
    const [run] = useAppStore.getState().compareRuns;
    expect(run.status).toBe('done');
    expect(run.rerankNote).toMatch(/^top 3 re-ranked by .* \(q8\)$/);
    expect(run.reranked).not.toBeNull();
    expect(workersCreated()).toBe(1);
    const rows = labRows([run], useAppStore.getState().compareKeyword);
    expect(rows.map((r) => r.ranking)).toEqual(['embedding', 'hybrid', 'reranked', 'bm25']);
    // re-ranking only re-orders the top 3: the profiles past it keep the hybrid's order, so recall over all 5 is unchanged
    expect(run.reranked!.recall50).toBe(run.hybrid!.recall50);
  }, 60_000);

  it('keeps the run and says why when the re-ranker cannot load', async () => {
    setUp('test-org/no-such-reranker');
    await runComparison();
    const [run] = useAppStore.getState().compareRuns;
    expect(run.status).toBe('done');
    expect(run.reranked).toBeNull();
    expect(run.rerankNote).toMatch(/^Not re-ranked: /);
    expect(labRows([run], null).map((r) => r.ranking)).toEqual(['embedding', 'hybrid']);
  }, 60_000);
});
