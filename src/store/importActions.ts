/**
 * The import dialog's steps: parse a file or pasted text in the import worker (progress,
 * cancel), let the user adjust the guessed mapping, then build the profiles, keep the
 * dataset and switch to it. Nothing on screen changes until the last step succeeds.
 */
import { errorMessage } from '../core/assert';
import { META } from '../data/embeddingsParquet';
import type { ColumnMapping, ImportKind } from '../data/import/mapping';
import type { VectorChoice, VectorColumn } from '../data/import/vectors';
import { CATALOGUE, findModel, type ModelEntry } from '../embedding/catalogue';
import { ImportClient } from '../import/client';
import { approxProfileBytes } from '../import/datasetDb';
import { UNLABELLED } from '../data/schema';
import { useAppStore } from './appStore';
import { addDataset, selectDataset, setDatasetJobs } from './datasetActions';
import { getServices } from './services';
import { checkHubId } from '../embedding/hubId';
import { mirrorLabel } from '../embedding/mirror';
import type { HubConnection, ParseProgress, ParseResult } from '../import/protocol';
import { policyWarning } from './pagePolicy';

const set = useAppStore.setState;
const get = useAppStore.getState;

let fallbackClient: ImportClient | null = null;
function importer(): ImportClient {
  const services = getServices();
  return services.importer ?? (fallbackClient ??= new ImportClient());
}

const CANCELLED = 'Import cancelled.';
let importSeq = 0;

/** The dataset's default name: the file name without its extension. */
function baseName(fileName: string): string {
  return fileName.replace(/\.[a-z0-9]+$/i, '') || 'Imported profiles';
}

/** Models whose vectors have this column's length (sign bits come in whole bytes); API models are left out: their vectors come from elsewhere. */
export function modelsForVectors(column: VectorColumn): ModelEntry[] {
  return CATALOGUE.filter((m) => m.source !== 'api' && m.dims > 0 && (column.encoding === 'binary' ? Math.ceil(m.dims / 8) * 8 === column.dims : m.dims === column.dims));
}

/**
 * The model a file's vectors came from, by its metadata: the app's own key, else any value
 * naming a catalogue model (e.g. "sentence-transformers/all-MiniLM-L6-v2" for
 * Xenova/all-MiniLM-L6-v2, the same weights converted). Null when nothing says.
 */
export function modelFromMetadata(metadata: Record<string, string>): { named: string | null; model: ModelEntry | null } {
  const named = metadata[META.model] ?? null;
  if (named) return { named, model: findModel(named) ?? null };
  const values = Object.values(metadata);
  const model = CATALOGUE.find((m) => m.source === 'hub' && values.some((v) => v.includes(m.id.slice(m.id.indexOf('/') + 1)))) ?? null;
  return { named: model?.id ?? null, model };
}

/** Vectors to use as is when the file names a model that fits one of its vector columns (float first, then int8, then sign bits). */
export function guessVectors(parsed: Pick<ParseResult, 'vectorColumns' | 'metadata'>): Pick<ColumnMapping, 'vectors' | 'vectorModel'> {
  const { model } = modelFromMetadata(parsed.metadata);
  const order = { float: 0, int8: 1, binary: 2 };
  const fits = [...parsed.vectorColumns].sort((a, b) => order[a.encoding] - order[b.encoding]).find((c) => model && modelsForVectors(c).includes(model));
  return fits && model ? { vectors: fits.column, vectorModel: model.id } : { vectors: null, vectorModel: null };
}

/** What the worker needs to check the chosen vectors, or null to embed the text. */
function vectorChoice(parsed: ParseResult, m: ColumnMapping): VectorChoice | null {
  const column = parsed.vectorColumns.find((c) => c.column === m.vectors);
  const model = m.vectorModel ? findModel(m.vectorModel) : undefined;
  if (!column || !model) return null;
  return { column: column.column, encoding: column.encoding, dims: model.dims, model: model.label };
}

/** Parses a file (or pasted text, named e.g. "pasted.csv") in the worker and shows the mapping step. */
export async function startImport(source: Blob | string, fileName: string): Promise<void> {
  hubActive = false;
  await readInto(fileName, (onProgress) => importer().parse(source, fileName, onProgress));
}

