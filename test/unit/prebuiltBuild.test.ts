// @vitest-environment node
/**
 * The prebuilt vectors `vite build` ships (scripts/lib/prebuilt.ts, the Vite plugin in
 * vite.config.ts) against a live run of the bundled model through transformers.js' own
 * pipeline call (NodeEmbedder, a different code path from the worker's loop the build uses):
 * the same vectors within float tolerance, the same top 10 for every bundled job description,
 * and keyed to the profiles and model revision on disk, so the shipped file is never stale.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashText } from '../../src/core/textHash';
import { decodeVectorFile, type VectorFile } from '../../src/core/vectorFile';
import { rankByCosine } from '../../src/core/search';
import type { EmbeddingMatrix } from '../../src/core/vectors';
import { BUNDLED_MODEL } from '../../src/embedding/catalogue';
import { bundledModelKey, bundledProfileTexts, prebuiltAsset } from '../../scripts/lib/prebuilt';
import { readBundledDataset } from '../../scripts/lib/bundledData';
import { NodeEmbedder } from '../../scripts/lib/nodeEmbedder';

let built: VectorFile;
let live: EmbeddingMatrix;
let embedder: NodeEmbedder;
const texts = bundledProfileTexts();

beforeAll(async () => {
  built = decodeVectorFile(readFileSync((await prebuiltAsset()).file).buffer);
  embedder = await NodeEmbedder.load(BUNDLED_MODEL);
  live = await embedder.embed(texts, 'document');
}, 300_000);

describe('prebuilt vectors of the bundled profiles', () => {
  it('are keyed to the model revision and to every current profile text, in order', () => {
    expect(built.modelKey).toBe(bundledModelKey());
    expect(built.modelKey).toBe(`glove-sif-100d@${BUNDLED_MODEL.revision}|q8|wasm|100`);
    expect(built.hashes).toEqual(texts.map(hashText));
    expect(built.dim).toBe(BUNDLED_MODEL.dims);
  });

  it('equal a live run within float tolerance', () => {
    expect(built.vectors.length).toBe(live.vectors.length);
    let worst = 0;
    for (let i = 0; i < live.vectors.length; i++) worst = Math.max(worst, Math.abs(built.vectors[i] - live.vectors[i]));
    expect(worst).toBeLessThan(1e-5);
  });

  it('rank the same top 10 as a live run for every bundled job description', async () => {
    const { jobs } = readBundledDataset();
    const queries = await embedder.embed(
      jobs.map((j) => j.text),
      'query',
    );
    const prebuiltMatrix = { vectors: built.vectors, dim: built.dim };
    for (let q = 0; q < jobs.length; q++) {
      const query = queries.vectors.subarray(q * queries.dim, (q + 1) * queries.dim);
      const ids = (m: EmbeddingMatrix) => rankByCosine(m, query, 10).map((h) => h.index);
      expect(ids(prebuiltMatrix), jobs[q].id).toEqual(ids(live));
    }
  });
});
