/**
 * Real embeddings for the search benchmark and the index tests: the bundled model's vectors
 * of the bundled profiles (rows) and job descriptions (queries), a 384-d random projection
 * of them (derivedVectors.ts), and larger collections derived from them.
 */
import type { EmbeddingMatrix } from '../../src/core/vectors';
import { profileToText } from '../../src/data/profileText';
import { BUNDLED_MODEL } from '../../src/embedding/catalogue';
import { readBundledDataset } from './bundledData';
import { NodeEmbedder } from './nodeEmbedder';

export interface SearchData {
  profiles: EmbeddingMatrix;
  jobs: EmbeddingMatrix;
}

/** The bundled model's embeddings of the bundled profiles and job descriptions (100-d). */
export async function embedBundled(): Promise<SearchData> {
  const { profiles, jobs } = readBundledDataset();
  const embedder = await NodeEmbedder.load(BUNDLED_MODEL);
  return {
    profiles: await embedder.embed(profiles.map(profileToText), 'document', 16),
    jobs: await embedder.embed(jobs.map((j) => j.text), 'query', 16),
  };
}
