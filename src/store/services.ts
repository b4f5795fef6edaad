import { loadBundledDataset, type Dataset } from '../data/bundled';
import { EmbeddingClient } from '../embedding/client';
import { AnalysisClient } from '../analysis/client';

/** Side-effecting dependencies of the store's actions, swappable in tests. */
export interface Services {
  client: EmbeddingClient;
  analysis: AnalysisClient;
  loadDataset: () => Promise<Dataset>;
  origin: string;
  base: string;
}

let services: Services | null = null;

export function getServices(): Services {
  services ??= {
    client: new EmbeddingClient(),
    analysis: new AnalysisClient(),
    loadDataset: () => loadBundledDataset(),
    origin: globalThis.location?.origin ?? 'http://localhost',
    base: import.meta.env.BASE_URL,
  };
  return services;
}

export function setServices(next: Services | null): void {
  services = next;
}
