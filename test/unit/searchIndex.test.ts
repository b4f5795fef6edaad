// @vitest-environment node
/**
 * How the store scores a search: exact for every row unless an embedding-only search is
 * above chooseIndex's size, and exact again for every row once a ranking needs them all.
 * Small data with a forced index stands in for 100k+ profiles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { topK } from '../../src/core/topK';
import { normalizeRows, scoreAll, type EmbeddingMatrix } from '../../src/core/vectors';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { refreshRanking } from '../../src/store/currentRanking';
import { embeddingScoresFor, indexPhrase } from '../../src/store/searchIndex';
import { seededRandom } from '../../scripts/lib/timing';

function randomMatrix(rows: number, dim: number, seed: number): EmbeddingMatrix {
  const next = seededRandom(seed);
  return normalizeRows({ vectors: Float32Array.from({ length: rows * dim }, () => next() * 2 - 1), dim });
}

const m = randomMatrix(2_000, 32, 1);
const query = randomMatrix(1, 32, 2).vectors;
const binary = () => 'binary' as const;

afterEach(() => resetAppStore());

describe('embeddingScoresFor', () => {
  it('scores every row exactly at the sizes chooseIndex keeps exact, and whenever every row is needed', () => {
    expect(embeddingScoresFor(m, query, false, 25)).toEqual({ scores: scoreAll(m, query), index: 'exact' });
    expect(embeddingScoresFor(m, query, true, 25, binary)).toEqual({ scores: scoreAll(m, query), index: 'exact' });
  });

  it('with an index, scores exactly the shortlist (at least `need` rows) and leaves NaN elsewhere', () => {
    const exact = scoreAll(m, query);
    const { scores, index } = embeddingScoresFor(m, query, false, 700, binary);
    expect(index).toBe('binary');
    const scored = Array.from(scores.keys()).filter((i) => !Number.isNaN(scores[i]));
    expect(scored.length).toBe(700);
    for (const i of scored) expect(scores[i]).toBe(exact[i]);
    // a shortlist of every row gives exact search's top k
    const all = embeddingScoresFor(m, query, false, 2_000, binary).scores;
    expect(topK(all, 25)).toEqual(topK(exact, 25));
  });

  it('names the index for the results line', () => {
    expect(indexPhrase(undefined)).toBe('exact search');
    expect(indexPhrase('binary')).toMatch(/binary index.*rescored exactly/);
    expect(indexPhrase('int8')).toMatch(/int8 index/);
  });
});

describe('refreshRanking after an index search', () => {
  it('scores every row exactly again when the user switches to the hybrid ranking', () => {
    const partial = embeddingScoresFor(m, query, false, 600, binary);
    const keywordScores = Float32Array.from({ length: 2_000 }, (_, i) => (i % 7) / 7);
    useAppStore.setState({
      rankingKind: 'hybrid',
      resultCount: 10,
      profileEmbeddings: { modelId: 'glove-sif-100d', dtype: 'q8', device: 'wasm', matrix: m, elapsedMs: 0, fromCache: 0, embedded: 2_000, duplicates: 0, truncation: null, version: 1 },
      result: {
        query: 'q',
        modelId: 'glove-sif-100d',
        hits: [],
        hiddenHits: [],
        queryClusters: [],
        queryVector: query,
        embeddingScores: partial.scores,
        keywordScores,
        keywordQuery: 'q',
        ranking: 'embedding',
        fusionWeight: 0.4,
        ruleHiddenHits: [],
        searchIndex: partial.index,
        tookMs: 1,
      },
    });
    refreshRanking();
    const { result } = useAppStore.getState();
    expect(result!.searchIndex).toBe('exact');
    expect(result!.embeddingScores).toEqual(scoreAll(m, query));
    expect(result!.ranking).toBe('hybrid');
    expect(result!.hits).toHaveLength(10);
  });
});
