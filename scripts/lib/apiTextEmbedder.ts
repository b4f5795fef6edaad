/**
 * `npm run eval` with an API model (`--model openai:text-embedding-3-small --api-base URL
 * --api-key-env NAME`): the app's own client (src/api/openaiClient.ts), so batching, retries,
 * error messages and cost counting are the ones the browser uses. Giving the flags is the
 * consent: the command says on stderr what it sends where before it sends it.
 */
import { costUsd, estimateTotalTokens, formatUsd } from '../../src/api/cost';
import { parseApiModelId } from '../../src/api/models';
import { embedTexts } from '../../src/api/openaiClient';
import { checkBaseUrl, findPreset } from '../../src/api/presets';
import type { EmbeddingMatrix } from '../../src/core/vectors';
import { withPrefix, type ModelEntry, type TextKind } from '../../src/embedding/catalogue';
import { EvalInputError } from './evalInput';

export interface ApiTally {
  baseUrl: string;
  requests: number;
  texts: number;
  estimatedTokens: number;
  billedTokens: number | null;
}

export class ApiTextEmbedder {
  readonly tally: ApiTally;

  private constructor(
    readonly model: ModelEntry,
    private readonly apiKey: string,
    baseUrl: string,
  ) {
    this.tally = { baseUrl, requests: 0, texts: 0, estimatedTokens: 0, billedTokens: 0 };
  }

  /** Checks the endpoint flags; throws an EvalInputError saying what is missing. */
  static create(model: ModelEntry, apiBase: string | undefined, apiKeyEnv: string | undefined, env: NodeJS.ProcessEnv = process.env): ApiTextEmbedder {
    const ref = parseApiModelId(model.id);
    const preset = ref && findPreset(ref.provider);
    if (!ref || !preset) throw new EvalInputError(`"${model.id}" is not an API model (provider:model)`);
    const raw = apiBase ?? preset.baseUrl;
    if (!raw) throw new EvalInputError(`${model.id}: give the endpoint with --api-base URL`);
    const checked = checkBaseUrl(raw);
    if ('error' in checked) throw new EvalInputError(`--api-base: ${checked.error}`);
    const key = apiKeyEnv ? env[apiKeyEnv] : undefined;
    if (apiKeyEnv && !key) throw new EvalInputError(`--api-key-env ${apiKeyEnv}: that environment variable is not set`);
    if (preset.needsKey && !key) throw new EvalInputError(`${preset.label} needs a key: put it in an environment variable and name it with --api-key-env`);
    return new ApiTextEmbedder(model, key ?? '', checked.url);
  }

  async embed(texts: readonly string[], kind: TextKind): Promise<EmbeddingMatrix> {
    const ref = parseApiModelId(this.model.id)!;
    const input = texts.map((t) => withPrefix(this.model, kind, t));
    const estimated = estimateTotalTokens(input);
    console.error(`sending ${input.length} ${kind}s (about ${estimated} tokens, ${formatUsd(costUsd(estimated, ref, this.tally.baseUrl))}) to ${this.tally.baseUrl}/embeddings`);
    const out = await embedTexts(
      { fetch: (url, init) => fetch(url, init), onRetry: ({ waitMs, status }) => console.error(`${this.tally.baseUrl} answered ${status ?? 'nothing'}; retrying in ${Math.ceil(waitMs / 1000)} s`) },
      { baseUrl: this.tally.baseUrl, apiKey: this.apiKey, model: ref.model, dimensions: ref.dimensions },
      input,
      { expectedDims: this.model.dims },
    );
    this.tally.requests += out.requests;
    this.tally.texts += input.length;
    this.tally.estimatedTokens += estimated;
    this.tally.billedTokens = this.tally.billedTokens === null || out.billedTokens === null ? null : this.tally.billedTokens + out.billedTokens;
    return { vectors: out.vectors, dim: out.dim };
  }

  /** What the run cost, priced from the dated list (null when the model has no listed price). */
  cost(): ApiTally & { estimatedUsd: number | null; billedUsd: number | null } {
    const ref = parseApiModelId(this.model.id)!;
    return { ...this.tally, estimatedUsd: costUsd(this.tally.estimatedTokens, ref, this.tally.baseUrl), billedUsd: costUsd(this.tally.billedTokens, ref, this.tally.baseUrl) };
  }
}
