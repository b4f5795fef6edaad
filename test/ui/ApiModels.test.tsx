// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { RoutedEmbeddingClient } from '../../src/api/apiEmbedder';
import { EmbeddingClient } from '../../src/embedding/client';
import { createApiEmbedder } from '../../src/store/apiActions';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { FakeWorker, hashingWorkerHandler } from '../helpers/fakeWorker';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';
import { fakeServices } from '../helpers/services';
import { startStandInOpenAI, type StandInOpenAI } from '../helpers/standInOpenAI';
import { clearStoredVerdicts, countStoredVerdicts, setVerdictStore } from '../../src/store/llmRerankActions';
import { openVerdictStore } from '../../src/api/verdictCache';

const loadDataset = async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs });
const MODEL_ID = 'custom:stand-in-embed';
let server: StandInOpenAI;

beforeAll(async () => {
  server = await startStandInOpenAI();
});
afterAll(() => server.close());

function useRoutedServices() {
  const base = fakeServices(loadDataset);
  const local = () => new EmbeddingClient(() => new FakeWorker(hashingWorkerHandler));
  setServices({
    ...base,
    client: new RoutedEmbeddingClient(local(), createApiEmbedder(base.openCache)),
    compareClient: new RoutedEmbeddingClient(local(), createApiEmbedder(base.openCache)),
  });
}

async function renderReady() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
}

async function addStandIn(user: ReturnType<typeof userEvent.setup>) {
  const settings = screen.getByTestId('api-settings');
  await user.click(within(settings).getByText(/^API models/));
  await user.selectOptions(screen.getByTestId('api-provider'), 'custom');
  await user.clear(screen.getByTestId('api-base-url'));
  await user.type(screen.getByTestId('api-base-url'), server.baseUrl);
  await user.clear(screen.getByTestId('api-model'));
  await user.type(screen.getByTestId('api-model'), 'stand-in-embed');
  await user.click(screen.getByTestId('api-add'));
  expect(screen.getByTestId('api-message')).toHaveTextContent(`Added ${MODEL_ID}`);
}

afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
  setVerdictStore(null);
});

