import { loadBundledDataset, type Dataset } from '../data/bundled';
import { createTableWorker, EmbeddingClient } from '../embedding/client';
import { AnalysisClient } from '../analysis/client';
import { EmbeddingCache } from '../embedding/embeddingCache';
import { KeywordClient } from '../keywords/client';
import { RerankClient } from '../embedding/rerankClient';
import { RoutedEmbeddingClient, type EmbeddingBackend } from '../api/apiEmbedder';
import { createApiEmbedder } from './apiActions';
import { ImportClient } from '../import/client';
import { DatasetDb } from '../import/datasetDb';
import { fetchPrebuilt, prebuiltPath, type PrebuiltVectors } from '../embedding/prebuilt';

/** Side-effecting dependencies of the store's actions, swappable in tests. */
export interface Services {
  /** The main view's embedding worker; API models (src/api) are routed to their endpoint behind the same interface. */
  client: EmbeddingBackend;
  /**
   * The comparison lab's own embedding worker: cancelling a comparison never kills a search
   * or a model load of the main view, and a comparison never evicts the model on screen.
   */
  compareClient: EmbeddingBackend;
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
  /** Vectors of the bundled profiles built with the app for a bundled model (src/embedding/prebuilt.ts); none when absent. */
  prebuilt?: (modelId: string) => Promise<PrebuiltVectors | null>;
  /** The import (parse) worker; created on first use when absent. */
  importer?: ImportClient;
  /** Imported datasets in IndexedDB; the real database when absent. */
  openDatasets?: () => Promise<DatasetDb>;
  origin: string;
  base: string;
}

let services: Services | null = null;

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= fn());
}

export function getServices(): Services {
  if (services) return services;
  const openCache = memo(() => EmbeddingCache.open());
  const prebuilt = new Map<string, Promise<PrebuiltVectors | null>>();
  const base = import.meta.env.BASE_URL;
  services = {
    client: new RoutedEmbeddingClient(new EmbeddingClient(undefined, createTableWorker), createApiEmbedder(openCache)),
    compareClient: new RoutedEmbeddingClient(new EmbeddingClient(), createApiEmbedder(openCache)),
    analysis: new AnalysisClient(),
    compareAnalysis: new AnalysisClient(),
    keywords: new KeywordClient(),
    reranker: new RerankClient(),
    compareReranker: new RerankClient(),
    openCache,
    loadDataset: () => loadBundledDataset(),
    prebuilt: (modelId) => {
      let p = prebuilt.get(modelId);
      if (!p) prebuilt.set(modelId, (p = fetchPrebuilt(`${base}${prebuiltPath(modelId)}`)));
      return p;
    },
    importer: new ImportClient(),
    openDatasets: memo(() => DatasetDb.open()),
    origin: globalThis.location?.origin ?? 'http://localhost',
    base,
  };
  return services;
}

export function setServices(next: Services | null): void {
  services = next;
}
