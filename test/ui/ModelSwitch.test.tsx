// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { EmbeddingClient } from '../../src/embedding/client';
import { EmbeddingCache } from '../../src/embedding/embeddingCache';
import type { WorkerRequest, WorkerResponse } from '../../src/embedding/protocol';
import { FakeWorker, hashingWorkerHandler } from '../helpers/fakeWorker';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';

const HUB_ID = 'Xenova/all-MiniLM-L6-v2';
const loadDataset = async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs });

/** A worker that counts embedded texts and can be told to fail loads or hang. */
function countingServices(options: { failLoadOf?: string; hangLoadOf?: string } = {}) {
  const stats = { embeddedTexts: 0, workers: 0 };
  const client = new EmbeddingClient(() => {
    stats.workers++;
    return new FakeWorker((req: WorkerRequest, reply: (r: WorkerResponse) => void) => {
      if (req.type === 'load' && req.spec.modelId === options.failLoadOf) {
        reply({ id: req.id, type: 'error', message: `Could not locate file: "https://huggingface.co/${req.spec.modelId}/resolve/main/onnx/model_quantized.onnx".` });
        return;
      }
      if (req.type === 'load' && req.spec.modelId === options.hangLoadOf) {
        reply({ id: req.id, type: 'progress', progress: { status: 'progress', name: req.spec.modelId, file: 'onnx/model_quantized.onnx', progress: 10, loaded: 2_300_000, total: 23_000_000 } });
        return; // never finishes
      }
      if (req.type === 'embed' && req.texts.length > 1) stats.embeddedTexts += req.texts.length;
      hashingWorkerHandler(req, reply);
    });
  });
  setServices(fakeServices(loadDataset, { client }));
  return stats;
}

async function renderReady() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
}

async function search(text: string) {
  const user = userEvent.setup();
  await user.clear(screen.getByTestId('job-input'));
  await user.type(screen.getByTestId('job-input'), text);
  await user.click(screen.getByTestId('search-button'));
  await screen.findAllByTestId('result-item');
}

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
  resetAppStore();
  setServices(null);
});

describe('switching models', () => {
  it('offers the catalogue with each model precision, and says what is on screen', async () => {
    countingServices();
    await renderReady();
    const options = [...(screen.getByTestId('model-select') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toContain(HUB_ID);
    expect(options.length).toBeGreaterThanOrEqual(9);
    expect(screen.getByTestId('on-screen-model')).toHaveTextContent('glove-sif-100d · q8 · WebAssembly · 100 dimensions');
  });

  it('re-embeds with the new model, re-ranks the query, and the switch back comes from the cache', async () => {
    const stats = countingServices();
    await renderReady();
    expect(stats.embeddedTexts).toBe(5);
    await search('roadmap backlog');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByTestId('model-select'), HUB_ID);
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(`${HUB_ID} · q8 · WebAssembly · 384 dimensions`));
    expect(stats.embeddedTexts, 'after the switch').toBe(10);
    await waitFor(() => expect(useAppStore.getState().result?.modelId).toBe(HUB_ID));
    expect(screen.getByTestId('dtype-select')).toHaveValue('q8');

    await user.selectOptions(screen.getByTestId('model-select'), 'glove-sif-100d');
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent('glove-sif-100d'));
    expect(stats.embeddedTexts, 'after switching back').toBe(10); // nothing embedded again
    expect(screen.getByTestId('status')).toHaveTextContent('5 from cache, 0 computed');
    await waitFor(() => expect(useAppStore.getState().result?.modelId).toBe('glove-sif-100d'));
  });

  it('explains a model that fails to load and keeps the previous results', async () => {
    countingServices({ failLoadOf: HUB_ID });
    await renderReady();
    await search('roadmap backlog');
    const before = screen.getAllByTestId('result-item').map((i) => i.getAttribute('data-profile-id'));
    await userEvent.selectOptions(screen.getByTestId('model-select'), HUB_ID);
    expect(await screen.findByTestId('model-error')).toHaveTextContent(/was not found.*Still showing results from GloVe-SIF/);
    expect(screen.getAllByTestId('result-item').map((i) => i.getAttribute('data-profile-id'))).toEqual(before);
    expect(screen.getByTestId('model-select')).toHaveValue('glove-sif-100d');
  });

  it('cancels a download at once with a fresh worker, and keeps the previous results', async () => {
    const stats = countingServices({ hangLoadOf: HUB_ID });
    await renderReady();
    await search('roadmap backlog');
    await userEvent.selectOptions(screen.getByTestId('model-select'), HUB_ID);
    expect(await screen.findByTestId('file-progress')).toHaveTextContent('onnx/model_quantized.onnx 2.3 MB / 23 MB');
    await userEvent.click(screen.getByTestId('cancel-button'));
    expect(screen.getByTestId('model-error')).toHaveTextContent('Cancelled. Still showing results from GloVe-SIF');
    expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready');
    expect(screen.getAllByTestId('result-item').length).toBeGreaterThan(0);
    // the next search works on a new worker, reloading the bundled model
    await search('ledger audit');
    expect(stats.workers).toBe(2);
  });

  it('rejects a custom id that is not organisation/model', async () => {
    countingServices();
    await renderReady();
    await userEvent.type(screen.getByTestId('custom-model-input'), 'not a model{Enter}');
    expect(await screen.findByTestId('model-error')).toHaveTextContent('is not a Hub model id');
  });
});

