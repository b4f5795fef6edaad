// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { resetAppStore, useAppStore, type AppState } from '../../src/store/appStore';
import { LlmRerankPanel } from '../../src/ui/api/LlmRerankPanel';

afterEach(() => {
  cleanup();
  resetAppStore();
});

function showPanel(model: string, baseUrl = 'https://api.openai.com/v1') {
  useAppStore.setState({
    apiEndpoints: { openai: { baseUrl, apiKey: 'k', remember: false } },
    llmProvider: 'openai',
    llmModel: model,
    result: { query: 'job', hits: [] } as unknown as AppState['result'],
  });
  render(<LlmRerankPanel />);
}

describe('the chat model price beside the LLM re-ranking', () => {
  it('shows the dated list price of a listed model', () => {
    showPanel('gpt-4o-mini');
    expect(screen.getByTestId('llm-price')).toHaveTextContent(/List price: \$0\.15 in \/ \$0\.6 out per 1M tokens \(checked \d{4}-\d{2}-\d{2}\)/);
  });

  it('shows "–" for a model not on the list, never $0', () => {
    showPanel('my-finetune');
    expect(screen.getByTestId('llm-price')).toHaveTextContent('List price: – (not on the price list)');
  });
});
