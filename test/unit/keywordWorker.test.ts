import { describe, expect, it } from 'vitest';
import { KeywordRanker } from '../../src/core/keywordRanking';
import { KeywordClient } from '../../src/keywords/client';
import { createKeywordState, handleKeywordRequest } from '../../src/keywords/handlers';
import { InProcessKeywordWorker } from '../helpers/fakeKeywordWorker';

const texts = ['Product manager owning the roadmap', 'Product marketing manager for launches', 'Accountant, ledger and audit'];
const query = 'Product manager for the roadmap. Partner with product marketing on launches.';

describe('keyword worker handlers', () => {
  it('scores and explains with the index it holds, exactly as the core ranker does', () => {
    const state = createKeywordState();
    handleKeywordRequest(state, { id: 1, type: 'index', dataKey: 'k1', texts });
    const { result, transfer } = handleKeywordRequest(state, { id: 2, type: 'score', dataKey: 'k1', query });
    const direct = new KeywordRanker(texts);
    expect('scores' in result && [...result.scores]).toEqual([...direct.score(query)]);
    expect('queryText' in result && result.queryText).toBe(direct.queryText(query));
    expect(transfer).toHaveLength(1);
    const explained = handleKeywordRequest(state, { id: 3, type: 'explain', dataKey: 'k1', query, docIndex: 0 }).result;
    expect('terms' in explained && explained.terms.map((t) => t.term)).toContain('product manager');
  });

  it('refuses requests for an index it does not hold', () => {
    const state = createKeywordState();
    expect(() => handleKeywordRequest(state, { id: 1, type: 'score', dataKey: 'k1', query })).toThrow(/stale keyword index: asked for k1, holding none/);
    handleKeywordRequest(state, { id: 2, type: 'index', dataKey: 'k2', texts });
    expect(() => handleKeywordRequest(state, { id: 3, type: 'explain', dataKey: 'k1', query, docIndex: 0 })).toThrow(/asked for k1, holding k2/);
  });
});

describe('KeywordClient', () => {
  it('remembers which index its worker holds, and forgets it when the build fails or the worker goes', async () => {
    let fail = false;
    const client = new KeywordClient(() => new InProcessKeywordWorker(() => (fail ? 'boom' : null)));
    await client.index('k1', texts);
    expect(client.dataKey).toBe('k1');
    const { scores } = await client.score('k1', query);
    expect(scores).toHaveLength(3);
    client.terminate();
    expect(client.dataKey).toBeNull();
    fail = true;
    await expect(client.index('k2', texts)).rejects.toThrow('boom');
    expect(client.dataKey).toBeNull();
  });
});
