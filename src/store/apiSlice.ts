import type { StateCreator } from 'zustand';
import type { ConsentRequest, UsageReport } from '../api/apiEmbedder';
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

export interface ApiSlice {
  apiEndpoints: Partial<Record<ProviderId, ApiEndpointSetting>>;
  /** API models offered in the model picker and the lab ("provider:model[@dims]"). */
  apiModelIds: string[];
  /** Base URLs the user allowed this session; asked again after a reload. */
  apiConsented: string[];
  /** The question the consent dialog shows, while one is open. */
  consentRequest: ConsentRequest | null;
  apiUsage: Record<string, ApiUsage>;
  /** "rate-limited, retrying in 3 s" while it applies. */
  apiNotice: string | null;
}

export const createApiSlice: StateCreator<AppState, [], [], ApiSlice> = () => ({
  apiEndpoints: {},
  apiModelIds: [],
  apiConsented: [],
  consentRequest: null,
  apiUsage: {},
  apiNotice: null,
});
