/**
 * Which vector index scores a search, and its scores. The hybrid and keyword rankings fuse
 * the cosine of EVERY profile with BM25, so they always get exact scores for every row (the
 * exact scan runs at about the speed of reading the matrix). Only the embedding-only ranking
 * can use an approximate index, and only above the size where `chooseIndex` stops picking
 * exact: then rows outside the index's shortlist get NaN ("not scored"), which every top-k
 * skips, and the shortlisted rows get their exact cosine.
 */
import { buildIndex, chooseIndex, type IndexKind, type Int8Codes, type VectorIndex } from '../core/vectorIndex';
import { rowCount, scoreAll, type EmbeddingMatrix } from '../core/vectors';
import { maskMissing } from '../core/progressive';

/** Built on first use per matrix; dropped with it. */
const built = new WeakMap<EmbeddingMatrix, VectorIndex>();
/** int8 codes that came with a matrix (an embeddings file's): its int8 index scans them instead of quantizing again. */
const givenCodes = new WeakMap<EmbeddingMatrix, Int8Codes>();

/** The embeddings file's own int8 codes (a scale per row) for this matrix's rows. */
export function attachInt8Codes(m: EmbeddingMatrix, codes: Int8Array, scales: Float32Array): void {
  givenCodes.set(m, { codes, scales, scale: 'vector', dim: m.dim });
}

export interface IndexedScores {
  scores: Float32Array;
  index: IndexKind;
}

/**
 * Cosine scores for a query: exact for every row when `everyRow` (hybrid, keywords) or when
 * the collection is small enough; else exact for the index's shortlist of at least `need`
 * rows, NaN elsewhere. `choose` is replaceable so tests can force an index on small data.
 * `has` (a progressive run's coverage) marks the profiles with a vector; the others score NaN.
 */
export function embeddingScoresFor(m: EmbeddingMatrix, query: Float32Array, everyRow: boolean, need: number, choose = chooseIndex, has?: Uint8Array | null): IndexedScores {
  const rows = rowCount(m);
  const kind = everyRow ? 'exact' : choose(rows, m.dim);
  // profiles not embedded yet (a progressive run) have zero rows: they score NaN, not 0
  if (kind === 'exact') return { scores: maskMissing(scoreAll(m, query), has ?? null), index: 'exact' };
  let index = built.get(m);
  if (!index || index.kind !== kind) {
    index = buildIndex(kind, m, { int8Codes: givenCodes.get(m) });
    built.set(m, index);
  }
  const scores = new Float32Array(rows).fill(Number.NaN);
  for (const hit of index.search(query, Math.max(need, index.shortlist))) scores[hit.index] = hit.score;
  return { scores: maskMissing(scores, has ?? null), index: kind };
}

/** What the results line says about how the profiles were searched. */
export function indexPhrase(kind: IndexKind | undefined): string {
  switch (kind) {
    case 'int8':
      return 'int8 index, shortlist rescored exactly';
    case 'binary':
      return 'binary index, shortlist rescored exactly';
    default:
      return 'exact search';
  }
}
