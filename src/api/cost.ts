/**
 * What sending texts to an endpoint costs: estimated before (from the text length) and
 * measured after (from the tokens the replies say were billed), both priced with the dated
 * list in src/data/pricing.ts. A local server costs nothing; an endpoint whose model is not
 * on the list has no price (null, shown as "–"), never 0.
 */
import { estimateTokens } from '../core/tokens';
import { HOSTED_CHAT_PRICES, HOSTED_EMBEDDING_PRICES, PRICES_CHECKED, type HostedChatPrice, type HostedEmbeddingPrice } from '../data/pricing';
import type { ApiModelRef } from './models';
import { isLocalUrl } from './presets';

/** The list price for a model on an endpoint: OpenAI's models on OpenAI; null elsewhere (a proxy may charge anything). */
export function priceFor(ref: Pick<ApiModelRef, 'provider' | 'model'>): HostedEmbeddingPrice | null {
  if (ref.provider !== 'openai') return null;
  return HOSTED_EMBEDDING_PRICES.find((p) => p.provider === 'OpenAI' && p.id === ref.model) ?? null;
}

/** USD for `tokens` at the standard (synchronous) price; 0 on a local server; null when unknown. */
export function costUsd(tokens: number | null, ref: Pick<ApiModelRef, 'provider' | 'model'>, baseUrl: string): number | null {
  if (tokens === null) return null;
  if (isLocalUrl(baseUrl)) return 0;
  const price = priceFor(ref);
  return price ? (tokens / 1e6) * price.usdPer1M : null;
}

/** The list price of a chat model on an endpoint: OpenAI's models on OpenAI; null elsewhere. */
export function chatPriceFor(provider: string, model: string): HostedChatPrice | null {
  if (provider !== 'openai') return null;
  return HOSTED_CHAT_PRICES.find((p) => p.id === model.trim()) ?? null;
}

/** USD for a chat run's input and output tokens; 0 on a local server; null when the model has no listed price. */
export function chatCostUsd(inputTokens: number, outputTokens: number, provider: string, model: string, baseUrl: string): number | null {
  if (isLocalUrl(baseUrl)) return 0;
  const price = chatPriceFor(provider, model);
  return price ? (inputTokens * price.inputUsdPer1M + outputTokens * price.outputUsdPer1M) / 1e6 : null;
}

export function estimateTotalTokens(texts: readonly string[]): number {
  let sum = 0;
  for (const t of texts) sum += estimateTokens(t);
  return sum;
}

/** "$0.0031" style: enough digits that a cent-fraction does not read as free. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return '–';
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '< $0.0001';
  return `$${usd < 1 ? usd.toPrecision(2) : usd.toFixed(2)}`;
}

export { PRICES_CHECKED };
