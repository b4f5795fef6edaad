/**
 * The import dialog's steps: parse a file or pasted text in the import worker (progress,
 * cancel), let the user adjust the guessed mapping, then build the profiles, keep the
 * dataset and switch to it. Nothing on screen changes until the last step succeeds.
 */
import { errorMessage } from '../core/assert';
import type { ColumnMapping, ImportKind } from '../data/import/mapping';
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
    set({ importState: { phase: 'mapping', fileName, parsed, mapping: parsed.guess, kind: 'profiles', name: baseName(fileName), error: null } });
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
    built = await importer().build(s.mapping, s.kind);
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
  const saveError = await addDataset(meta, built.profiles);
  set({ importState: { phase: 'done', kind: 'profiles', name: meta.name, imported: meta.rows, columns, skipped: built.skipped, notices: s.parsed.notices, saveError } });
  await selectDataset(id);
}
