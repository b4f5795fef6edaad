// idb checks values against the global IDB classes, which jsdom lacks: install fake-indexeddb's
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { AnalysisClient } from '../../src/analysis/client';
import type { Dataset } from '../../src/data/bundled';
import { EmbeddingClient } from '../../src/embedding/client';
import { EmbeddingCache } from '../../src/embedding/embeddingCache';
import type { Services } from '../../src/store/services';
import { FakeWorker, hashingWorkerHandler } from './fakeWorker';
import { InProcessAnalysisWorker } from './fakeAnalysisWorker';
import { KeywordClient } from '../../src/keywords/client';
import { InProcessKeywordWorker } from './fakeKeywordWorker';
import { ImportClient } from '../../src/import/client';
import { DatasetDb } from '../../src/import/datasetDb';
import { InProcessImportWorker } from './inProcessImportWorker';

/**
 * Services for component tests: a hashing stand-in for the embedding worker, the real
 * analysis and import handlers in-process, and the real embedding cache and dataset store on
 * a fresh fake IndexedDB.
 */
export function fakeServices(loadDataset: () => Promise<Dataset>, overrides: Partial<Services> = {}): Services {
  const indexedDB = new IDBFactory();
  let cache: Promise<EmbeddingCache> | null = null;
  let datasets: Promise<DatasetDb> | null = null;
  return {
    client: new EmbeddingClient(() => new FakeWorker(hashingWorkerHandler)),
    compareClient: new EmbeddingClient(() => new FakeWorker(hashingWorkerHandler)),
    analysis: new AnalysisClient(() => new InProcessAnalysisWorker()),
    compareAnalysis: new AnalysisClient(() => new InProcessAnalysisWorker()),
    keywords: new KeywordClient(() => new InProcessKeywordWorker()),
    openCache: () => (cache ??= EmbeddingCache.open('test-cache', { indexedDB })),
    loadDataset,
    importer: new ImportClient(() => new InProcessImportWorker()),
    openDatasets: () => (datasets ??= DatasetDb.open('test-datasets', indexedDB)),
    origin: 'http://127.0.0.1',
    base: '/',
    ...overrides,
  };
}
