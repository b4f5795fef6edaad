// @vitest-environment jsdom
/** What the list and the status bar say while a Hub model is still embedding, and after it was stopped. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { ResultsList } from '../../src/ui/results/ResultsList';
import { StatusBar } from '../../src/ui/status/StatusBar';
import type { SearchResult } from '../../src/store/searchSlice';
import type { ProfileEmbeddings } from '../../src/store/embeddingSlice';
import { fixtureProfiles } from '../helpers/fixtures';

const HUB_ID = 'Xenova/all-MiniLM-L6-v2';
const has = Uint8Array.from([1, 0, 1, 0, 0]);

const result: SearchResult = {
  query: 'roadmap',
  modelId: HUB_ID,
  hits: [0, 2].map((index) => ({ index, score: 0.9 - index / 10, cluster: -1 })),
  hiddenHits: [],
  queryClusters: [],
  queryVector: new Float32Array(4),
  embeddingScores: Float32Array.from([0.9, NaN, 0.7, NaN, NaN]),
  keywordScores: Float32Array.from([3, 2, 1, 0, 0]),
  keywordQuery: 'roadmap',
  ranking: 'hybrid',
  fusionWeight: 0.4,
  ruleHiddenHits: [],
  coverage: { embedded: 2, total: 5 },
  tookMs: 3,
};

const partial: ProfileEmbeddings = {
  modelId: HUB_ID,
  dtype: 'q8',
  device: 'wasm',
  matrix: { vectors: new Float32Array(20), dim: 4 },
  elapsedMs: 1000,
  fromCache: 0,
  embedded: 2,
  duplicates: 0,
  truncation: null,
  version: 1,
  coverage: { has, count: 2 },
};

function embedding(done: number, elapsedMs: number): void {
  useAppStore.setState({
    datasetStatus: 'ready',
    profiles: fixtureProfiles,
    modelId: HUB_ID,
    dtype: 'q8',
    query: 'roadmap',
    embeddingStatus: 'embedding',
    embedProgress: { done, total: 5, elapsedMs },
    embedCached: 0,
    embedDuplicates: 0,
    profileEmbeddings: partial,
    result,
  });
}

afterEach(() => {
  cleanup();
  resetAppStore();
});

describe('a partial ranking', () => {
  it('says it covers only the profiles embedded so far, with the time left, and how the keyword part is treated', () => {
    // 3 embedded in 1.5 s: 2 texts/s, 2 left → ~5 s
    embedding(3, 1500);
    render(
      <>
        <StatusBar />
        <ResultsList />
      </>,
    );
    const note = screen.getByTestId('partial-results');
    expect(note).toHaveTextContent(`Partial ranking: over the 2 of 5 profiles embedded with all-MiniLM-L6-v2 (23M, 384d) so far (3 of 5 embedded, ~5 s left); it refreshes as more arrive.`);
    expect(note).toHaveTextContent('The keyword part is restricted to the same profiles');
    expect(screen.getByTestId('embed-time-left')).toHaveTextContent('~5 s left');
    expect(screen.getAllByTestId('result-item')).toHaveLength(2);
  });

  it('shows – for the time left until a rate is measured', () => {
    embedding(0, 0);
    render(<ResultsList />);
    expect(screen.getByTestId('partial-results')).toHaveTextContent('(0 of 5 embedded, – left)');
  });

  it('under keywords only, says every profile is ranked and shows – for the cosine of one not embedded', () => {
    embedding(2, 1000);
    useAppStore.setState({ result: { ...result, ranking: 'bm25', hits: [1, 0].map((index) => ({ index, score: 2, cluster: -1 })) } });
    render(<ResultsList />);
    expect(screen.getByTestId('partial-results')).toHaveTextContent('Keywords only ranks all 5 profiles');
    const first = screen.getAllByTestId('result-item')[0];
    expect(within(first).getByTestId('score-parts')).toHaveTextContent('cosine – (not embedded yet) · BM25 2.0');
  });

  it("names the model the list comes from while another one loads", () => {
    embedding(0, 0);
    useAppStore.setState({ modelId: 'Xenova/bge-small-en-v1.5', embeddingStatus: 'loading-model', result: { ...result, coverage: null } });
    render(<ResultsList />);
    expect(screen.getByTestId('results-model-note')).toHaveTextContent('These results are from all-MiniLM-L6-v2 (23M, 384d). BGE-small-en v1.5 (33M, 384d) is loading and replaces them once it has 5 profiles embedded.');
    expect(screen.queryByTestId('partial-results')).toBeNull();
  });

  it('after a stop, says so and offers to resume with the count done', () => {
    embedding(2, 1000);
    useAppStore.setState({ embeddingStatus: 'ready', embedProgress: null });
    render(
      <>
        <StatusBar />
        <ResultsList />
      </>,
    );
    expect(screen.getByTestId('partial-results')).toHaveTextContent('over the 2 of 5 profiles embedded with all-MiniLM-L6-v2 (23M, 384d) before embedding stopped.');
    expect(screen.getByTestId('embedding-stopped')).toHaveTextContent('Stopped · 2 of 5 profiles embedded');
    expect(screen.getByTestId('resume-embedding')).toHaveTextContent('Resume embedding (2 of 5 done)');
    expect(screen.getByTestId('status')).toHaveAttribute('data-partial', 'true');
  });
});
