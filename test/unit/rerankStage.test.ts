// @vitest-environment node
/**
 * The re-ranking stage of the store, end to end in Node: the first-stage ranking, then the
 * tiny cross-encoder (real transformers.js, stand-in Hub) through the client and the score
 * cache, the moves it reports, and what a failure leaves on screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RERANKER_REPO } from '../../scripts/build-test-reranker.ts';
import { moveLabel } from '../../src/core/rerankOrder';
import { RerankClient } from '../../src/embedding/rerankClient';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { applyRerank, cancelRerank, selectReranker, setRerankEnabled, setRerankTopN, startRerankStage } from '../../src/store/rerankActions';
import { shownHits } from '../../src/store/rerankSelectors';
import { setServices } from '../../src/store/services';
import { makeProfile } from '../helpers/fixtures';
import { InProcessRerankWorker } from '../helpers/inProcessRerankWorker';
import { fakeServices } from '../helpers/services';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';

const QUERY = 'Registered nurse for the ICU: patient care and medication';
const profiles = [
  makeProfile('dev1', 'Software Engineer', 'python developer django aws'),
  makeProfile('nurse1', 'Registered Nurse', 'icu patient care medication'),
  makeProfile('acc1', 'Accountant', 'payroll ledger tax'),
  makeProfile('nurse2', 'Registered Nurse', 'nurse night shifts ward'),
];
// one-hot "embeddings": the first stage ranks dev1, acc1, nurse2, nurse1 for this query vector
const matrix = { vectors: Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]), dim: 4 };
const queryVector = Float32Array.from([0.9, 0.1, 0.5, 0.3]);

let hub: StandInHub;
let cacheDir: string;
let workers: InProcessRerankWorker[];
let stop: () => void;

function ids(): string[] {
  const { result, rerank, resultCount } = useAppStore.getState();
  return shownHits(result!, rerank, resultCount).hits.map((h) => profiles[h.index].id);
}

beforeAll(async () => {
  hub = await startStandInHub();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'rerank-stage-'));
});
afterAll(async () => {
  await hub?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

beforeEach(() => {
  workers = [];
  const reranker = new RerankClient(() => {
    const w = new InProcessRerankWorker(cacheDir);
    workers.push(w);
    return w;
  });
  setServices(fakeServices(async () => ({ profiles, jobs: [] }), { reranker }));
  useAppStore.setState({
    profiles,
    resultCount: 4,
    remoteHost: `${hub.url}/`,
    rerankerId: RERANKER_REPO,
    rerankDtype: 'q8',
    profileEmbeddings: { modelId: 'glove-sif-100d', dtype: 'q8', device: 'wasm', matrix, elapsedMs: 0, fromCache: 0, embedded: 4, duplicates: 0, truncation: null, version: 1 },
    result: {
      query: QUERY,
      modelId: 'glove-sif-100d',
      hits: [0, 2, 3, 1].map((index) => ({ index, score: queryVector[index], cluster: -1 })),
      hiddenHits: [],
      queryClusters: [],
      queryVector,
      embeddingScores: queryVector,
      keywordScores: null,
      keywordQuery: null,
      ranking: 'embedding',
      fusionWeight: 0.4,
      ruleHiddenHits: [],
      tookMs: 1,
    },
  });
  stop = startRerankStage();
});
afterEach(() => {
  stop();
  resetAppStore();
  setServices(null);
});

describe('re-ranking stage', () => {
  it('re-orders the top N by the cross-encoder and says where each profile was', async () => {
    expect(ids()).toEqual(['dev1', 'acc1', 'nurse2', 'nurse1']);
    await setRerankEnabled(true);
    const s = useAppStore.getState();
    expect(s.rerankStatus).toBe('ready');
    expect(s.rerank).toMatchObject({ rerankerId: RERANKER_REPO, dtype: 'q8', topN: 4, scored: 4, fromCache: 0 });
    // the nurses rise above the developer and the accountant, who tie and keep their order
    expect(ids().slice(2)).toEqual(['dev1', 'acc1']);
    expect(ids().slice(0, 2).sort()).toEqual(['nurse1', 'nurse2']);
    const moves = shownHits(s.result!, s.rerank, 4).moves!.map((m) => moveLabel(m.move));
    expect(moves.slice(2)).toEqual(['down 2', 'down 2']);
    expect(moves.slice(0, 2).every((m) => m.startsWith('up '))).toBe(true);
    expect(workers[0].received.map((r) => r.type)).toEqual(['load', 'score']);
  });

  it('re-ranks only the top N, and reads scores it has from the cache', async () => {
    useAppStore.setState({ rerankTopN: 2 });
    await setRerankEnabled(true);
    // dev1 and acc1 were the top 2: both score alike, so nothing moves; the nurses stay below
    expect(ids()).toEqual(['dev1', 'acc1', 'nurse2', 'nurse1']);
    expect(useAppStore.getState().rerank?.hits.map((h) => h.rerankScore === null)).toEqual([false, false, true, true]);

    await setRerankTopN(4);
    expect(useAppStore.getState().rerank).toMatchObject({ fromCache: 2, scored: 2 });
    await applyRerank();
    expect(useAppStore.getState().rerank).toMatchObject({ fromCache: 4, scored: 0 });
    expect(workers[0].received.filter((r) => r.type === 'score')).toHaveLength(2);
  });

  it('follows a new ranking by itself, and clears when turned off', async () => {
    await setRerankEnabled(true);
    const before = useAppStore.getState().rerank;
    useAppStore.setState({ result: { ...useAppStore.getState().result!, tookMs: 2 } });
    await expect.poll(() => useAppStore.getState().rerank !== before && useAppStore.getState().rerankStatus === 'ready').toBe(true);
    expect(useAppStore.getState().rerank?.result).toBe(useAppStore.getState().result);
    await setRerankEnabled(false);
    expect(useAppStore.getState()).toMatchObject({ rerank: null, rerankStatus: 'off' });
    expect(ids()).toEqual(['dev1', 'acc1', 'nurse2', 'nurse1']);
  });

  it('says in plain words when a re-ranker cannot be loaded, marks it, and keeps the first-stage order', async () => {
    await selectReranker('test-org/no-such-reranker');
    await setRerankEnabled(true);
    const s = useAppStore.getState();
    expect(s.rerankStatus).toBe('error');
    expect(s.rerankError).toMatch(/^Re-ranking is unavailable: The model "test-org\/no-such-reranker" or one of its files was not found\..*The list shows the order before re-ranking\.$/);
    expect(s.rerankUnavailable['test-org/no-such-reranker']).toMatch(/not found/);
    expect(s.rerank).toBeNull();
    expect(ids()).toEqual(['dev1', 'acc1', 'nurse2', 'nurse1']);
    // another re-ranker still works, and the mark on the one that failed stays
    await selectReranker(RERANKER_REPO);
    expect(useAppStore.getState().rerankStatus).toBe('ready');
    expect(Object.keys(useAppStore.getState().rerankUnavailable)).toEqual(['test-org/no-such-reranker']);
  });

  it('cancels a load at once and keeps the first-stage order', async () => {
    const slow = await startStandInHub({ chunkSize: 256, chunkDelayMs: 100 });
    try {
      useAppStore.setState({ remoteHost: `${slow.url}/`, rerankDtype: 'fp32' });
      const running = setRerankEnabled(true);
      await expect.poll(() => useAppStore.getState().rerankStatus).toBe('loading');
      cancelRerank();
      await running;
      const s = useAppStore.getState();
      expect(s).toMatchObject({ rerankStatus: 'error', rerank: null });
      expect(s.rerankError).toMatch(/cancelled/i);
      expect(workers[0].terminated).toBe(true);
      expect(ids()).toEqual(['dev1', 'acc1', 'nurse2', 'nurse1']);
    } finally {
      await slow.close();
    }
  });
});
