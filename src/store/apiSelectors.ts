import { costUsd } from '../api/cost';
import { parseApiModelId } from '../api/models';
import { findPreset, isLocalUrl, type ProviderId } from '../api/presets';
import type { ApiUsage } from './apiSlice';
import type { AppState } from './appStore';

export interface EndpointInUse {
  provider: ProviderId;
  label: string;
  baseUrl: string;
  host: string;
  local: boolean;
  /** The user allowed sending there this session. */
  allowed: boolean;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Endpoints texts go to, or would go to once allowed: the chosen model's, and every one the
 * user allowed this session (the lab may have used it). Empty means nothing leaves the page.
 */
export function endpointsInUse(s: Pick<AppState, 'modelId' | 'apiEndpoints' | 'apiConsented'>): EndpointInUse[] {
  const out: EndpointInUse[] = [];
  const add = (provider: ProviderId) => {
    const e = s.apiEndpoints[provider];
    if (!e || out.some((o) => o.baseUrl === e.baseUrl)) return;
    out.push({ provider, label: findPreset(provider)?.label ?? provider, baseUrl: e.baseUrl, host: hostOf(e.baseUrl), local: isLocalUrl(e.baseUrl), allowed: s.apiConsented.includes(e.baseUrl) });
  };
  const current = parseApiModelId(s.modelId);
  if (current) add(current.provider);
  for (const [provider, e] of Object.entries(s.apiEndpoints)) if (e && s.apiConsented.includes(e.baseUrl)) add(provider as ProviderId);
  return out;
}

export interface UsageRow {
  modelId: string;
  texts: number;
  requests: number;
  estimatedTokens: number;
  billedTokens: number | null;
  estimatedUsd: number | null;
  billedUsd: number | null;
}

/** What each API model cost this session: the estimate and the bill the replies reported. */
export function usageRows(s: Pick<AppState, 'apiUsage'>): UsageRow[] {
  return Object.entries(s.apiUsage).map(([modelId, u]) => {
    const ref = parseApiModelId(modelId) ?? { provider: 'custom' as const, model: modelId };
    return {
      modelId,
      texts: u.texts,
      requests: u.requests,
      estimatedTokens: u.estimatedTokens,
      billedTokens: u.billedTokens,
      estimatedUsd: costUsd(u.estimatedTokens, ref, u.baseUrl),
      billedUsd: costUsd(u.billedTokens, ref, u.baseUrl),
    };
  });
}

export interface RunCost {
  requests: number;
  billedTokens: number | null;
  /** At the dated list price; 0 on a local server; null when unknown. */
  usd: number | null;
}

/** What one stretch of work cost: the usage counted after it minus the usage before (the lab's rows). */
export function usageSince(modelId: string, before: ApiUsage | undefined, after: ApiUsage | undefined): RunCost | null {
  const ref = parseApiModelId(modelId);
  if (!ref || !after) return null;
  const billedTokens = after.billedTokens === null || (before && before.billedTokens === null) ? null : after.billedTokens - (before?.billedTokens ?? 0);
  return { requests: after.requests - (before?.requests ?? 0), billedTokens, usd: costUsd(billedTokens, ref, after.baseUrl) };
}
