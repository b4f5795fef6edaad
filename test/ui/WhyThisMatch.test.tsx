// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { EmbeddingClient } from '../../src/embedding/client';
import type { WorkerRequest } from '../../src/embedding/protocol';
import { fakeServices } from '../helpers/services';
import { FakeWorker, hashingWorkerHandler } from '../helpers/fakeWorker';
import { fixtureJobs, makeProfile } from '../helpers/fixtures';

const DISCOVERY = 'I run discovery interviews with customers every week.';
const ROADMAP = 'Owned the payments roadmap and backlog for two squads';
const pm = makeProfile('pm', 'Product Manager', 'x', {
  headline: 'Product Manager · Payments',
  summary: `${DISCOVERY} On weekends she loves hiking and gardening.`,
  experience: [{ title: 'Product Manager', company: 'Acme', period: '2020 – present', bullets: [ROADMAP, 'Organised the office football league'] }],
  skills: ['Jira', 'Figma'],
});
const accountant = makeProfile('acc', 'Accountant', 'ledger reconciliation audit tax close for the group');
const QUERY = 'Own the roadmap and backlog, run discovery interviews.';

/**
 * The app on hash embeddings. `gate`, when set, holds embed requests until it resolves;
 * `failEmbeds` then makes them fail, as an out-of-memory worker would.
 */
function setup() {
  const control = { failEmbeds: false, gate: null as Promise<void> | null, worker: null as FakeWorker | null };
  const client = new EmbeddingClient(
    () =>
      (control.worker = new FakeWorker((req, reply) => {
        if (req.type !== 'embed') return hashingWorkerHandler(req, reply);
        void (control.gate ?? Promise.resolve()).then(() => {
          if (control.failEmbeds) reply({ id: req.id, type: 'error', message: 'out of memory' });
          else hashingWorkerHandler(req, reply);
        });
      })),
  );
  setServices(fakeServices(async () => ({ profiles: [pm, accountant], jobs: fixtureJobs }), { client }));
  return control;
}

async function searchAndExpand(user: ReturnType<typeof userEvent.setup>, id = 'pm') {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
  await user.type(screen.getByTestId('job-input'), QUERY);
  await user.click(screen.getByTestId('search-button'));
  const items = await screen.findAllByTestId('result-item');
  const item = items.find((i) => i.getAttribute('data-profile-id') === id)!;
  return item;
}

const sentenceRequests = (worker: FakeWorker | null) =>
  (worker?.received ?? []).filter((r): r is Extract<WorkerRequest, { type: 'embed' }> => r.type === 'embed' && r.texts.includes(DISCOVERY));

afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

describe('why this match', () => {
  it('shows the closest sentences by the model with their similarity, and the scoring keywords marked', async () => {
    const control = setup();
    const user = userEvent.setup();
    const item = await searchAndExpand(user);
    // keyboard: the result opens from its button with Enter
    within(item).getByRole('button', { expanded: false }).focus();
    await user.keyboard('{Enter}');
    const sentences = within(item).getByTestId('closest-sentences');
    await waitFor(() => expect(sentences).toHaveAttribute('data-state', 'done'));
    const shown = [...sentences.querySelectorAll('li')];
    // only the two sentences sharing words with the job description are close; hiking and football are not
    expect(shown.map((li) => li.querySelector('.sentence-text')?.textContent)).toEqual([DISCOVERY, ROADMAP]);
    const scores = shown.map((li) => Number(li.getAttribute('data-score')));
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(0);
    expect(within(sentences).getByText(/GloVe-SIF/)).toBeInTheDocument();
    // the words and word pairs behind the keyword score, marked inside the sentences too
    const keywords = within(item).getByTestId('keyword-explanation');
    const terms = [...keywords.querySelectorAll('li')].map((li) => li.getAttribute('data-term'));
    expect([...terms].sort()).toEqual(['backlog', 'discovery', 'discovery interviews', 'interviews', 'roadmap', 'roadmap backlog', 'run', 'run discovery']);
    expect([...shown[1].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['roadmap', 'backlog']);
    // the profile's sentences went to the worker once, with the model's document prefix (none for this model)
    expect(sentenceRequests(control.worker)).toHaveLength(1);
  });

  it('reuses cached sentence vectors when a profile is opened again', async () => {
    const control = setup();
    const user = userEvent.setup();
    const item = await searchAndExpand(user);
    await user.click(within(item).getByRole('button', { expanded: false }));
    await waitFor(() => expect(within(item).getByTestId('closest-sentences')).toHaveAttribute('data-state', 'done'));
    const other = screen.getAllByTestId('result-item').find((i) => i.getAttribute('data-profile-id') === 'acc')!;
    await user.click(within(other).getByRole('button', { expanded: false }));
    await waitFor(() => expect(within(other).getByTestId('closest-sentences')).toHaveAttribute('data-state', 'done'));
    await user.click(within(item).getByRole('button', { expanded: false }));
    await waitFor(() => expect(within(item).getByTestId('closest-sentences')).toHaveAttribute('data-state', 'done'));
    expect(within(item).getByTestId('closest-sentences')).toHaveTextContent(DISCOVERY);
    expect(sentenceRequests(control.worker)).toHaveLength(1);
  });

  it('says when the sentences cannot be compared, keeps the keywords, and retries from the keyboard', async () => {
    const control = setup();
    const user = userEvent.setup();
    const item = await searchAndExpand(user);
    let release: () => void = () => undefined;
    control.gate = new Promise((r) => (release = r));
    control.failEmbeds = true;
    await user.click(within(item).getByRole('button', { expanded: false }));
    expect(within(item).getByTestId('closest-sentences')).toHaveAttribute('data-state', 'loading');
    expect(within(item).getByRole('status')).toHaveTextContent(/Comparing this profile's sentences/);
    release();
    const alert = await within(item).findByRole('alert');
    expect(alert).toHaveTextContent("Could not compare this profile's sentences: out of memory");
    expect(within(item).getByTestId('keyword-explanation')).toHaveTextContent('roadmap');
    control.failEmbeds = false;
    within(alert).getByRole('button', { name: 'Try again' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(item).getByTestId('closest-sentences')).toHaveAttribute('data-state', 'done'));
    expect(within(item).getByTestId('closest-sentences')).toHaveTextContent(DISCOVERY);
  });

  it('says so when no keyword is shared', async () => {
    setup();
    const user = userEvent.setup();
    const item = await searchAndExpand(user, 'acc');
    await user.click(within(item).getByRole('button', { expanded: false }));
    expect(within(item).getByTestId('keyword-explanation')).toHaveTextContent(/the match is by meaning alone/);
  });
});
