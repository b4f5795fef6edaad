/**
 * The one token estimate of the app (cost model, batching): ⌈characters / 4⌉, OpenAI's rule of
 * thumb for English. It is not a tokenizer: expect ±10–20% on English prose, and a large
 * undercount for code, numbers-heavy text and non-Latin scripts (CJK is nearer one token per
 * character). Characters are Unicode code points; leading/trailing whitespace is ignored.
 */
export function estimateTokens(text: string): number {
  const chars = [...text.trim()].length;
  return Math.ceil(chars / 4);
}
