// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';

function useFakeServices(loadDataset = async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs })) {
  setServices(fakeServices(loadDataset));
}

async function renderReady() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
}

beforeEach(() => useFakeServices());
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

describe('search flow', () => {
  it('says when profiles are ready, with the model that embedded them', async () => {
    await renderReady();
    expect(screen.getByTestId('status')).toHaveTextContent(/5 profiles embedded with GloVe-SIF/);
    expect(screen.getByTestId('model-select')).toHaveValue('glove-sif-100d');
  });

  it('ranks profiles on Ctrl+Enter, best match first, with scores', async () => {
    await renderReady();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('job-input'), 'roadmap backlog discovery');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const items = await screen.findAllByTestId('result-item');
    expect(items.length).toBe(5);
    expect(items[0]).toHaveAttribute('data-profile-id', 'pm1');
    const scores = items.map((i) => Number(i.getAttribute('data-score')));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(within(items[0]).getByText('Product Manager')).toBeInTheDocument();
    // five profiles are far below chooseIndex's size: every row is scored exactly, and the line says so
    expect(screen.getByTestId('search-index')).toHaveTextContent('exact search');
  });

  it('searches with an example job in one click', async () => {
    await renderReady();
    await userEvent.click(screen.getByRole('button', { name: 'Launch lead' }));
    expect(screen.getByTestId('job-input')).toHaveValue(fixtureJobs[1].text);
    const items = await screen.findAllByTestId('result-item');
    expect(items[0]).toHaveAttribute('data-profile-id', 'pmm1');
  });

  it('asks for a job description instead of searching for nothing', async () => {
    await renderReady();
    await userEvent.click(screen.getByTestId('search-button'));
    expect(screen.getByRole('alert')).toHaveTextContent('Paste or type a job description first.');
    expect(screen.queryAllByTestId('result-item')).toHaveLength(0);
  });

  it('expands a result to show the profile with its scoring keywords, rendering imported text as text', async () => {
    await renderReady();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('job-input'), 'ledger audit');
    await user.click(screen.getByTestId('search-button'));
    const items = await screen.findAllByTestId('result-item');
    const evil = items.find((i) => i.getAttribute('data-profile-id') === 'evil');
    expect(evil).toBeDefined();
    await user.click(within(evil!).getByRole('button', { expanded: false }));
    const keywords = within(evil!).getByTestId('keyword-explanation');
    expect([...keywords.querySelectorAll('li')].map((li) => li.getAttribute('data-term')).sort()).toEqual(['audit', 'ledger', 'ledger audit']);
    // the closest sentences hold the imported markup as text too
    await waitFor(() => expect(within(evil!).getByTestId('closest-sentences')).toHaveAttribute('data-state', 'done'));
    expect(within(evil!).getByText('<b>Bold</b> Name')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('.result b')).toBeNull();
  });

  it('runs a search typed before embedding finished once the profiles are ready', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    useFakeServices(async () => {
      await gate;
      return { profiles: fixtureProfiles, jobs: fixtureJobs };
    });
    render(<App />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId('job-input'), 'positioning messaging');
    await user.click(screen.getByTestId('search-button'));
    expect(useAppStore.getState().searchStatus).toBe('waiting-for-embeddings');
    release();
    const items = await screen.findAllByTestId('result-item');
    expect(items[0]).toHaveAttribute('data-profile-id', 'pmm1');
  });

  it('shows a clear error when the data cannot be loaded', async () => {
    useFakeServices(async () => {
      throw new Error('HTTP 404');
    });
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'error'));
    expect(screen.getByTestId('status')).toHaveTextContent('Could not load the profiles: HTTP 404');
  });
});

describe('a job description the model cannot read', () => {
  it('says so instead of showing meaningless results', async () => {
    await renderReady();
    const user = userEvent.setup();
    // The hashing fake maps text with no tokens to a zero vector, as the bundled model does for unknown words.
    await user.type(screen.getByTestId('job-input'), '!!! ???');
    await user.click(screen.getByTestId('search-button'));
    expect(await screen.findByRole('alert')).toHaveTextContent(/knows none of the words/);
    expect(screen.queryAllByTestId('result-item')).toHaveLength(0);
  });
});
