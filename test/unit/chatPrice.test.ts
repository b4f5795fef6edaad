import { describe, expect, it } from 'vitest';
import { chatCostUsd, chatPriceFor, formatUsd } from '../../src/api/cost';
import { HOSTED_CHAT_PRICES } from '../../src/data/pricing';

describe('chat-model prices for LLM re-ranking', () => {
  it('every listed chat model has a dated source and input and output prices', () => {
    expect(HOSTED_CHAT_PRICES.map((p) => p.id)).toEqual(expect.arrayContaining(['gpt-4o-mini']));
    for (const p of HOSTED_CHAT_PRICES) {
      expect(p.source).toMatch(/^https:\/\//);
      expect(p.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.inputUsdPer1M).toBeGreaterThan(0);
      expect(p.outputUsdPer1M).toBeGreaterThan(p.inputUsdPer1M);
    }
  });

  it('prices input and output apart on OpenAI, $0 on a local server, and "–" for a model not on the list', () => {
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M
    expect(chatCostUsd(1_000_000, 100_000, 'openai', 'gpt-4o-mini', 'https://api.openai.com/v1')).toBeCloseTo(0.15 + 0.06, 10);
    expect(chatCostUsd(1_000_000, 100_000, 'ollama', 'llama3.2', 'http://localhost:11434/v1')).toBe(0);
    expect(chatCostUsd(1_000_000, 100_000, 'openai', 'some-new-model', 'https://api.openai.com/v1')).toBeNull();
    // a proxy may charge anything: OpenAI's list is not its price
    expect(chatPriceFor('custom', 'gpt-4o-mini')).toBeNull();
    expect(formatUsd(chatCostUsd(1, 1, 'openai', 'unknown', 'https://api.openai.com/v1'))).toBe('–');
  });
});
