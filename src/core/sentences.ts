/**
 * "Why this match", the semantic half: a profile cut into sentences, each embedded on its
 * own, and the few closest to the job description shown. Pure, so the cutting and the
 * choosing are tested without a model.
 */
import { topK } from './topK';
import { isZero, row, scoreAll, type EmbeddingMatrix } from './vectors';

/** Shorter pieces ("Agile.", "Hi!") say nothing about fit and would crowd out real sentences. */
export const MIN_SENTENCE_WORDS = 3;

/**
 * Sentence ends: ., ! or ? then space and an upper-case letter or digit. A lower-case word
 * after a full stop ("e.g. the", "Node.js is") does not start a sentence.
 */
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9"'(])/;

/**
 * Splits profile fields (headline, summary, one per bullet, ...) into sentences: each field
 * is cut at sentence ends, whitespace is collapsed, pieces under MIN_SENTENCE_WORDS words
 * are dropped and repeats are kept once, in first-seen order.
 */
export function splitSentences(fields: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const field of fields) {
    for (const piece of field.split(/\n+/).flatMap((line) => line.split(SENTENCE_END))) {
      const sentence = piece.replace(/\s+/g, ' ').trim();
      if (sentence.split(' ').filter((w) => /[A-Za-z0-9]/.test(w)).length < MIN_SENTENCE_WORDS) continue;
      const key = sentence.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(sentence);
    }
  }
  return out;
}

export interface ScoredSentence {
  text: string;
  /** Cosine similarity to the query (vectors are unit length, so a dot product). */
  score: number;
}

/**
 * The n sentences whose vectors are closest to the query, best first (ties: the earlier
 * sentence). Row i of `vectors` belongs to `sentences[i]`. Only sentences with a positive
 * cosine count as close: a zero vector (a sentence the model knows no word of) or one
 * pointing away from the query explains nothing, so fewer than n can come back.
 */
export function closestSentences(sentences: readonly string[], vectors: EmbeddingMatrix, query: ArrayLike<number>, n: number): ScoredSentence[] {
  if (vectors.vectors.length !== sentences.length * vectors.dim) {
    throw new Error(`closestSentences: ${vectors.vectors.length / (vectors.dim || 1)} vectors for ${sentences.length} sentences`);
  }
  const scores = sentences.length ? scoreAll(vectors, query) : new Float32Array(0);
  for (let i = 0; i < scores.length; i++) if (!(scores[i] > 0) || isZero(row(vectors, i))) scores[i] = Number.NaN;
  return topK(scores, n).map((i) => ({ text: sentences[i], score: scores[i] }));
}
