// @vitest-environment jsdom
/** What the model bar and status bar say about the vectors: WebGPU agreement, duplicates, cut texts. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { getServices, setServices } from '../../src/store/services';
import { EmbeddingClient } from '../../src/embedding/client';
import type { WorkerRequest, WorkerResponse } from '../../src/embedding/protocol';
import { FakeWorker, hashEmbed, hashingWorkerHandler } from '../helpers/fakeWorker';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles, makeProfile } from '../helpers/fixtures';
import { profileToText } from '../../src/data/profileText';
import type { Profile } from '../../src/data/schema';

const HUB_ID = 'Xenova/all-MiniLM-L6-v2';
const HUB_DIMS = 384;

type Reply = (r: WorkerResponse) => void;

/** Services whose worker answers through `handler`, falling back to the hashing worker. */
function servicesWith(profiles: Profile[], handler: (req: WorkerRequest, reply: Reply) => boolean) {
  const client = new EmbeddingClient(() => new FakeWorker((req, reply) => handler(req, reply) || hashingWorkerHandler(req, reply)));
  setServices(fakeServices(async () => ({ profiles, jobs: fixtureJobs }), { client }));
}

/** A WebGPU that gives wrong vectors (each row reversed) and reports the agreement `cosine`. */
function brokenWebGpu(cosine: number) {
  const gpuEmbeds: number[] = [];
  servicesWith(fixtureProfiles, (req, reply) => {
    if (req.type === 'agreement') {
      reply({ id: req.id, type: 'result', result: { cosines: req.texts.map(() => cosine) } });
      return true;
    }
    if (req.type !== 'embed' || req.spec.device !== 'webgpu') return false;
    gpuEmbeds.push(req.texts.length);
    const vectors = new Float32Array(req.texts.length * HUB_DIMS);
    req.texts.forEach((t, i) => vectors.set(hashEmbed(t, HUB_DIMS).reverse(), i * HUB_DIMS));
    reply({ id: req.id, type: 'result', result: { vectors, dim: HUB_DIMS, truncated: 0, maxTokensApplied: 256, elapsedMs: 1 } });
    return true;
  });
  return gpuEmbeds;
}

async function renderReady() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
}

async function switchTo(modelId: string, device: 'wasm' | 'webgpu') {
  useAppStore.setState({ gpu: { available: true, f16: false, reason: null } });
  await userEvent.selectOptions(screen.getByTestId('model-select'), modelId);
  await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(modelId));
  await userEvent.selectOptions(screen.getByTestId('device-select'), device);
  await waitFor(() => expect(useAppStore.getState().devicePreference).toBe(device));
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
}

/** The on-screen vectors equal the WebAssembly (hashing) ones, row by row. */
function expectWasmVectors() {
  const e = useAppStore.getState().profileEmbeddings!;
  const expected = fixtureProfiles.map((p) => Array.from(hashEmbed(profileToText(p), HUB_DIMS)));
  const actual = fixtureProfiles.map((_, i) => Array.from(e.matrix.vectors.subarray(i * HUB_DIMS, (i + 1) * HUB_DIMS)));
  expect(actual).toEqual(expected);
}

afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

describe('WebGPU agreement', () => {
  it('a failed check is shown with its cosine, the model runs on WebAssembly, and WebGPU vectors are never cached', async () => {
    const gpuEmbeds = brokenWebGpu(0.41);
    await renderReady();
    await switchTo(HUB_ID, 'webgpu');
    expect(screen.getByTestId('agreement-warning')).toHaveTextContent(/failed the agreement check.*mean cosine 0\.410/);
    expect(screen.getByTestId('device-notice')).toHaveTextContent('runs on WebAssembly');
    expect(screen.getByTestId('on-screen-model')).toHaveTextContent(`${HUB_ID} · q8 · WebAssembly`);
    expect(gpuEmbeds).toEqual([]); // no profile was embedded on WebGPU
    expectWasmVectors();
    const keys = (await (await getServices().openCache()).summary()).map((s) => s.modelKey);
    expect(keys.some((k) => k.includes('webgpu'))).toBe(false);

    // asking for WebAssembly now reads the cache: WebAssembly's vectors, not WebGPU's
    await userEvent.selectOptions(screen.getByTestId('device-select'), 'wasm');
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('5 from cache, 0 computed'));
    expectWasmVectors();
  });

  it('a passed check keeps WebGPU, and its vectors are cached under a WebGPU key of their own', async () => {
    const gpuEmbeds = brokenWebGpu(0.9999);
    await renderReady();
    await switchTo(HUB_ID, 'webgpu');
    expect(screen.getByTestId('agreement-ok')).toHaveTextContent('WebGPU agrees with WebAssembly (mean cosine 0.9999)');
    expect(screen.getByTestId('on-screen-model')).toHaveTextContent('WebGPU');
    expect(gpuEmbeds).toEqual([5]);
    await waitFor(async () => {
      const keys = (await (await getServices().openCache()).summary()).map((s) => s.modelKey);
      expect(keys).toContain(`${HUB_ID}@fakehub1|q8|webgpu|384`);
    });
    // WebAssembly never reads WebGPU's vectors: it embeds its own
    await userEvent.selectOptions(screen.getByTestId('device-select'), 'wasm');
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent('WebAssembly'));
    await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
    expect(useAppStore.getState().profileEmbeddings).toMatchObject({ fromCache: 0, embedded: 5 });
    expectWasmVectors();
  });
});

describe('status bar counts', () => {
  const withCopy = [...fixtureProfiles, { ...fixtureProfiles[0], id: 'pm1-copy' }];

  it('counts profiles with the same text as duplicates, not as from cache, while embedding and when ready', async () => {
    let release: (() => void) | null = null;
    servicesWith(withCopy, (req, reply) => {
      if (req.type !== 'embed' || release) return false;
      release = () => hashingWorkerHandler(req, reply); // hold the first embedding
      return true;
    });
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('Embedding profiles 1 / 6 (1 duplicate)'));
    expect(screen.getByTestId('status')).not.toHaveTextContent('from cache');
    release!();
    await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
    expect(screen.getByTestId('status')).toHaveTextContent('6 profiles embedded');
    expect(screen.getByTestId('status')).toHaveTextContent('1 duplicate, 5 computed');
  });

  it('says how many profiles were cut at the model token limit', async () => {
    const long = makeProfile('long', 'Product Manager', Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '));
    servicesWith([...fixtureProfiles, long], () => false);
    await renderReady();
    expect(screen.queryByTestId('truncation-notice')).toBeNull(); // the bundled model takes 4,096 tokens
    await userEvent.selectOptions(screen.getByTestId('model-select'), HUB_ID);
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(HUB_ID));
    expect(await screen.findByTestId('truncation-notice')).toHaveTextContent('1 profile was longer than 256 tokens and was cut.');
  });
});
