import type { ProfileEmbeddings } from './embeddingSlice';

/** Names one set of profile embeddings, so clusters are never applied to other vectors. */
export function dataKeyOf(e: Pick<ProfileEmbeddings, 'modelId' | 'version'>): string {
  return `${e.modelId}#${e.version}`;
}
