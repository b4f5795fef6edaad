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
import type { ParseResult } from '../import/protocol';
import { ImportClient } from '../import/client';
import { approxProfileBytes } from '../import/datasetDb';
import { UNLABELLED } from '../data/schema';
import { useAppStore } from './appStore';
import { addDataset, selectDataset, setDatasetJobs } from './datasetActions';
import { getServices } from './services';

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
  const seq = ++importSeq;
  set({ importState: { phase: 'reading', fileName, progress: null } });
  let lastPercent = -1;
  try {
    const parsed = await importer().parse(source, fileName, (progress) => {
      // a 100 MB file sends thousands of chunks; the store hears about each whole percent
      const percent = Math.floor((100 * progress.done) / Math.max(1, progress.total));
      if (seq !== importSeq || percent === lastPercent) return;
      lastPercent = percent;
      set({ importState: { phase: 'reading', fileName, progress } });
    });
    if (seq !== importSeq) return;
    set({ importState: { phase: 'mapping', fileName, parsed, mapping: { ...parsed.guess, ...guessVectors(parsed) }, kind: 'profiles', name: baseName(fileName), error: null } });
  } catch (err) {
    if (seq !== importSeq) return;
    set({ importState: { phase: 'error', fileName, message: errorMessage(err), columns: [], skipped: [] } });
  }
}

/** Stops a parse at once (the worker is replaced); the profiles on screen are untouched. */
export function cancelImport(): void {
  importSeq++;
  importer().terminate(CANCELLED);
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
    built = await importer().build(s.mapping, s.kind, s.kind === 'profiles' ? vectorChoice(s.parsed, s.mapping) : null);
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
  const saveError = await addDataset(vectors ? { ...meta, vectors } : meta, built.profiles, vectors && v ? { ...vectors, matrix: v.matrix } : null);
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
  await selectDataset(id);
}
