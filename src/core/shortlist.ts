/**
 * The ranked shortlist as a file: exactly the rows the results list shows, in its order,
 * with what each score means, so a shortlist read later (or by someone else) says how it
 * was made. Pure: the store gathers the inputs (src/store/shortlistSelectors.ts).
 */
import { toCsv } from './csv';
import type { BaseRanking } from './fusion';

export type ShortlistRanking = BaseRanking | 'reranked';

export interface ShortlistInputRow {
  /** The first-stage score (cosine, BM25 or hybrid), what the list shows. */
  score: number;
  /** The cross-encoder's score when the list is re-ranked and this row was re-scored. */
  rerankScore: number | null;
  cosine: number | null;
  bm25: number | null;
  /** 0-based cluster, or -1 before clustering. */
  cluster: number;
  id: string;
  name: string;
  headline: string;
}

export interface ShortlistContext {
  /** The first-stage ranking the list is in. */
  ranking: BaseRanking;
  /** The embedding's share in the hybrid, 0..1. */
  fusionWeight: number;
  /** Set when the shown order is the cross-encoder's. */
  reranker: { id: string; dtype: string; topN: number } | null;
  model: string;
  dtype: string | null;
  device: string | null;
  jobDescription: string;
  /** When the shortlist was exported, ISO 8601. */
  date: string;
  /** Words for the cluster filter in force, e.g. "all profiles". */
  clusterFilter: string;
  /** The must-have / excluded terms in force, e.g. "must have: sql". */
  termRules: string[];
  profilesTotal: number;
}

export type ShortlistRow = {
  rank: number;
  /** What the position is ordered by: the re-ranker's score for a re-scored row, else the first-stage score. */
  score: number;
  ranking: ShortlistRanking;
  score_meaning: string;
  fusion_weight: number | null;
  first_stage_score: number | null;
  cosine: number | null;
  bm25: number | null;
  id: string;
  name: string;
  headline: string;
  /** 1-based, as the list shows it ("C3"); null before clustering. */
  cluster: number | null;
  model: string;
  dtype: string | null;
  device: string | null;
  job_description: string;
  date: string;
};

export const SHORTLIST_COLUMNS: readonly (keyof ShortlistRow)[] = [
  'rank',
  'score',
  'ranking',
  'score_meaning',
  'fusion_weight',
  'first_stage_score',
  'cosine',
  'bm25',
  'id',
  'name',
  'headline',
  'cluster',
  'model',
  'dtype',
  'device',
  'job_description',
  'date',
];

/** The first-stage score in words, e.g. "hybrid: 40% z-scored cosine + 60% z-scored BM25". */
export function firstStageMeaning(ranking: BaseRanking, weight: number): string {
  if (ranking === 'embedding') return 'cosine similarity of the embeddings';
  if (ranking === 'bm25') return 'BM25 keyword score';
  const pct = Math.round(weight * 100);
  return `hybrid: ${pct}% z-scored cosine + ${100 - pct}% z-scored BM25 (0 = an average profile)`;
}

/** One row per shown result, rank 1 first. */
export function buildShortlist(rows: readonly ShortlistInputRow[], ctx: ShortlistContext): ShortlistRow[] {
  const first = firstStageMeaning(ctx.ranking, ctx.fusionWeight);
  const reranked = ctx.reranker ? `re-ranker ${ctx.reranker.id} (${ctx.reranker.dtype}) score, re-ranking the top ${ctx.reranker.topN} of the ${first}` : null;
  return rows.map((r, i) => {
    const rescored = reranked !== null && r.rerankScore !== null;
    return {
      rank: i + 1,
      score: rescored ? (r.rerankScore as number) : r.score,
      ranking: rescored ? 'reranked' : ctx.ranking,
      score_meaning: rescored ? reranked : reranked ? `${first} (below the re-ranked top ${ctx.reranker?.topN}, kept in first-stage order)` : first,
      fusion_weight: ctx.ranking === 'hybrid' ? ctx.fusionWeight : null,
      first_stage_score: rescored ? r.score : null,
      cosine: r.cosine,
      bm25: r.bm25,
      id: r.id,
      name: r.name,
      headline: r.headline,
      cluster: r.cluster >= 0 ? r.cluster + 1 : null,
      model: ctx.model,
      dtype: ctx.dtype,
      device: ctx.device,
      job_description: ctx.jobDescription,
      date: ctx.date,
    };
  });
}

/**
 * The CSV file. A byte-order mark leads it so spreadsheets read names with accents as UTF-8;
 * every text cell is formula-neutralised (see csv.ts).
 */
export function shortlistCsv(rows: readonly ShortlistRow[]): string {
  return '\uFEFF' + toCsv(SHORTLIST_COLUMNS, rows);
}

/** The JSON file: how the list was made once at the top, then the same rows as the CSV (text as is). */
export function shortlistJson(rows: readonly ShortlistRow[], ctx: ShortlistContext): string {
  const { jobDescription, date, ...how } = ctx;
  return JSON.stringify({ exportedAt: date, jobDescription, ...how, rows }, null, 2);
}

/** A file name that sorts by time and is safe on every system, e.g. "shortlist-2025-01-31-1405". */
export function shortlistFileName(date: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(date);
  return m ? `shortlist-${m[1]}-${m[2]}${m[3]}` : 'shortlist';
}
