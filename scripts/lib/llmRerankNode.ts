/**
 * `npm run eval -- --llm-model provider:model [--llm-top N]`: the top N of the default ranking
 * per reported job description, re-ordered by the chat model's pairwise verdicts (both orders
 * per pair; src/api/pairwise.ts), through the same client and endpoint flags as API embeddings.
 */
import { parseApiModelId } from '../../src/api/models';
import { chatCompletion } from '../../src/api/openaiClient';
import { pairMessages, pairwiseRerank, parseVerdict, verdictKey, type PairVerdicts } from '../../src/api/pairwise';
import { checkBaseUrl, findPreset } from '../../src/api/presets';
import { rerankedScoreList } from '../../src/core/rerankOrder';
import { topK } from '../../src/core/topK';
import { EvalInputError } from './evalInput';

export interface LlmRerankOutcome {
  scores: Float32Array[];
  calls: number;
  pairs: number;
  /** Pairs where the two orders disagreed (position bias or an unreadable reply). */
  ties: number;
  billedTokens: number | null;
  baseUrl: string;
}

export async function llmRerank(
  llmModel: string,
  n: number,
  endpoint: { apiBase?: string; apiKeyEnv?: string },
  firstScores: readonly Float32Array[],
  queries: readonly { text: string }[],
  profileTexts: readonly string[],
  reported: readonly number[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<LlmRerankOutcome> {
  const ref = parseApiModelId(llmModel);
  const preset = ref && findPreset(ref.provider);
  if (!ref || !preset) throw new EvalInputError(`--llm-model must be provider:model (e.g. openai:gpt-4o-mini, custom:NAME), got "${llmModel}"`);
  const checked = checkBaseUrl(endpoint.apiBase ?? preset.baseUrl);
  if ('error' in checked) throw new EvalInputError(`--api-base: ${checked.error}`);
  const apiKey = endpoint.apiKeyEnv ? env[endpoint.apiKeyEnv] : undefined;
  if (endpoint.apiKeyEnv && !apiKey) throw new EvalInputError(`--api-key-env ${endpoint.apiKeyEnv}: that environment variable is not set`);
  if (preset.needsKey && !apiKey) throw new EvalInputError(`${preset.label} needs a key: name its environment variable with --api-key-env`);
  const config = { baseUrl: checked.url, apiKey: apiKey ?? '', model: ref.model };
  const cache = new Map<string, PairVerdicts>();
  const scores: Float32Array[] = [];
  let calls = 0;
  let pairs = 0;
  let ties = 0;
  let billed: number | null = 0;
  console.error(`asking ${checked.url}/chat/completions (${ref.model}) about the top ${n} of ${reported.length} job descriptions, both orders per pair`);
  for (const [q, query] of queries.entries()) {
    if (!reported.includes(q)) {
      scores.push(firstScores[q]);
      continue;
    }
    const top = topK(firstScores[q], n);
    const out = await pairwiseRerank(
      top.map(String),
      async (a, b) => {
        const r = await chatCompletion({ fetch: (u, i) => fetch(u, i) }, config, pairMessages(query.text, profileTexts[Number(a)], profileTexts[Number(b)]));
        return { verdict: parseVerdict(r.content), billedTokens: r.billedTokens };
      },
      cache,
      (x, y) => verdictKey(llmModel, String(q), x, y),
    );
    calls += out.calls;
    pairs += out.pairs.length;
    ties += out.pairs.filter((p) => p.outcome === 0).length;
    billed = billed === null || out.billedTokens === null ? null : billed + out.billedTokens;
    // best first gets the highest score, inside the 0..1 band rerankedScoreList keeps for the top
    const position = new Map(out.order.map((id, i) => [Number(id), i]));
    scores.push(rerankedScoreList(firstScores[q], top, top.map((doc) => 1 - (position.get(doc) ?? 0) / top.length)));
  }
  return { scores, calls, pairs, ties, billedTokens: billed, baseUrl: checked.url };
}
