/**
 * A cross-encoder re-ranker in Node for `npm run eval -- --reranker ID`: the same scoring code
 * as the app's re-ranking worker (src/embedding/crossEncoder.ts), loaded with onnxruntime-node.
 * Hub ids download from huggingface.co (network needed); `--local-models DIR` loads a folder in
 * the Hub's layout instead (the tests use the stand-in re-ranker in test/fixtures/hub).
 */
import path from 'node:path';
import { AutoModelForSequenceClassification, AutoTokenizer, env } from '@huggingface/transformers';
import { scorePairs, type CrossEncoder } from '../../src/embedding/crossEncoder';
export { rerankedScoreList as rerankedScores } from '../../src/core/rerankOrder';

/** Pairs are cut at 512 tokens, as in the app (src/embedding/loadSpec.ts). */
const MAX_TOKENS = 512;
const BATCH = { maxTexts: 8, maxTokens: 8192 };

export class NodeReranker {
  private constructor(
    readonly id: string,
    readonly dtype: string,
    private readonly encoder: CrossEncoder,
  ) {}

  static async load(id: string, dtype: 'fp32' | 'q8', localModels?: string): Promise<NodeReranker> {
    if (localModels) {
      env.localModelPath = path.resolve(localModels) + '/';
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
    } else {
      env.allowRemoteModels = true;
    }
    const [tokenizer, model] = await Promise.all([AutoTokenizer.from_pretrained(id), AutoModelForSequenceClassification.from_pretrained(id, { dtype })]);
    return new NodeReranker(id, dtype, { tokenizer, model });
  }

  /** One score per document (sigmoid of the cross-encoder's logit), in document order. */
  score(query: string, documents: readonly string[]): Promise<Float32Array> {
    return scorePairs(this.encoder, query, documents, MAX_TOKENS, BATCH);
  }
}