describe('storage panel', () => {
  it('lists cached embeddings per model with their size, and clears them', async () => {
    countingServices();
    await renderReady();
    const panel = screen.getByTestId('storage-panel');
    await userEvent.click(within(panel).getByText('Storage'));
    const row = await within(panel).findByTestId('cached-model');
    expect(row).toHaveTextContent(/glove-sif-100d@[0-9a-f]{8}\|q8\|wasm\|100/);
    expect(row).toHaveTextContent('5');
    expect(row).toHaveTextContent('2 kB'); // 5 x 100 floats x 4 bytes
    await userEvent.click(within(row).getByRole('button', { name: 'Clear' }));
    expect(await within(panel).findByText('Nothing cached yet.')).toBeInTheDocument();
    // what is on screen stays
    expect(screen.getByTestId('on-screen-model')).toHaveTextContent('glove-sif-100d');
  });
});

describe('storage panel failures', () => {
  async function openPanel() {
    const panel = screen.getByTestId('storage-panel');
    await userEvent.click(within(panel).getByText('Storage'));
    return panel;
  }

  it('says when the cached embeddings cannot be read, instead of "Nothing cached yet"', async () => {
    countingServices();
    await renderReady();
    vi.spyOn(EmbeddingCache.prototype, 'summary').mockRejectedValue(new Error('The cached embeddings could not be read (UnknownError: disk I/O failed).'));
    const panel = await openPanel();
    expect(await within(panel).findByTestId('embeddings-error')).toHaveTextContent('could not be read (UnknownError: disk I/O failed)');
    expect(within(panel).queryByText('Nothing cached yet.')).toBeNull();
  });

  it('says when the model files cannot be listed (this test browser has no Cache Storage)', async () => {
    countingServices();
    await renderReady();
    const panel = await openPanel();
    expect(await within(panel).findByTestId('model-files-error')).toHaveTextContent('does not offer Cache Storage');
    // the embeddings part is still listed
    expect(await within(panel).findByTestId('cached-model')).toHaveTextContent('glove-sif-100d');
  });

  it('shows a clear that failed, and keeps the listing', async () => {
    countingServices();
    await renderReady();
    vi.spyOn(EmbeddingCache.prototype, 'clear').mockRejectedValue(new Error('The cached embeddings could not be deleted (ReadOnlyError).'));
    const panel = await openPanel();
    const row = await within(panel).findByTestId('cached-model');
    await userEvent.click(within(row).getByRole('button', { name: 'Clear' }));
    expect(await within(panel).findByTestId('storage-error')).toHaveTextContent('could not be deleted (ReadOnlyError)');
    expect(within(panel).getByTestId('cached-model')).toHaveTextContent('5');
  });

  it('shows a failed model-file clear', async () => {
    countingServices();
    await renderReady();
    const panel = await openPanel();
    await within(panel).findByTestId('model-files-error');
    await userEvent.click(within(panel).getByRole('button', { name: 'Clear model files' }));
    expect(await within(panel).findByTestId('storage-error')).toHaveTextContent('does not offer Cache Storage');
  });
});

describe('what survives a reload', () => {
  it('keeps the job description being written and the chosen model', async () => {
    countingServices();
    await renderReady();
    await userEvent.type(screen.getByTestId('job-input'), 'half-written job description');
    await userEvent.selectOptions(screen.getByTestId('model-select'), HUB_ID);
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(HUB_ID));
    const saved = JSON.parse(localStorage.getItem('candidate-search-settings') ?? '{}') as { state: Record<string, unknown> };
    expect(saved.state).toMatchObject({ query: 'half-written job description', modelId: HUB_ID, dtype: 'q8' });
    expect(saved.state).not.toHaveProperty('profiles');
  });

  it('falls back to the bundled model, saying why, when the remembered model cannot load', async () => {
    countingServices({ failLoadOf: HUB_ID });
    localStorage.setItem('candidate-search-settings', JSON.stringify({ state: { modelId: HUB_ID, dtype: 'q8' }, version: 1 }));
    await useAppStore.persist.rehydrate();
    expect(useAppStore.getState().modelId).toBe(HUB_ID);
    await renderReady();
    expect(screen.getByTestId('on-screen-model')).toHaveTextContent('glove-sif-100d');
    expect(screen.getByTestId('model-error')).toHaveTextContent(/was not found.*Using the bundled model instead/);
  });
});

describe('a typed-in model without quantized weights', () => {
  it('falls back to fp32 and says so', async () => {
    const client = new EmbeddingClient(
      () =>
        new FakeWorker((req: WorkerRequest, reply: (r: WorkerResponse) => void) => {
          if (req.type === 'load' && req.spec.modelId === 'org/fp32-only' && req.spec.dtype !== 'fp32') {
            reply({ id: req.id, type: 'error', message: 'Could not locate file: "org/fp32-only/resolve/main/onnx/model_quantized.onnx".' });
            return;
          }
          hashingWorkerHandler(req, reply);
        }),
    );
    setServices(fakeServices(loadDataset, { client }));
    await renderReady();
    await userEvent.type(screen.getByTestId('custom-model-input'), 'org/fp32-only{Enter}');
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent('org/fp32-only · fp32'));
    expect(screen.getByTestId('device-notice')).toHaveTextContent('has no q8 weights, so it runs in fp32');
    expect(screen.getByTestId('dtype-select')).toHaveValue('fp32');
  });
});
