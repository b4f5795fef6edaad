/**
 * Runs a catalogue model in Node with the same transformers.js pipeline the browser
 * worker uses (onnxruntime-node instead of onnxruntime-web). Bundled models load from
 * public/models with remote loading off, so this works offline.
 */
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { lengthSortedBatches } from '../../src/core/batches';
import { zeroNonFiniteRows, type EmbeddingMatrix } from '../../src/core/vectors';
import { withPrefix, type DType, type ModelEntry, type TextKind } from '../../src/embedding/catalogue';
import { embedBatches } from '../../src/embedding/embedBatches';

export const MODELS_DIR = path.resolve('public/models');

export class NodeEmbedder {
  private constructor(
    readonly model: ModelEntry,
    private readonly extractor: FeatureExtractionPipeline,
  ) {}

  /** `localModels`: a folder in the Hub's layout to load Hub models from instead of downloading. */
  static async load(model: ModelEntry, options: { dtype?: DType; localModels?: string } = {}): Promise<NodeEmbedder> {
    env.localModelPath = (options.localModels && model.source === 'hub' ? path.resolve(options.localModels) : MODELS_DIR) + '/';
    env.allowLocalModels = true;
    env.allowRemoteModels = model.source === 'hub' && !options.localModels;
    const extractor = (await pipeline('feature-extraction', model.id, { dtype: options.dtype ?? model.defaultDtype })) as FeatureExtractionPipeline;
    return new NodeEmbedder(model, extractor);
  }

  /**
   * Documents embedded exactly as the app's embedding worker does (embedBatches: the
   * document prefix, the model's token limit, its pooling, unit length); `batch` texts per call.
   */
  async embedDocumentsLikeApp(texts: readonly string[], batch: number): Promise<EmbeddingMatrix> {
    const prefixed = texts.map((t) => withPrefix(this.model, 'document', t));
    const out = await embedBatches(this.extractor, prefixed, { pooling: this.model.pooling, maxTexts: batch, maxBatchTokens: batch * 512, maxTokens: this.model.maxTokens });
    return { vectors: out.vectors, dim: out.dim };
  }

  async embed(texts: readonly string[], kind: TextKind, batchSize = 64): Promise<EmbeddingMatrix> {
    const prefixed = texts.map((t) => withPrefix(this.model, kind, t));
    let vectors = new Float32Array(0);
    let dim = 0;
    for (const batch of lengthSortedBatches(prefixed.map((t) => t.length), batchSize)) {
      const out = await this.extractor(batch.map((i) => prefixed[i]), { pooling: this.model.pooling, normalize: true });
      const data = out.data as Float32Array;
      if (dim === 0) {
        dim = data.length / batch.length;
        vectors = new Float32Array(texts.length * dim);
      }
      batch.forEach((textIndex, j) => vectors.set(data.subarray(j * dim, (j + 1) * dim), textIndex * dim));
    }
    zeroNonFiniteRows({ vectors, dim });
    return { vectors, dim };
  }
}
