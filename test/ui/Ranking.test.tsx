// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { DEFAULT_FUSION, fuseScores } from '../../src/core/fusion';
import { topK } from '../../src/core/topK';
import { KeywordClient } from '../../src/keywords/client';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { fakeServices } from '../helpers/services';
import { InProcessKeywordWorker } from '../helpers/fakeKeywordWorker';
import { fixtureJobs, makeProfile } from '../helpers/fixtures';

// a profile list where meaning (hashed words) and keywords (BM25 with word pairs) disagree
const profiles = [
  makeProfile('a', 'Product Manager', 'product manager roadmap'),
  makeProfile('b', 'Product Marketing Manager', 'product marketing manager launch positioning launch positioning launch'),
  makeProfile('c', 'Product Manager', 'roadmap discovery backlog experiments roadmap discovery'),
  makeProfile('d', 'Accountant', 'ledger audit close'),
  makeProfile('e', 'Data Analyst', 'dashboards sql product metrics'),
];
const QUERY = 'Senior product manager: own the roadmap and discovery. Partner with product marketing on launch positioning.';

const shownIds = () => screen.getAllByTestId('result-item').map((el) => el.getAttribute('data-profile-id'));
const idsBy = (scores: Float32Array) => topK(scores, profiles.length).map((i) => profiles[i].id);

async function search() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
  fireEvent.change(screen.getByTestId('job-input'), { target: { value: QUERY } });
  await userEvent.click(screen.getByTestId('search-button'));
  await screen.findAllByTestId('result-item');
  return useAppStore.getState().result!;
}

beforeEach(() => setServices(fakeServices(async () => ({ profiles, jobs: fixtureJobs }))));
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

describe('ranking choice', () => {
  it('ranks by meaning and keywords by default, and switches rankings without searching again', async () => {
    const result = await search();
    expect(screen.getByTestId('ranking-hybrid')).toBeChecked();
    expect(screen.getByTestId('ranking-used')).toHaveTextContent('hybrid, 40% meaning, 60% keywords');
    const { embeddingScores, keywordScores } = result;
    expect(keywordScores).not.toBeNull();
    // the keywords left the collaborator mention out of the query
    expect(result.keywordQuery).not.toMatch(/marketing/);
    expect(shownIds()).toEqual(idsBy(fuseScores(embeddingScores, keywordScores!, DEFAULT_FUSION)));
    // each result shows both parts of its score
    expect(screen.getAllByTestId('score-parts')[0]).toHaveTextContent(/cosine \d\.\d{3} · BM25 \d+\.\d/);

    const byMeaning = idsBy(embeddingScores);
    const byKeywords = idsBy(keywordScores!);
    expect(byMeaning).not.toEqual(byKeywords); // the fixture must make the choice matter

    await userEvent.click(screen.getByTestId('ranking-embedding'));
    expect(shownIds()).toEqual(byMeaning);
    expect(screen.getByTestId('ranking-used')).toHaveTextContent('by meaning (cosine similarity)');
    await userEvent.click(screen.getByTestId('ranking-bm25'));
    expect(shownIds()).toEqual(byKeywords);
    expect(screen.getByTestId('ranking-used')).toHaveTextContent('by keywords (BM25)');
    // the same query vector throughout: nothing was embedded again
    expect(useAppStore.getState().result!.queryVector).toBe(result.queryVector);
  });

  it('mixes by the weight the user sets, and goes back to the measured default', async () => {
    const result = await search();
    const slider = screen.getByTestId('fusion-weight');
    fireEvent.change(slider, { target: { value: '100' } });
    expect(screen.getByTestId('fusion-weight-value')).toHaveTextContent('100% meaning · 0% keywords');
    expect(shownIds()).toEqual(idsBy(result.embeddingScores));
    fireEvent.change(slider, { target: { value: '0' } });
    expect(shownIds()).toEqual(idsBy(result.keywordScores!));
    await userEvent.click(screen.getByRole('button', { name: /Back to 40%/ }));
    expect(useAppStore.getState().fusionWeight).toBe(DEFAULT_FUSION.weight);
    expect(screen.queryByRole('button', { name: /Back to 40%/ })).toBeNull();
  });

  it('remembers the choice across reloads', async () => {
    await search();
    await userEvent.click(screen.getByTestId('ranking-bm25'));
    const saved = JSON.parse(localStorage.getItem('candidate-search-settings') ?? '{}') as { state: Record<string, unknown> };
    expect(saved.state.rankingKind).toBe('bm25');
    expect(saved.state.fusionWeight).toBe(DEFAULT_FUSION.weight);
  });

  it('falls back to meaning only, and says so, when the keyword index cannot be built', async () => {
    const keywords = new KeywordClient(() => new InProcessKeywordWorker((req) => (req.type === 'index' ? 'out of memory' : null)));
    setServices(fakeServices(async () => ({ profiles, jobs: fixtureJobs }), { keywords }));
    const result = await search();
    expect(result.ranking).toBe('embedding');
    expect(result.keywordScores).toBeNull();
    expect(shownIds()).toEqual(idsBy(result.embeddingScores));
    expect(screen.getByTestId('ranking-used')).toHaveTextContent('by meaning (cosine similarity)');
    expect(screen.getAllByRole('alert').map((el) => el.textContent).join(' ')).toMatch(/keyword index could not be built \(out of memory\)/);
  });
});
