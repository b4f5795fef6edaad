/**
 * Hosted embedding API list prices, in USD per 1M input tokens (embeddings bill input
 * tokens only). Prices change: every entry says when it was checked and where.
 *
 * `checked` is the day the price was looked up for this file. The lookup used a stored
 * snapshot of public pages, not the live sites, so `sourceDate` gives the date the source
 * itself states when it states one; it may be months older than `checked`. Re-check the
 * `source` pages before relying on these numbers for a budget.
 *
 * `sourceKind`: 'official' = the provider's own page; 'secondary' = an API gateway or price
 * tracker quoting the provider (used where the provider's own pricing page was not among
 * the stored pages; the numbers agreed across the sources listed in `note`).
 *
 * This file is data only. Its entries are structurally assignable to `HostedModel` in
 * src/core/costModel.ts (id, name, usdPer1M, batchUsdPer1M, dims); the layers keep
 * src/core and src/data from importing each other.
 */

export interface HostedEmbeddingPrice {
  /** The model id the API takes. */
  id: string;
  provider: 'OpenAI' | 'Google' | 'Voyage AI';
  /** Display name. */
  name: string;
  /** Standard (synchronous) price, USD per 1M input tokens. */
  usdPer1M: number;
  /** Batch API price (asynchronous, within 24 h), USD per 1M input tokens, if offered. */
  batchUsdPer1M?: number;
  /** Default output dimensions, for storage cost. */
  dims: number;
  /** ISO date the price was checked for this file. */
  checked: string;
  /** Where the price was found. */
  source: string;
  /** Date the source itself states (or its snapshot date), when known and older than `checked`. */
  sourceDate?: string;
  sourceKind: 'official' | 'secondary';
  note?: string;
}

export const PRICES_CHECKED = '2026-11-28';

export const HOSTED_EMBEDDING_PRICES: readonly HostedEmbeddingPrice[] = [
  {
    id: 'text-embedding-3-small',
    provider: 'OpenAI',
    name: 'OpenAI text-embedding-3-small',
    usdPer1M: 0.02,
    batchUsdPer1M: 0.01,
    dims: 1536,
    checked: PRICES_CHECKED,
    // OpenAI's own -3-small page was not among the stored pages. This tracker's snapshot of it
    // (developers.openai.com/api/docs/models/text-embedding-3-small, effective 2026-07-03)
    // gives $0.02 standard and $0.01 batch.
    source: 'https://tokenprice.fyi/models/text-embedding-3-small',
    sourceDate: '2026-07-03',
    sourceKind: 'secondary',
    note: '$0.02 also in the comparison box of the official https://developers.openai.com/api/docs/models/text-embedding-3-large and on openrouter.ai; batch $0.01 also on https://costgoat.com/pricing/openai-embeddings',
  },
  {
    id: 'text-embedding-3-large',
    provider: 'OpenAI',
    name: 'OpenAI text-embedding-3-large',
    usdPer1M: 0.13,
    batchUsdPer1M: 0.065,
    dims: 3072,
    checked: PRICES_CHECKED,
    source: 'https://developers.openai.com/api/docs/models/text-embedding-3-large',
    sourceKind: 'official',
    note: 'page gives $0.13 per 1M tokens; the batch price ($0.065, half) is from https://costgoat.com/pricing/openai-embeddings, as the stored page did not show its batch figure',
  },
  {
    id: 'text-embedding-ada-002',
    provider: 'OpenAI',
    name: 'OpenAI text-embedding-ada-002 (legacy)',
    usdPer1M: 0.1,
    batchUsdPer1M: 0.05,
    dims: 1536,
    checked: PRICES_CHECKED,
    source: 'https://openrouter.ai/openai/text-embedding-ada-002',
    sourceKind: 'secondary',
    note: '$0.10 also on https://vercel.com/ai-gateway/models/text-embedding-ada-002 and https://costgoat.com/pricing/openai-embeddings; batch = 50% off per costgoat.com and unanswered.io',
  },
  {
    id: 'gemini-embedding-001',
    provider: 'Google',
    name: 'Google gemini-embedding-001',
    usdPer1M: 0.15,
    dims: 3072,
    checked: PRICES_CHECKED,
    source: 'https://embeddingcost.com/google',
    // That page says "Verified April 2026".
    sourceDate: '2026-04',
    sourceKind: 'secondary',
    note: 'Gemini API paid tier; $0.15 also on https://opencode.ai/data/google/gemini-embedding-001 and zilliz.com. Matryoshka: 768/1536/3072 dims. Official page to re-check: https://ai.google.dev/gemini-api/docs/pricing',
  },
  {
    id: 'voyage-4-lite',
    provider: 'Voyage AI',
    name: 'Voyage voyage-4-lite',
    usdPer1M: 0.02,
    dims: 1024,
    checked: PRICES_CHECKED,
    source: 'https://vercel.com/ai-gateway/models/voyage-4-lite',
    sourceKind: 'secondary',
    note: '$0.02 also on https://openrouter.ai/voyageai/voyage-4-lite; dims 1024 default (256/512/2048 optional) per https://docs.voyageai.com/embeddings. Free-token allowances are ignored',
  },
];

/**
 * Chat-completion list prices of the chat models offered for LLM re-ranking (the OpenAI
 * preset's datalist), USD per 1M tokens, input and output billed apart. Same dating rules as
 * above; a model not listed here has no price ("–"), never 0.
 */
export interface HostedChatPrice {
  id: string;
  provider: 'OpenAI';
  name: string;
  inputUsdPer1M: number;
  outputUsdPer1M: number;
  checked: string;
  source: string;
  sourceDate?: string;
  sourceKind: 'official' | 'secondary';
  note?: string;
}

export const CHAT_PRICES_CHECKED = '2026-11-29';

export const HOSTED_CHAT_PRICES: readonly HostedChatPrice[] = [
  {
    id: 'gpt-4o-mini',
    provider: 'OpenAI',
    name: 'GPT-4o mini',
    inputUsdPer1M: 0.15,
    outputUsdPer1M: 0.6,
    checked: CHAT_PRICES_CHECKED,
    source: 'https://pecollective.com/tools/gpt-4o-mini-pricing',
    sourceDate: '2026-04',
    sourceKind: 'secondary',
    note: 'Same figures at https://www.promptunit.ai/blog/gpt-4o-mini-pricing-guide.',
  },
  {
    id: 'gpt-4.1-nano',
    provider: 'OpenAI',
    name: 'GPT-4.1 nano',
    inputUsdPer1M: 0.1,
    outputUsdPer1M: 0.4,
    checked: CHAT_PRICES_CHECKED,
    source: 'https://pecollective.com/tools/gpt-4o-mini-pricing',
    sourceDate: '2026-04',
    sourceKind: 'secondary',
  },
  {
    id: 'gpt-4.1-mini',
    provider: 'OpenAI',
    name: 'GPT-4.1 mini',
    inputUsdPer1M: 0.4,
    outputUsdPer1M: 1.6,
    checked: CHAT_PRICES_CHECKED,
    source: 'https://www.promptunit.ai/blog/gpt-4o-mini-pricing-guide',
    sourceKind: 'secondary',
  },
  {
    id: 'gpt-4o',
    provider: 'OpenAI',
    name: 'GPT-4o',
    inputUsdPer1M: 2.5,
    outputUsdPer1M: 10,
    checked: CHAT_PRICES_CHECKED,
    source: 'https://www.promptunit.ai/blog/gpt-4o-mini-pricing-guide',
    sourceKind: 'secondary',
  },
];