/** Runs a read in the worker with progress, then shows the mapping step; a failure shows why and changes nothing else. */
async function readInto(fileName: string, read: (onProgress: (p: ParseProgress) => void) => Promise<ParseResult>): Promise<void> {
  const seq = ++importSeq;
  set({ importState: { phase: 'reading', fileName, progress: null } });
  let lastPercent = -1;
  try {
    const parsed = await read((progress) => {
      // a 100 MB file sends thousands of chunks; the store hears about each whole percent
      // (a Hub download reports once per row group, each worth showing)
      const percent = Math.floor((100 * progress.done) / Math.max(1, progress.total));
      if (seq !== importSeq || (percent === lastPercent && !progress.rows)) return;
      lastPercent = percent;
      set({ importState: { phase: 'reading', fileName, progress } });
    });
    if (seq !== importSeq) return;
    set({ importState: { phase: 'mapping', fileName, parsed, mapping: { ...parsed.guess, ...guessVectors(parsed) }, kind: 'profiles', name: baseName(fileName), error: null } });
  } catch (err) {
    if (seq !== importSeq) return;
    set({ importState: { phase: 'error', fileName, message: errorMessage(err), columns: [], skipped: [] } });
  } finally {
    if (seq === importSeq) hubActive = false;
  }
}

/** Whether the worker is busy with a Hub request, which Cancel aborts (its fetches) rather than ending the worker. */
let hubActive = false;

function hubConnection(): HubConnection {
  const { remoteHost, stallMs } = get();
  return { host: remoteHost, hostLabel: mirrorLabel(remoteHost), stallMs };
}

/**
 * Looks a Hub dataset up by id on the model host (the Hub, or the mirror the user confirmed):
 * its Parquet files and, from their footers, rows and columns. Nothing is fetched for an id the
 * Hub would refuse, or from a host this page's policy blocks.
 */
export async function lookUpHubDataset(raw: string): Promise<void> {
  const checked = checkHubId(raw, 'dataset');
  if (!checked.ok) {
    set({ hubLookup: { status: 'error', dataset: raw.trim(), message: checked.reason } });
    return;
  }
  const dataset = checked.id;
  const conn = hubConnection();
  const blocked = policyWarning(conn.host);
  if (blocked) {
    set({ hubLookup: { status: 'error', dataset, message: blocked } });
    return;
  }
  const seq = ++lookupSeq;
  hubActive = true;
  set({ hubLookup: { status: 'looking', dataset } });
  try {
    const inspection = await importer().inspectHub(dataset, conn);
    if (seq !== lookupSeq) return;
    // text is what this version embeds; vector columns are listed and can be chosen, but start unchosen
    const columns = inspection.columns.filter((c) => !c.vector && c.type === 'string').map((c) => c.name);
    set({ hubLookup: { status: 'ready', inspection, files: inspection.files.map((f) => f.path), columns } });
  } catch (err) {
    if (seq === lookupSeq) set({ hubLookup: { status: 'error', dataset, message: errorMessage(err) } });
  } finally {
    if (seq === lookupSeq) hubActive = false;
  }
}
let lookupSeq = 0;

/** Stops a lookup under way (its fetches are aborted). */
export function cancelHubLookup(): void {
  lookupSeq++;
  hubActive = false;
  void importer().abortHub().catch(() => undefined);
  set({ hubLookup: { status: 'idle' } });
}

/** Turns a file or a column of the looked-up dataset on or off. */
export function toggleHubChoice(what: 'files' | 'columns', name: string, on: boolean): void {
  const s = get().hubLookup;
  if (s.status !== 'ready') return;
  const order = what === 'files' ? s.inspection.files.map((f) => f.path) : s.inspection.columns.map((c) => c.name);
  const chosen = new Set(s[what]);
  if (on) chosen.add(name);
  else chosen.delete(name);
  set({ hubLookup: { ...s, [what]: order.filter((x) => chosen.has(x)) } });
}

/** Downloads the chosen columns of the chosen files (progress, Cancel) and shows the mapping step. */
export async function loadHubDataset(): Promise<void> {
  const s = get().hubLookup;
  if (s.status !== 'ready') return;
  const { id } = s.inspection;
  hubActive = true;
  await readInto(id, (onProgress) => importer().loadHub(id, hubConnection(), s.files, s.columns, onProgress));
}

/** Stops a parse at once (the worker is replaced); the profiles on screen are untouched. */
export function cancelImport(): void {
  importSeq++;
  // a Hub download is stopped by aborting its fetches; a file parse by ending the worker
  if (hubActive) void importer().abortHub().catch(() => undefined);
  else importer().terminate(CANCELLED);
  hubActive = false;
  set({ importState: { phase: 'idle', notice: `${CANCELLED} The profiles on screen are unchanged.` } });
}

