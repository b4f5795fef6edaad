import { moveLabel, type Move } from '../../core/rerankOrder';
import type { BaseRanking } from '../../core/fusion';
import type { ResultRow } from '../../store/selectors';

/** The score as the list shows it: BM25 scores are unbounded, so one decimal; the others three. */
export function shownScore(score: number, ranking: BaseRanking): string {
  return score.toFixed(ranking === 'bm25' ? 1 : 3);
}

/**
 * What a screen reader says for one result, in the order the eye reads it, with words between
 * the numbers: "rank 1, score 0.814, Kofi Liu, Product Manager at Acme, true role Product
 * Manager, cluster 3" (not "10.814Kofi Liu...").
 */
export function resultLabel(row: ResultRow, ranking: BaseRanking, move?: Move): string {
  const { profile, rank, score, cluster, parts } = row;
  const bits = [`rank ${rank}`, `score ${shownScore(score, ranking)}`, profile.name, profile.headline];
  if (parts && ranking !== 'embedding') bits.push(`cosine ${Number.isNaN(parts.cosine) ? 'not available, not embedded yet' : parts.cosine.toFixed(3)}, BM25 ${parts.keyword === null ? 'not available' : parts.keyword.toFixed(1)}`);
  if (move) bits.push(`re-ranking: ${moveLabel(move)}`);
  bits.push(`true role ${profile.label.role}`);
  if (cluster >= 0) bits.push(`cluster C${cluster + 1}`);
  return bits.join(', ');
}
