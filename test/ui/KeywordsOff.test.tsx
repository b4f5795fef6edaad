// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { ensureKeywordIndex, KEYWORD_MAX_PROFILES } from '../../src/store/keywordActions';
import { RankingControl } from '../../src/ui/search/RankingControl';
import { importedProfile } from '../../src/data/import/build';

afterEach(() => {
  cleanup();
  resetAppStore();
});

describe('no keyword index above the stated size', () => {
  it('refuses keyword and hybrid ranking above KEYWORD_MAX_PROFILES and says why; meaning only stays', async () => {
    const one = importedProfile('p', 'A nurse', 'P', '', '');
    useAppStore.setState({ profiles: new Array(KEYWORD_MAX_PROFILES + 1).fill(one), rankingKind: 'hybrid' });
    await expect(ensureKeywordIndex()).resolves.toBeNull();
    expect(useAppStore.getState().keywordIndex.status).toBe('off');
    render(<RankingControl />);
    expect(screen.getByTestId('keywords-off')).toHaveTextContent('Meaning only: keyword ranking is off above 200,000 profiles (these are 200,001)');
    expect(screen.getByTestId('ranking-hybrid')).toBeDisabled();
    expect(screen.getByTestId('ranking-bm25')).toBeDisabled();
    expect(screen.getByTestId('ranking-embedding')).toBeEnabled();
    expect(screen.queryByTestId('fusion-weight')).toBeNull();
  });
});
