/**
 * The dataset on screen with its embeddings, as a Parquet file in the app's layout
 * (src/data/embeddingsParquet.ts), so it loads back without embedding anything.
 */
import { writeEmbeddingsParquet } from '../data/embeddingsParquet';
import { profileToText } from '../data/profileText';
import { UNLABELLED } from '../data/schema';
import { useAppStore, type AppState } from './appStore';
import { BUNDLED_DATASET_ID } from './datasetSlice';
import { resolveModel } from './modelActions';

/** Why the dataset cannot be exported with embeddings now, or null when it can. */
export function datasetExportBlocker(s: Pick<AppState, 'profileEmbeddings' | 'profiles' | 'embeddingStatus'>): string | null {
  const e = s.profileEmbeddings;
  if (!e || s.embeddingStatus !== 'ready') return 'The profiles are not embedded yet.';
  if (e.matrix.vectors.length !== s.profiles.length * e.matrix.dim) return 'The embeddings on screen do not match the profiles.';
  if (resolveModel(e.modelId).source === 'api') return 'Vectors from an API model are not exported: the file would need that endpoint to search again.';
  return null;
}

/** "bundled-glove-sif-100d.parquet": the dataset's name and the model's, safe as a file name. */
function fileNameFor(s: AppState, modelId: string): string {
  const dataset = s.datasetId === BUNDLED_DATASET_ID ? 'bundled' : (s.datasets.find((d) => d.id === s.datasetId)?.name ?? 'dataset');
  const safe = (x: string) => x.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';
  return `${safe(dataset)}-${safe(modelId.slice(modelId.lastIndexOf('/') + 1))}.parquet`;
}

/** Writes the file, reporting rows written; the vectors are the ones on screen (unit length). */
export async function datasetWithEmbeddings(onProgress?: (done: number, total: number) => void): Promise<{ blob: Blob; fileName: string }> {
  const s = useAppStore.getState();
  const blocker = datasetExportBlocker(s);
  if (blocker) throw new Error(blocker);
  const e = s.profileEmbeddings!;
  const model = resolveModel(e.modelId);
  const rows = s.profiles.map((p) => ({ id: p.id, name: p.name, headline: p.headline, text: profileToText(p), label: p.label.role === UNLABELLED ? '' : p.label.role }));
  const bytes = await writeEmbeddingsParquet({ rows, vectors: e.matrix.vectors, dims: e.matrix.dim, modelId: model.id, dtype: e.dtype, prefix: model.documentPrefix }, onProgress);
  return { blob: new Blob([bytes!], { type: 'application/vnd.apache.parquet' }), fileName: fileNameFor(s, model.id) };
}