describe('API models', () => {
  it('asks before anything is sent, sends nothing on "Don\'t send", and names the endpoint in the header', async () => {
    useRoutedServices();
    await renderReady();
    const user = userEvent.setup();
    expect(screen.getByTestId('privacy-notice')).toHaveTextContent('No profile leaves this page.');
    const before = server.requests.length;
    await addStandIn(user);
    // setting up sends nothing and changes nothing on screen
    expect(server.requests.length).toBe(before);
    expect(screen.getByTestId('privacy-notice')).toHaveTextContent('No profile leaves this page.');

    await user.selectOptions(screen.getByTestId('model-select'), MODEL_ID);
    const dialog = await screen.findByTestId('consent-dialog');
    expect(within(dialog).getByTestId('consent-count')).toHaveTextContent(String(fixtureProfiles.length));
    expect(within(dialog).getByTestId('consent-url')).toHaveTextContent(`${server.baseUrl}/embeddings`);
    expect(dialog).toHaveTextContent('local');
    expect(within(dialog).getByTestId('consent-price')).toHaveTextContent('$0');
    expect(screen.getByTestId('privacy-notice')).toHaveTextContent(/would be sent \(after you confirm\) to .*127\.0\.0\.1.*local/);
    expect(server.requests.length).toBe(before);

    await user.click(within(dialog).getByTestId('consent-decline'));
    await waitFor(() => expect(screen.queryByTestId('consent-dialog')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('model-error')).toHaveTextContent(/did not allow sending/));
    expect(server.requests.length).toBe(before);
    expect(useAppStore.getState().profileEmbeddings?.modelId).toBe('glove-sif-100d');
  });

  it('embeds with the endpoint after "Send", searches with it without asking again, and shows the billed tokens', async () => {
    useRoutedServices();
    await renderReady();
    const user = userEvent.setup();
    await addStandIn(user);
    const before = server.requests.length;
    await user.selectOptions(screen.getByTestId('model-select'), MODEL_ID);
    await user.click(await screen.findByTestId('consent-send'));
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(`${MODEL_ID} · embedded by the API endpoint · 64 dimensions`));
    expect(server.requests.length - before).toBe(1);
    expect(server.requests.at(-1)?.inputs).toBe(fixtureProfiles.length);
    expect(screen.getByTestId('privacy-notice')).toHaveTextContent(/are sent to .*127\.0\.0\.1/);

    await user.type(screen.getByTestId('job-input'), 'roadmap backlog');
    await user.click(screen.getByTestId('search-button'));
    await screen.findAllByTestId('result-item');
    expect(screen.queryByTestId('consent-dialog')).toBeNull();
    expect(server.requests.length - before).toBe(2);
    expect(useAppStore.getState().result?.modelId).toBe(MODEL_ID);

    const billed = useAppStore.getState().apiUsage[MODEL_ID]?.billedTokens;
    expect(billed).toBeGreaterThan(0);
    expect(screen.getByTestId('api-billed-tokens')).toHaveTextContent(billed!.toLocaleString('en-US'));
  });

  it('keeps the key out of storage unless "remember" is ticked, and warns what remembering means', async () => {
    useRoutedServices();
    await renderReady();
    const user = userEvent.setup();
    await user.click(within(screen.getByTestId('api-settings')).getByText(/^API models/));
    await user.type(screen.getByTestId('api-key'), 'sk-secret-1');
    await user.click(screen.getByTestId('api-add'));
    expect(JSON.stringify(localStorage)).not.toContain('sk-secret-1');
    expect(useAppStore.getState().apiEndpoints.openai?.apiKey).toBe('sk-secret-1');
    await user.click(screen.getByTestId('api-remember'));
    expect(screen.getByTestId('api-remember-warning')).toHaveTextContent(/stored unencrypted/);
    await user.click(screen.getByTestId('api-add'));
    await waitFor(() => expect(JSON.stringify(localStorage)).toContain('sk-secret-1'));
  });

  it('refuses plain http to another machine', async () => {
    useRoutedServices();
    await renderReady();
    const user = userEvent.setup();
    await user.click(within(screen.getByTestId('api-settings')).getByText(/^API models/));
    await user.selectOptions(screen.getByTestId('api-provider'), 'custom');
    await user.type(screen.getByTestId('api-base-url'), 'http://example.com/v1');
    await user.type(screen.getByTestId('api-model'), 'm');
    await user.click(screen.getByTestId('api-add'));
    expect(screen.getByTestId('api-message')).toHaveTextContent(/only allowed for a server on this machine/);
    expect(useAppStore.getState().apiModelIds).toEqual([]);
  });

  it('runs an API model in the comparison lab beside the bundled model, with its billed cost', async () => {
    useRoutedServices();
    await renderReady();
    const user = userEvent.setup();
    await addStandIn(user);
    await user.click(screen.getByTestId('tab-compare'));
    await user.click(screen.getByTestId(`target-${MODEL_ID}-fp32`));
    const before = server.requests.length;
    await user.click(screen.getByTestId('run-comparison'));
    // the lab asks too, before its first text leaves
    await user.click(await screen.findByTestId('consent-send'));
    await waitFor(() => expect(screen.getAllByTestId('compare-run').map((r) => r.getAttribute('data-status'))).toEqual(['done', 'done']), { timeout: 20_000 });
    const rows = screen.getAllByTestId('compare-row').filter((r) => r.getAttribute('data-ranking') === 'embedding');
    const row = (name: string) => rows.find((r) => within(r).getByRole('rowheader').textContent?.includes(name))!;
    expect(within(row('glove-sif-100d')).getByTestId('run-cost')).toHaveTextContent('none (in browser)');
    expect(within(row(MODEL_ID)).getByTestId('run-cost')).toHaveTextContent(/^\$0 · [\d,]+ tokens · \d+ requests?$/);
    // the bill is the server's own count for this run's requests
    const sent = server.requests.slice(before);
    const tokens = sent.reduce((n, r) => n + (r.billedTokens ?? 0), 0);
    expect(within(row(MODEL_ID)).getByTestId('run-cost')).toHaveTextContent(`$0 · ${tokens.toLocaleString('en-US')} tokens · ${sent.length} requests`);
  });

  it('cancels a slow endpoint at once, keeps the model on screen, and the next try finishes without asking again', async () => {
    useRoutedServices();
    await renderReady();
    const user = userEvent.setup();
    await addStandIn(user);
    server.failNext('slow');
    await user.selectOptions(screen.getByTestId('model-select'), MODEL_ID);
    await user.click(await screen.findByTestId('consent-send'));
    await waitFor(() => expect(server.requests.at(-1)?.status).toBe(0)); // the slow request is open
    await user.click(screen.getByTestId('cancel-button'));
    await waitFor(() => expect(screen.getByTestId('model-error')).toHaveTextContent('Cancelled'));
    expect(useAppStore.getState().profileEmbeddings?.modelId).toBe('glove-sif-100d');
    expect(useAppStore.getState().modelId).toBe('glove-sif-100d');

    await user.selectOptions(screen.getByTestId('model-select'), MODEL_ID);
    await waitFor(() => expect(screen.getByTestId('on-screen-model')).toHaveTextContent(MODEL_ID));
    expect(screen.queryByTestId('consent-dialog')).toBeNull();
  });

  it('re-ranks the top with a chat model after consent, shows moves and every verdict, and asks no pair twice', async () => {
    useRoutedServices();
    await renderReady();
    const user = userEvent.setup();
    await addStandIn(user);
    await user.type(screen.getByTestId('job-input'), 'roadmap backlog discovery');
    await user.click(screen.getByTestId('search-button'));
    await screen.findAllByTestId('result-item');
    const panel = screen.getByTestId('llm-rerank');
    await user.clear(within(panel).getByTestId('llm-model'));
    await user.type(within(panel).getByTestId('llm-model'), 'stand-in-chat');
    const before = server.requests.length;
    await user.click(within(panel).getByTestId('llm-run'));
    // the chat endpoint is the same address: the first send asks
    await user.click(await screen.findByTestId('consent-send'));
    await waitFor(() => expect(screen.getByTestId('llm-status')).toHaveAttribute('data-state', 'done'));
    const run = useAppStore.getState().llmRerank!;
    const chats = server.requests.slice(before).filter((r) => r.path === '/v1/chat/completions');
    expect(chats.length).toBe(run.calls);
    expect(run.calls).toBe(2 * run.pairs.length);
    expect(screen.getAllByTestId('llm-item')).toHaveLength(run.before.length);
    expect(within(screen.getByTestId('llm-verdicts')).getAllByRole('listitem')).toHaveLength(run.pairs.length);
    expect(screen.getByTestId('llm-verdicts')).toHaveTextContent(/shares \d+ words with the job/);

    await user.click(within(panel).getByTestId('llm-run'));
    await waitFor(() => expect(useAppStore.getState().llmRerank?.status).toBe('done'));
    expect(useAppStore.getState().llmRerank?.calls).toBe(0);
    expect(screen.getByTestId('llm-status')).toHaveTextContent(`${run.pairs.length} pairs from the cache`);

    // a later visit (nothing in memory) reads the verdicts from IndexedDB and asks nothing
    setVerdictStore(openVerdictStore());
    const beforeVisit = server.requests.length;
    await user.click(within(panel).getByTestId('llm-run'));
    await waitFor(() => expect(useAppStore.getState().llmRerank?.status).toBe('done'));
    expect(useAppStore.getState().llmRerank?.calls).toBe(0);
    expect(useAppStore.getState().llmRerank?.after).toEqual(run.after);
    expect(server.requests.length).toBe(beforeVisit);

    // a model that always answers "A" moves nobody
    await user.clear(within(panel).getByTestId('llm-model'));
    await user.type(within(panel).getByTestId('llm-model'), 'biased-chat');
    await user.click(within(panel).getByTestId('llm-run'));
    await waitFor(() => expect(useAppStore.getState().llmRerank?.status).toBe('done'));
    expect(screen.getAllByTestId('llm-item').map((li) => li.getAttribute('data-move'))).toEqual(run.before.map(() => '0'));
  });

  it('keeps the verdicts paid for before a cancel, and the Storage panel counts and clears them', async () => {
    useRoutedServices();
    setVerdictStore(openVerdictStore('verdicts-cancel-test'));
    await clearStoredVerdicts();
    await renderReady();
    const user = userEvent.setup();
    await addStandIn(user);
    await user.type(screen.getByTestId('job-input'), 'roadmap backlog discovery');
    await user.click(screen.getByTestId('search-button'));
    await screen.findAllByTestId('result-item');
    const panel = screen.getByTestId('llm-rerank');
    await user.clear(within(panel).getByTestId('llm-model'));
    await user.type(within(panel).getByTestId('llm-model'), 'stand-in-chat');
    // the first pair (two calls, both orders) is answered, the next call hangs until cancelled
    server.failNextChat('ok', 'ok', 'slow');
    const before = server.requests.length;
    await user.click(within(panel).getByTestId('llm-run'));
    await user.click(await screen.findByTestId('consent-send'));
    await waitFor(() => expect(server.requests.slice(before).filter((r) => r.path === '/v1/chat/completions').length).toBe(3));
    await user.click(within(panel).getByTestId('llm-cancel'));
    await waitFor(() => expect(screen.getByTestId('llm-status')).toHaveAttribute('data-state', 'cancelled'));
    await waitFor(async () => expect(await countStoredVerdicts()).toBe(1));

    await user.click(screen.getByText('Storage'));
    await waitFor(() => expect(screen.getByTestId('stored-verdicts')).toHaveTextContent('verdicts kept (asked once, never paid for twice): 1'));
    await user.click(within(screen.getByTestId('stored-verdicts')).getByRole('button', { name: 'Clear verdicts' }));
    await waitFor(() => expect(screen.getByTestId('stored-verdicts')).toHaveTextContent('never paid for twice): 0'));
    expect(await countStoredVerdicts()).toBe(0);
  });
});
