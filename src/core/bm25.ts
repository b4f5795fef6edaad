/**
 * Okapi BM25 keyword ranking: the baseline the semantic model has to beat. Written here
 * rather than pulled in because it is a few lines over our own tokenizer, and scoring
 * must return one Float32Array per query like the embedding search does.
 */

const STOPWORDS = new Set(
  ('a an and are as at be but by for from has have in into is it its of on or our that the their ' +
    'they this to was we were will with you your who what which while not can all also more')
    .split(' '),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]/g) ?? []).filter(
    (t) => !STOPWORDS.has(t),
  );
}

export interface Bm25Options {
  k1: number;
  b: number;
  /** Also index adjacent word pairs ("product manager"), so a title's words in order outscore the same words scattered. */
  phrases: boolean;
}

/** The terms BM25 counts: the words, and with `phrases` also each adjacent pair of words (stop words dropped first). */
export function bm25Terms(text: string, phrases: boolean): string[] {
  const words = tokenize(text);
  if (!phrases) return words;
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return words.concat(pairs);
}

export interface TermContribution {
  /** A word as `tokenize` produced it (lower case), or with `phrases` a pair of them joined by a space. */
  term: string;
  /** How often the document contains it. */
  count: number;
  /** Its part of the document's BM25 score. */
  contribution: number;
}

export class Bm25Index {
  private readonly termFreqs: Map<string, number>[];
  private readonly docLengths: Float32Array;
  private readonly docFreq = new Map<string, number>();
  /** term -> [doc index, term frequency, doc index, term frequency, ...]: only matching docs are visited */
  private readonly postings = new Map<string, number[]>();
  private readonly avgLength: number;
  private readonly options: Bm25Options;

  constructor(docs: readonly string[], options: Partial<Bm25Options> = {}) {
    this.options = { k1: 1.2, b: 0.75, phrases: false, ...options };
    this.termFreqs = docs.map((d) => {
      const tf = new Map<string, number>();
      for (const t of bm25Terms(d, this.options.phrases)) tf.set(t, (tf.get(t) ?? 0) + 1);
      return tf;
    });
    this.docLengths = new Float32Array(docs.length);
    let total = 0;
    this.termFreqs.forEach((tf, i) => {
      let len = 0;
      for (const [term, c] of tf) {
        len += c;
        this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push(i, c);
      }
      this.docLengths[i] = len;
      total += len;
    });
    this.avgLength = docs.length ? total / docs.length : 0;
  }

  /** Inverse document frequency with the +1 that keeps it positive for common terms. */
  idf(term: string): number {
    const n = this.termFreqs.length;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** One term's share of a document's score, as `score` adds it up (the unit test holds the two together). */
  private termScore(idf: number, f: number, docIndex: number): number {
    const { k1, b } = this.options;
    const norm = k1 * (1 - b + (b * this.docLengths[docIndex]) / (this.avgLength || 1));
    return (idf * f * (k1 + 1)) / (f + norm);
  }

  /**
   * What each query term added to one document's score, largest first; only terms the
   * document contains. The contributions sum to `score(query)[docIndex]` (up to float32 rounding).
   */
  explain(query: string, docIndex: number): TermContribution[] {
    const tf = this.termFreqs[docIndex];
    if (!tf) throw new RangeError(`bm25 explain: no document ${docIndex} (the index holds ${this.termFreqs.length})`);
    const out: TermContribution[] = [];
    for (const term of new Set(bm25Terms(query, this.options.phrases))) {
      const f = tf.get(term);
      if (!f) continue;
      out.push({ term, count: f, contribution: this.termScore(this.idf(term), f, docIndex) });
    }
    return out.sort((x, y) => y.contribution - x.contribution || (x.term < y.term ? -1 : 1));
  }

  score(query: string): Float32Array {
    const { k1, b } = this.options;
    const out = new Float32Array(this.termFreqs.length);
    const terms = [...new Set(bm25Terms(query, this.options.phrases))];
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (let p = 0; p < list.length; p += 2) {
        const i = list[p];
        const f = list[p + 1];
        const norm = k1 * (1 - b + (b * this.docLengths[i]) / (this.avgLength || 1));
        out[i] += (idf * f * (k1 + 1)) / (f + norm);
      }
    }
    return out;
  }
}
