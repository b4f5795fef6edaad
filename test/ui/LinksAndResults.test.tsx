// @vitest-environment jsdom
/** Issue 11 in the UI: link mirrors wait for the user, custom ids do not pile up, results say when they are stale, a map pick below the top 100 is shown. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { EmbeddingClient } from '../../src/embedding/client';
import type { LoadSpec, WorkerRequest, WorkerResponse } from '../../src/embedding/protocol';
import { selectProfile } from '../../src/store/clusterActions';
import { rankingFor } from '../../src/store/currentRanking';
import { FakeWorker, hashingWorkerHandler } from '../helpers/fakeWorker';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles, makeProfile } from '../helpers/fixtures';

const HUB_ID = 'Xenova/all-MiniLM-L6-v2';

function servicesRecordingLoads(profiles = fixtureProfiles, failLoadOf?: string): LoadSpec[] {
  const loads: LoadSpec[] = [];
  const client = new EmbeddingClient(
    () =>
      new FakeWorker((req: WorkerRequest, reply: (r: WorkerResponse) => void) => {
        if (req.type === 'load') loads.push(req.spec);
        if (req.type === 'load' && req.spec.modelId === failLoadOf) {
          reply({ id: req.id, type: 'error', message: 'HTTP 404 Not Found' });
          return;
        }
        hashingWorkerHandler(req, reply);
      }),
  );
  setServices(fakeServices(async () => ({ profiles, jobs: fixtureJobs }), { client }));
  return loads;
}

async function search(text: string) {
  const user = userEvent.setup();
  await user.clear(screen.getByTestId('job-input'));
  if (text) await user.type(screen.getByTestId('job-input'), text);
  await user.click(screen.getByTestId('search-button'));
}

afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
  window.history.replaceState(null, '', '/');
});

describe('a mirror that comes with a link', () => {
  it('loads the remembered Hub model from nowhere until answered; Ignore keeps the Hub', async () => {
    window.history.replaceState(null, '', '/?hub=http://mirror.example/');
    useAppStore.setState({ modelId: HUB_ID, dtype: 'q8' });
    const loads = servicesRecordingLoads();
    render(<App />);
    const prompt = await screen.findByTestId('mirror-prompt');
    expect(prompt).toHaveTextContent('mirror.example');
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('Waiting for your answer'));
    expect(loads.filter((l) => l.modelId === HUB_ID)).toEqual([]);
    await userEvent.setup().click(screen.getByTestId('mirror-ignore'));
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(HUB_ID));
    expect(loads.filter((l) => l.modelId === HUB_ID).map((l) => l.remoteHost)).toEqual(['https://huggingface.co/']);
    expect(screen.getByTestId('model-source')).toHaveTextContent('huggingface.co');
  });

  it('Use loads from the mirror and says so; a mirror saved in Storage is checked and remembered', async () => {
    window.history.replaceState(null, '', '/?hub=http://mirror.example/');
    useAppStore.setState({ modelId: HUB_ID, dtype: 'q8' });
    const loads = servicesRecordingLoads();
    render(<App />);
    await userEvent.setup().click(await screen.findByTestId('mirror-use'));
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(HUB_ID));
    expect(loads.filter((l) => l.modelId === HUB_ID).map((l) => l.remoteHost)).toEqual(['http://mirror.example/']);
    expect(screen.getByTestId('model-source')).toHaveTextContent('mirror.example (the mirror from the link, accepted by you)');
    // a link's mirror is not remembered
    expect(JSON.stringify(localStorage)).not.toContain('mirror.example');

    const user = userEvent.setup();
    await user.type(screen.getByTestId('mirror-input'), 'javascript:alert(1)');
    await user.click(screen.getByTestId('mirror-save'));
    expect(screen.getByTestId('mirror-error')).toHaveTextContent('not an http(s) address');
    await user.clear(screen.getByTestId('mirror-input'));
    await user.type(screen.getByTestId('mirror-input'), 'https://saved.example');
    await user.click(screen.getByTestId('mirror-save'));
    expect(useAppStore.getState().savedMirror).toBe('https://saved.example/');
    expect(localStorage.getItem('candidate-search-settings')).toContain('https://saved.example/');
    expect(screen.getAllByTestId('model-source')[0]).toHaveTextContent('saved.example (the mirror set in Storage)');
  });
});

describe('custom model ids', () => {
  it('a refused id stays in the field and out of the picker; a kept one can be removed', async () => {
    servicesRecordingLoads(fixtureProfiles, 'nobody/missing-model');
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
    const user = userEvent.setup();
    const field = screen.getByTestId('custom-model-input');
    await user.type(field, 'nobody/missing-model{Enter}');
    await waitFor(() => expect(screen.getByTestId('model-error')).toHaveTextContent('was not found'));
    expect(field).toHaveValue('nobody/missing-model');
    const values = () => [...(screen.getByTestId('model-select') as HTMLSelectElement).options].map((o) => o.value);
    expect(values()).not.toContain('nobody/missing-model');
    expect(useAppStore.getState().customModelIds).toEqual([]);

    await user.clear(field);
    await user.type(field, 'someone/good-model{Enter}');
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent('someone/good-model'));
    expect(field).toHaveValue('');
    expect(values()).toContain('someone/good-model');
    await user.click(within(screen.getByTestId('custom-models')).getByRole('button', { name: 'Remove someone/good-model' }));
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent('glove-sif-100d'));
    expect(values()).not.toContain('someone/good-model');
  });
});

describe('results that match the screen', () => {
  it('after a failed search the old results, star and outlines are marked as the previous job description’s', async () => {
    servicesRecordingLoads();
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
    await search('roadmap backlog discovery');
    await screen.findAllByTestId('result-item');
    expect(screen.queryByTestId('stale-results')).toBeNull();
    await search('');
    expect(await screen.findByTestId('stale-results')).toHaveTextContent('The last search failed');
    expect(screen.getByTestId('stale-results')).toHaveTextContent('roadmap backlog discovery');
    await waitFor(() => expect(screen.getByTestId('plot-stale')).toBeInTheDocument());
    await search('roadmap backlog');
    await waitFor(() => expect(screen.queryByTestId('stale-results')).toBeNull());
  });

  it('a profile picked on the map below the top 100 shows its rank and the profile, not a dead end', async () => {
    const words = ['roadmap', 'ledger', 'audit', 'launch', 'backlog', 'tax', 'metrics', 'messaging', 'discovery', 'close'];
    const many = Array.from({ length: 150 }, (_, i) => makeProfile(`p${i}`, i % 2 ? 'Accountant' : 'Product Manager', `${words[i % 10]} ${words[(i * 3) % 10]} ${words[(i * 7) % 10]} item${i}`));
    servicesRecordingLoads(many);
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
    await search('roadmap backlog discovery');
    await screen.findAllByTestId('result-item');
    const result = useAppStore.getState().result;
    if (!result) throw new Error('no result');
    const all = rankingFor(result.queryVector, result.embeddingScores, result.keywordScores, many.length)?.hits ?? [];
    const last = all[all.length - 1];
    act(() => selectProfile(many[last.index].id));
    const note = await screen.findByTestId('selection-outside');
    expect(note).toHaveTextContent(`ranks ${all.length} of ${all.length}, below the top 100 the list can show`);
    expect(within(screen.getByTestId('selected-standing')).getByText(many[last.index].name)).toBeInTheDocument();
    expect(within(note).queryByRole('button', { name: /Show the top/ })).toBeNull();

    // one that a longer list reaches gets the list size that shows it
    act(() => selectProfile(many[all[30].index].id));
    await waitFor(() => expect(screen.getByTestId('selection-outside')).toHaveTextContent('ranks 31 of 150, outside this list.'));
    await userEvent.setup().click(within(screen.getByTestId('selection-outside')).getByRole('button', { name: 'Show the top 50' }));
    await waitFor(() => expect(screen.getAllByTestId('result-item')).toHaveLength(50));
  });
});
