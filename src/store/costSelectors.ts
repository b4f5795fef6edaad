import type { LocalModel } from '../core/costModel';
import { profileToText } from '../data/profileText';
import type { AppState } from './appStore';
import { resolveModel } from './modelActions';

/** Local models with throughput measured in this browser: the current model and every finished comparison run. */
export function measuredLocalModels(s: Pick<AppState, 'profileEmbeddings' | 'profiles' | 'compareRuns'>): LocalModel[] {
  const out: LocalModel[] = [];
  const e = s.profileEmbeddings;
  if (e && e.embedded > 0 && e.elapsedMs > 0) {
    const m = resolveModel(e.modelId);
    out.push({ name: `${m.id} ${e.dtype}`, dims: e.matrix.dim, textsPerSecond: (e.embedded / e.elapsedMs) * 1000, downloadMB: m.dtypes[e.dtype]?.sizeMB ?? 0 });
  }
  for (const r of s.compareRuns) {
    if (r.status !== 'done' || !r.speed?.textsPerSecond) continue;
    const name = `${r.target.modelId} ${r.target.dtype}`;
    if (out.some((o) => o.name === name)) continue;
    // the model files' size as measured by the lab's cold load, else the catalogue's figure
    const downloadMB = r.speed.bytesRead != null ? r.speed.bytesRead / 1e6 : (r.speed.catalogueMB ?? 0);
    out.push({ name, dims: r.speed.dims, textsPerSecond: r.speed.textsPerSecond, downloadMB });
  }
  return out;
}

/** The current profiles' texts, for the default average length. */
export function profileTexts(s: Pick<AppState, 'profiles'>): string[] {
  return s.profiles.map(profileToText);
}
