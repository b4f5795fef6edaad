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
  /** word -> term id; a word pair's id is found by its two word ids in `pairIds`. */
  private readonly wordIds = new Map<string, number>();
  private readonly pairIds = new Map<number, number>();
  /** term id -> the word, or the two words joined by a space (what explain reports). */
  private readonly termText: string[] = [];
  private readonly docFreq: number[] = [];
  /**
   * term id -> [doc index, term frequency, doc index, term frequency, ...] in doc order: only
   * matching docs are visited when scoring, and explain finds a doc by binary search.
   */
  private readonly postings: number[][] = [];
  private readonly docLengths: Float32Array;
  private readonly avgLength: number;
  private readonly options: Bm25Options;

  constructor(docs: readonly string[], options: Partial<Bm25Options> = {}) {
    this.options = { k1: 1.2, b: 0.75, phrases: false, ...options };
    this.docLengths = new Float32Array(docs.length);
    // one pass, no per-document map: a term's postings end with this document's entry once it was seen here
    const lastDoc: number[] = [];
    let total = 0;
    docs.forEach((doc, i) => {
      const ids = this.termIds(doc, true);
      for (const id of ids) {
        if (lastDoc[id] === i) this.postings[id][this.postings[id].length - 1]++;
        else {
          lastDoc[id] = i;
          this.postings[id].push(i, 1);
          this.docFreq[id]++;
        }
      }
      this.docLengths[i] = ids.length;
      total += ids.length;
    });
    this.avgLength = docs.length ? total / docs.length : 0;
  }

  private newTerm(text: string): number {
    const id = this.termText.length;
    this.termText.push(text);
    this.postings.push([]);
    this.docFreq.push(0);
    return id;
  }

  /**
   * The term ids of a text, as bm25Terms lists its terms (words, then adjacent pairs with
   * `phrases`). Pairs are looked up by their word ids, so no pair string is built for a pair
   * already seen. Without `create`, unknown terms are left out.
   */
  private termIds(text: string, create: boolean): number[] {
    const words = tokenize(text);
    const wordIds = words.map((w) => {
      let id = this.wordIds.get(w);
      if (id === undefined && create) this.wordIds.set(w, (id = this.newTerm(w)));
      return id ?? -1;
    });
    const out = wordIds.filter((id) => id >= 0);
    if (!this.options.phrases) return out;
    for (let j = 1; j < wordIds.length; j++) {
      const a = wordIds[j - 1];
      const b = wordIds[j];
      if (a < 0 || b < 0) continue;
      // word ids stay far below 2^26, so the key is a safe integer and unique per ordered pair
      const key = a * 67_108_864 + b;
      let id = this.pairIds.get(key);
      if (id === undefined && create) this.pairIds.set(key, (id = this.newTerm(`${words[j - 1]} ${words[j]}`)));
      if (id !== undefined) out.push(id);
    }
    return out;
  }

  /** How many documents the index holds. */
  get size(): number {
    return this.docLengths.length;
  }

  /** Inverse document frequency with the +1 that keeps it positive for common terms. */
  private idfOf(df: number): number {
    const n = this.docLengths.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** How often a document contains a term (0 if never): binary search of the term's postings. */
  private frequency(id: number, docIndex: number): number {
    const list = this.postings[id];
    let lo = 0;
    let hi = list.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const doc = list[mid * 2];
      if (doc === docIndex) return list[mid * 2 + 1];
      if (doc < docIndex) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
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
    if (!(docIndex >= 0 && docIndex < this.size)) throw new RangeError(`bm25 explain: no document ${docIndex} (the index holds ${this.size})`);
    const out: TermContribution[] = [];
    for (const id of new Set(this.termIds(query, false))) {
      const f = this.frequency(id, docIndex);
      if (!f) continue;
      out.push({ term: this.termText[id], count: f, contribution: this.termScore(this.idfOf(this.docFreq[id]), f, docIndex) });
    }
    return out.sort((x, y) => y.contribution - x.contribution || (x.term < y.term ? -1 : 1));
  }

  score(query: string): Float32Array {
    const { k1, b } = this.options;
    const out = new Float32Array(this.size);
    for (const id of new Set(this.termIds(query, false))) {
      const list = this.postings[id];
      const idf = this.idfOf(this.docFreq[id]);
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