/** Back to the first step (closing the dialog, or "import another file"). */
export function resetImport(): void {
  if (get().importState.phase === 'reading' || get().importState.phase === 'building') {
    cancelImport();
    return;
  }
  set({ importState: { phase: 'idle', notice: null } });
}

export function setImportMapping(patch: Partial<ColumnMapping>): void {
  const s = get().importState;
  if (s.phase !== 'mapping') return;
  set({ importState: { ...s, mapping: { ...s.mapping, ...patch }, error: null } });
}

/** Profiles to search, or labelled job descriptions for the current dataset. */
export function setImportKind(kind: ImportKind): void {
  const s = get().importState;
  if (s.phase === 'mapping') set({ importState: { ...s, kind, error: null } });
}

export function setImportName(name: string): void {
  const s = get().importState;
  if (s.phase === 'mapping') set({ importState: { ...s, name } });
}

/** Builds the profiles under the mapping, keeps the dataset and switches to it. */
export async function confirmImport(): Promise<void> {
  const s = get().importState;
  if (s.phase !== 'mapping') return;
  const seq = ++importSeq;
  set({ importState: { ...s, phase: 'building' } });
  let built;
  try {
    // rows read so far (an embeddings file reports per row group), each whole percent
    let lastPercent = -1;
    built = await importer().build(s.mapping, s.kind, s.kind === 'profiles' ? vectorChoice(s.parsed, s.mapping) : null, (done, total) => {
      const percent = Math.floor((100 * done) / Math.max(1, total));
      if (seq !== importSeq || percent === lastPercent) return;
      lastPercent = percent;
      set({ importState: { ...s, phase: 'building', built: { done, total } } });
    });
  } catch (err) {
    if (seq === importSeq) set({ importState: { ...s, phase: 'mapping', error: errorMessage(err) } });
    return;
  }
  if (seq !== importSeq) return;
  const { columns } = s.parsed;
  if (s.kind === 'jobs') {
    if (built.jobs.length === 0) {
      set({ importState: { phase: 'error', fileName: s.fileName, message: `No job description could be imported: all ${built.skipped.length.toLocaleString('en-US')} rows were skipped (the reasons are listed below). Nothing changed.`, columns, skipped: built.skipped } });
      return;
    }
    const saveError = await setDatasetJobs(built.jobs);
    set({ importState: { phase: 'done', kind: 'jobs', name: s.fileName, imported: built.jobs.length, columns, skipped: built.skipped, notices: s.parsed.notices, saveError } });
    return;
  }
  if (built.profiles.length === 0) {
    set({
      importState: {
        phase: 'error',
        fileName: s.fileName,
        message: `No row could be imported: all ${built.skipped.length.toLocaleString('en-US')} were skipped (the reasons are listed below). The profiles on screen are unchanged.`,
        columns,
        skipped: built.skipped,
      },
    });
    return;
  }
  const id = `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const meta = {
    id,
    name: s.name.trim() || baseName(s.fileName),
    fileName: s.fileName,
    rows: built.profiles.length,
    labelled: built.profiles.filter((p) => p.label.role !== UNLABELLED).length,
    approxBytes: approxProfileBytes(built.profiles),
    createdAt: Date.now(),
  };
  const v = built.vectors;
  const modelId = s.mapping.vectorModel;
  const vectors = v && modelId ? { modelId, encoding: v.encoding, dims: v.dims, rescaled: v.rescaled } : null;
  const fileVectors = vectors && v ? { ...vectors, matrix: v.matrix, ...(v.int8 ? { int8: v.int8 } : {}) } : null;
  const saveError = await addDataset(vectors ? { ...meta, vectors } : meta, built.profiles, fileVectors);
  set({
    importState: {
      phase: 'done',
      kind: 'profiles',
      name: meta.name,
      imported: meta.rows,
      columns,
      skipped: built.skipped,
      notices: s.parsed.notices,
      saveError,
      vectorsFrom: vectors ? (findModel(vectors.modelId)?.label ?? vectors.modelId) : null,
    },
  });
  // the profiles just built, not a second copy read back from IndexedDB
  await selectDataset(id, { profiles: built.profiles, vectors: fileVectors });
}
