import type { StateCreator } from 'zustand';
import type { ConsentRequest, UsageReport } from '../api/apiEmbedder';
import type { PairRecord } from '../api/pairwise';
import type { ProviderId } from '../api/presets';
import type { AppState } from './appStore';

/** One endpoint the user set up in the UI (never from a URL). */
export interface ApiEndpointSetting {
  baseUrl: string;
  /** Kept in memory only, unless `remember` (then in this browser's localStorage). */
  apiKey: string;
  remember: boolean;
}

/** Tokens and requests counted from the replies this session, per API model. */
export type ApiUsage = Omit<UsageReport, 'modelId'>;

/** The LLM pairwise re-ranking of one search result's top N. */
export interface LlmRerankState {
  status: 'running' | 'done' | 'error' | 'cancelled';
  /** The search result it re-ranks: a newer search makes it stale. */
  query: string;
  /** Profile rows in first-stage order, and re-ranked (when done). */
  before: number[];
  after: number[] | null;
  pairs: PairRecord[];
  /** Pairs compared so far, and the most the sort can need. */
  done: number;
  bound: number;
  calls: number;
  billedTokens: number | null;
  error: string | null;
}

export interface ApiSlice {
  apiEndpoints: Partial<Record<ProviderId, ApiEndpointSetting>>;
  /** API models offered in the model picker and the lab ("provider:model[@dims]"). */
  apiModelIds: string[];
  /** Base URLs the user allowed this session; asked again after a reload (except the reload that allows a new origin). */
  apiConsented: string[];
  /** Origins the user confirmed in this browser: the page's policy allows them from the next load (src/store/connectActions.ts). */
  connectOrigins: string[];
  /** The question the consent dialog shows, while one is open. */
  consentRequest: ConsentRequest | null;
  apiUsage: Record<string, ApiUsage>;
  /** "rate-limited, retrying in 3 s" while it applies. */
  apiNotice: string | null;
  /** The chat model that judges pairs: a provider set up above and the model name it takes. */
  llmProvider: ProviderId | null;
  llmModel: string;
  /** How many of the top hits to re-rank (10 by default, up to 30). */
  llmTopN: number;
  llmRerank: LlmRerankState | null;
}

export const createApiSlice: StateCreator<AppState, [], [], ApiSlice> = () => ({
  apiEndpoints: {},
  apiModelIds: [],
  apiConsented: [],
  connectOrigins: [],
  consentRequest: null,
  apiUsage: {},
  apiNotice: null,
  llmProvider: null,
  llmModel: 'gpt-4o-mini',
  llmTopN: 10,
  llmRerank: null,
});
