/**
 * The app's keyword ranking: BM25 over words and adjacent word pairs, with the job
 * description's collaborator mentions left out of the query. Both choices were measured
 * on the tuning half of the bundled job descriptions (scripts/tune-fusion.ts prints the
 * ablation): pairs let "product manager" outscore "product marketing manager" for a PM
 * title, and the focus stops "partner with product marketing on launches" from pulling
 * Product Marketing Managers up.
 */
import { Bm25Index, type TermContribution } from './bm25';
import { focusQuery } from './queryFocus';

export interface KeywordRankingOptions {
  phrases: boolean;
  focus: boolean;
}

export const KEYWORD_RANKING: KeywordRankingOptions = { phrases: true, focus: true };

export class KeywordRanker {
  private readonly index: Bm25Index;

  constructor(
    docs: readonly string[],
    readonly options: KeywordRankingOptions = KEYWORD_RANKING,
  ) {
    this.index = new Bm25Index(docs, { phrases: options.phrases });
  }

  /** The query text BM25 actually scores. */
  queryText(query: string): string {
    return this.options.focus ? focusQuery(query) : query;
  }

  /** One BM25 score per document. */
  score(query: string): Float32Array {
    return this.index.score(this.queryText(query));
  }

  /** What each term of the (focused) query added to one document's score, largest first. */
  explain(query: string, docIndex: number): TermContribution[] {
    return this.index.explain(this.queryText(query), docIndex);
  }
}
