// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rerankOrder } from '../../src/core/rerankOrder';
import { ResultsList } from '../../src/ui/results/ResultsList';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import type { SearchResult } from '../../src/store/searchSlice';
import { fixtureProfiles } from '../helpers/fixtures';

afterEach(() => {
  cleanup();
  resetAppStore();
});

const result: SearchResult = {
  query: 'roadmap',
  modelId: 'glove-sif-100d',
  hits: [0, 1, 2].map((index) => ({ index, score: 0.9 - index / 10, cluster: -1 })),
  hiddenHits: [],
  queryClusters: [],
  queryVector: new Float32Array(4),
  embeddingScores: Float32Array.from([0.9, 0.8, 0.7, 0.6, 0.5]),
  keywordScores: null,
  keywordQuery: null,
  ranking: 'embedding',
  fusionWeight: 0.4,
  ruleHiddenHits: [],
  tookMs: 1,
};

function showReranked(): void {
  const candidates = [0, 1, 2, 3].map((index) => ({ index, score: 0.9 - index / 10, cluster: -1 }));
  // profile 3 (4th, below the 3 shown) jumps to the top; profile 0 drops
  const hits = rerankOrder(candidates, [0.1, 0.5, 0.6, 0.9], 3);
  useAppStore.setState({
    profiles: fixtureProfiles,
    resultCount: 3,
    result,
    rerankEnabled: true,
    rerankStatus: 'ready',
    rerank: { result, rerankerId: 'Xenova/ms-marco-MiniLM-L-6-v2', dtype: 'q8', topN: 4, hits, fromCache: 1, scored: 3, elapsedMs: 12 },
  });
}

describe('re-ranked results', () => {
  it('show where each profile was before re-ranking, in words', () => {
    showReranked();
    render(<ResultsList />);
    const items = screen.getAllByTestId('result-item');
    expect(items.map((i) => i.getAttribute('data-profile-id'))).toEqual(['pm2', 'acc1', 'pmm1']);
    expect(items.map((i) => within(i).getByTestId('move-badge').textContent)).toEqual(['new (was 4)', '▲ up 1', '▼ down 1']);
    // the arrows only repeat the words, so screen readers skip them
    expect(within(items[1]).getByText('▲', { exact: false })).toHaveAttribute('aria-hidden', 'true');
    expect(within(items[0]).getByTestId('move-badge')).toHaveAttribute('title', '#4 before re-ranking; re-ranker score 0.900');
    expect(screen.getByTestId('rerank-status')).toHaveTextContent('Top 4 re-ranked by ms-marco MiniLM-L6 (23 MB q8) · q8 · 3 scored now, 1 from cache · 12 ms');
  });

  it('fall back to the first-stage order, without badges, once a newer ranking arrives', () => {
    showReranked();
    useAppStore.setState({ result: { ...result, tookMs: 2 } });
    render(<ResultsList />);
    const items = screen.getAllByTestId('result-item');
    expect(items.map((i) => i.getAttribute('data-profile-id'))).toEqual(['pm1', 'pmm1', 'acc1']);
    expect(screen.queryAllByTestId('move-badge')).toHaveLength(0);
  });
});

describe('re-ranking controls', () => {
  it('offer a toggle, the top N (50 by default) and the catalogue, and say when a re-ranker could not be loaded', async () => {
    useAppStore.setState({
      rerankEnabled: true,
      rerankStatus: 'error',
      rerankError: 'Re-ranking is unavailable: Could not download "Xenova/ms-marco-MiniLM-L-6-v2": the network or the model host is unreachable. The list shows the order before re-ranking.',
      rerankUnavailable: { 'Xenova/ms-marco-MiniLM-L-6-v2': 'unreachable' },
    });
    render(<ResultsList />);
    expect(screen.getByTestId('rerank-top-n')).toHaveValue('50');
    const picker = screen.getByTestId('reranker-select');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'ms-marco MiniLM-L6 (23 MB q8) (could not be loaded)',
      'mxbai-rerank xsmall (87 MB q8)',
      'Jina reranker v1 tiny (33 MB q8)',
      'BGE reranker base (279 MB q8)',
    ]);
    expect(screen.getByRole('alert')).toHaveTextContent(/unreachable.*order before re-ranking/);
    expect(within(screen.getByTestId('rerank-dtype')).getAllByRole('option').map((o) => o.textContent)).toEqual(['fp32 · 91 MB', 'fp16 · 45.6 MB', 'q8 · 23.1 MB']);
    // turning it off is one click, by keyboard too
    screen.getByTestId('rerank-toggle').focus();
    await userEvent.keyboard(' ');
    expect(useAppStore.getState().rerankEnabled).toBe(false);
  });
});
