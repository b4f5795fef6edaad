import { RpcClient, type RpcWorker } from '../core/rpc';
import type { ColumnMapping, ImportKind } from '../data/import/mapping';
import type { VectorChoice } from '../data/import/vectors';
import type { BuildResult, ImportProgressMap, ImportRequest, ImportResponse, ImportResults, ParseProgress, ParseResult } from './protocol';

/** The subset of Worker the client uses, so tests can supply a fake. */
export type ImportWorkerLike = RpcWorker<ImportRequest, ImportResponse>;

function createDefaultWorker(): ImportWorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' }) as ImportWorkerLike;
}

/** Typed access to the import worker; `terminate` cancels a parse at once (the worker is replaced). */
export class ImportClient {
  private readonly rpc: RpcClient<ImportRequest, ImportResults, ImportProgressMap>;

  constructor(createWorker: () => ImportWorkerLike = createDefaultWorker) {
    this.rpc = new RpcClient(createWorker, { name: 'import' });
  }

  parse(source: Blob | string, name: string, onProgress?: (p: ParseProgress) => void): Promise<ParseResult> {
    return this.rpc.request({ type: 'parse', source, name }, { onProgress });
  }

  build(mapping: ColumnMapping, kind: ImportKind = 'profiles', vectors: VectorChoice | null = null): Promise<BuildResult> {
    return this.rpc.request({ type: 'build', mapping, kind, vectors });
  }

  terminate(reason = 'Cancelled.'): void {
    this.rpc.terminate(reason);
  }
}
