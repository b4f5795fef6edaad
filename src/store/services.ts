import { loadBundledDataset, type Dataset } from '../data/bundled';
import { EmbeddingClient } from '../embedding/client';
import { AnalysisClient } from '../analysis/client';
import { EmbeddingCache } from '../embedding/embeddingCache';
import { KeywordClient } from '../keywords/client';
import { RerankClient } from '../embedding/rerankClient';

/** Side-effecting dependencies of the store's actions, swappable in tests. */
export interface Services {
  client: EmbeddingClient;
  /**
   * The comparison lab's own embedding worker: cancelling a comparison never kills a search
   * or a model load of the main view, and a comparison never evicts the model on screen.
   */
  compareClient: EmbeddingClient;
  analysis: AnalysisClient;
  /** A second analysis worker for the comparison lab, so comparing never disturbs the map. */
  compareAnalysis: AnalysisClient;
  /** The BM25 index of the profiles, in its own worker. */
  keywords: KeywordClient;
  /** The cross-encoder worker of the re-ranking stage (created on first use when absent). */
  reranker?: RerankClient;
  /** The comparison lab's own re-ranker worker, so a comparison never cancels the main view's re-ranking. */
  compareReranker?: RerankClient;
  /** The IndexedDB embedding cache, opened on first use (a no-op cache where IndexedDB is missing). */
  openCache: () => Promise<EmbeddingCache>;
  loadDataset: () => Promise<Dataset>;
  origin: string;
  base: string;
}

let services: Services | null = null;

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= fn());
}

export function getServices(): Services {
  services ??= {
    client: new EmbeddingClient(),
    compareClient: new EmbeddingClient(),
    analysis: new AnalysisClient(),
    compareAnalysis: new AnalysisClient(),
    keywords: new KeywordClient(),
    reranker: new RerankClient(),
    compareReranker: new RerankClient(),
    openCache: memo(() => EmbeddingCache.open()),
    loadDataset: () => loadBundledDataset(),
    origin: globalThis.location?.origin ?? 'http://localhost',
    base: import.meta.env.BASE_URL,
  };
  return services;
}

export function setServices(next: Services | null): void {
  services = next;
}
