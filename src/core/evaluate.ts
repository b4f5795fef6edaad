import { mean, ndcgAt, precisionAt } from './metrics';
import { topK } from './topK';

/** A labelled query: which labels are relevant and how much (2 = the target, 1 = related). */
export interface Judgement {
  id: string;
  relevant: Readonly<Record<string, number>>;
}

export interface QueryScore {
  id: string;
  ndcg10: number;
  /** Share of the top 10 with exactly the target label (grade 2). */
  precision10: number;
  /** Share of the top 10 with the target or a related label (grade >= 1). */
  precision10Related: number;
}

export interface RunScore {
  ndcg10: number;
  precision10: number;
  precision10Related: number;
  queries: QueryScore[];
}

/** Scores one ranking (one score per candidate) against the candidates' labels. */
export function evaluateQuery(scores: ArrayLike<number>, labels: readonly string[], judgement: Judgement): QueryScore {
  if (scores.length !== labels.length) throw new Error(`${scores.length} scores for ${labels.length} labelled candidates`);
  const grade = (label: string) => judgement.relevant[label] ?? 0;
  const all = labels.map(grade);
  const ranked = topK(scores, 10).map((i) => all[i]);
  return {
    id: judgement.id,
    ndcg10: ndcgAt(ranked, all, 10),
    precision10: precisionAt(ranked, 10, 2),
    precision10Related: precisionAt(ranked, 10, 1),
  };
}

export function evaluateRun(scoresPerQuery: readonly ArrayLike<number>[], labels: readonly string[], judgements: readonly Judgement[]): RunScore {
  const queries = judgements.map((j, i) => evaluateQuery(scoresPerQuery[i], labels, j));
  return {
    ndcg10: mean(queries.map((q) => q.ndcg10)),
    precision10: mean(queries.map((q) => q.precision10)),
    precision10Related: mean(queries.map((q) => q.precision10Related)),
    queries,
  };
}
