// @vitest-environment node
/**
 * Progressive embedding through the store, with a stand-in worker whose embed calls wait
 * until the test lets them go: the profiles embedded so far are searched and clustered,
 * labelled as partial, and once every profile is embedded the ranking equals the one a
 * single full run gives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { initialize, runSearch, setRankingKind } from '../../src/store/actions';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { cancelModelLoad, resumeEmbedding } from '../../src/store/modelActions';
import { setServices } from '../../src/store/services';
import { EmbeddingClient } from '../../src/embedding/client';
import type { WorkerRequest, WorkerResponse } from '../../src/embedding/protocol';
import { FakeWorker, hashingWorkerHandler } from '../helpers/fakeWorker';
import { fakeServices } from '../helpers/services';
import { makeProfile } from '../helpers/fixtures';

const HUB_ID = 'Xenova/all-MiniLM-L6-v2';
const QUERY = 'roadmap discovery backlog for a payments product';
const WORDS = ['roadmap', 'discovery', 'backlog', 'ledger', 'audit', 'positioning', 'launch', 'patient', 'ward', 'kubernetes', 'payments', 'metrics'];
const profiles = Array.from({ length: 300 }, (_, i) =>
  makeProfile(`p${i}`, i % 3 === 0 ? 'Product Manager' : i % 3 === 1 ? 'Accountant' : 'Nurse', [0, 1, 2, 3].map((j) => WORDS[(i * (j + 3) + j) % WORDS.length]).join(' ') + ` note${i}`),
);

/** A worker whose profile embeds (more than one text) wait for `release`; the query's go at once. */
function gatedServices() {
  const waiting: { worker: FakeWorker; answer: () => void }[] = [];
  const sent: number[] = [];
  const client = new EmbeddingClient(() => {
    const worker: FakeWorker = new FakeWorker((req: WorkerRequest, reply: (r: WorkerResponse) => void) => {
      if (req.type === 'embed' && req.texts.length > 1) {
        sent.push(req.texts.length);
        waiting.push({ worker, answer: () => hashingWorkerHandler(req, reply) });
        return;
      }
      hashingWorkerHandler(req, reply);
    });
    return worker;
  });
  setServices(fakeServices(async () => ({ profiles, jobs: [] }), { client }));
  return {
    sent,
    /** Lets the next embed call answer, once one is waiting (or gives up once `stop` says so). */
    async release(stop = () => false): Promise<void> {
      // a cancelled worker's calls never answer
      const live = () => waiting.findIndex((w) => !w.worker.terminated);
      await until(() => live() >= 0 || stop());
      if (live() >= 0) waiting.splice(live(), 1)[0].answer();
    },
  };
}

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(ok()).toBe(true);
}


afterEach(() => {
  resetAppStore();
  setServices(null);
});

describe('a Hub model embedding in chunks', () => {
  it('searches and clusters the profiles embedded so far, labelled, and equals the full search once complete', async () => {
    // the full run: every chunk answers at once
    setServices(fakeServices(async () => ({ profiles, jobs: [] }), { client: new EmbeddingClient(() => new FakeWorker(hashingWorkerHandler)) }));
    useAppStore.setState({ modelId: HUB_ID, dtype: 'q8', query: QUERY });
    await initialize();
    await runSearch();
    const full = useAppStore.getState().result!;
    expect(full.coverage ?? null).toBeNull();
    const fullHits = full.hits.map((h) => [h.index, h.score]);
    resetAppStore();

    const gate = gatedServices();
    useAppStore.setState({ modelId: HUB_ID, dtype: 'q8', query: QUERY });
    const done = initialize();
    await gate.release(); // the first chunk: 16 profiles
    await until(() => useAppStore.getState().profileEmbeddings?.coverage?.count === 16);
    await runSearch();
    const partial = useAppStore.getState().result!;
    expect(partial.coverage).toEqual({ embedded: 16, total: 300 });
    const has = useAppStore.getState().profileEmbeddings!.coverage!.has;
    // the list holds embedded profiles only, and every embedded one (16 < top 25)
    expect(partial.hits.every((h) => has[h.index] === 1)).toBe(true);
    expect(partial.hits.length).toBe(16);
    // the map: fitted on those 16, the others not drawn
    await until(() => useAppStore.getState().clustering?.fittedRows === 16 && useAppStore.getState().projection !== null);
    const { clustering, projection } = useAppStore.getState();
    for (let i = 0; i < 300; i++) {
      expect(clustering!.labels[i] >= 0).toBe(has[i] === 1);
      expect(Number.isNaN(projection!.coords[2 * i])).toBe(has[i] !== 1);
    }
    // keywords only ranks every profile, embedded or not
    setRankingKind('bm25');
    expect(useAppStore.getState().result!.hits.some((h) => has[h.index] === 0)).toBe(true);
    setRankingKind('hybrid');

    // the rest, in as many chunks as the measured rate makes (about 2 s of work each)
    let finished = false;
    void done.finally(() => (finished = true));
    while (!finished) await gate.release(() => finished);
    expect(useAppStore.getState().profileEmbeddings!.coverage).toBeNull();
    const complete = useAppStore.getState().result!;
    expect(complete.coverage ?? null).toBeNull();
    expect(complete.hits.map((h) => [h.index, h.score])).toEqual(fullHits);
    expect(useAppStore.getState().clustering!.fittedRows).toBe(300);
    expect(gate.sent[0]).toBe(16);
    expect(gate.sent.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('cancel keeps what is embedded; resume embeds only the rest', async () => {
    const gate = gatedServices();
    useAppStore.setState({ modelId: HUB_ID, dtype: 'q8', query: QUERY });
    const done = initialize();
    await gate.release();
    await until(() => useAppStore.getState().profileEmbeddings?.coverage?.count === 16);
    await until(() => gate.sent.length === 2);
    cancelModelLoad();
    await done;
    const s = useAppStore.getState();
    expect(s.embeddingStatus).toBe('ready');
    expect(s.profileEmbeddings?.coverage?.count).toBe(16);
    expect(s.modelId).toBe(HUB_ID);
    expect(s.embeddingError).toMatch(/Stopped: 16 of 300 profiles are embedded/);

    let settled = false;
    const resumed = resumeEmbedding().finally(() => (settled = true));
    // the 16 are on screen again at once, from the cache
    await until(() => useAppStore.getState().embeddingStatus === 'embedding' && useAppStore.getState().embedCached === 16);
    while (!settled) await gate.release(() => settled);
    expect(await resumed).toBe(true);
    // only the other 284 went to the model (the cancelled call's 284 never answered)
    expect(gate.sent.slice(2).reduce((a, b) => a + b, 0)).toBe(284);
    expect(useAppStore.getState().profileEmbeddings).toMatchObject({ fromCache: 16, embedded: 284, coverage: null });
    await runSearch();
    expect(useAppStore.getState().result!.coverage ?? null).toBeNull();
  });
});
