import { RpcClient, type RpcWorker } from '../core/rpc';
import type { ColumnMapping, ImportKind } from '../data/import/mapping';
import type { VectorChoice } from '../data/import/vectors';
import type { Profile } from '../data/schema';
import type { BuildResult, HubConnection, HubInspection, ImportProgressMap, ImportRequest, ImportResponse, ImportResults, ParseProgress, ParseResult } from './protocol';

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

  /** An embeddings-layout file's profiles arrive in chunks (BuildProgress), joined here in order; `onProgress` hears rows read. */
  async build(mapping: ColumnMapping, kind: ImportKind = 'profiles', vectors: VectorChoice | null = null, onProgress?: (done: number, total: number) => void): Promise<BuildResult> {
    const chunks: Profile[] = [];
    const result = await this.rpc.request(
      { type: 'build', mapping, kind, vectors },
      {
        onProgress: (p) => {
          // a loop, not push(...p.profiles): a row group of 100,000 would overflow the stack as arguments
          for (const profile of p.profiles) chunks.push(profile);
          onProgress?.(p.done, p.total);
        },
      },
    );
    return chunks.length > 0 ? { ...result, profiles: chunks } : result;
  }

  /** Lists a Hub dataset's Parquet files and reads their footers. */
  inspectHub(dataset: string, hub: HubConnection): Promise<HubInspection> {
    return this.rpc.request({ type: 'hubInspect', dataset, hub });
  }

  /** Reads the chosen columns of the chosen files of the dataset inspected last; then `build` maps them. */
  loadHub(dataset: string, hub: HubConnection, files: string[], columns: string[], onProgress?: (p: ParseProgress) => void): Promise<ParseResult> {
    return this.rpc.request({ type: 'hubLoad', dataset, hub, files, columns }, { onProgress });
  }

  /** Aborts the Hub request under way (every fetch of it); the worker and what it holds stay. */
  abortHub(): Promise<null> {
    return this.rpc.request({ type: 'hubAbort' });
  }

  terminate(reason = 'Cancelled.'): void {
    this.rpc.terminate(reason);
  }
}
