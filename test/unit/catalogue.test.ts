import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, DTYPES, withPrefix, type DType, type ModelEntry } from '../../src/embedding/catalogue';
import { HUB_MODELS } from '../../src/embedding/models';

/**
 * The file transformers.js requests under onnx/ for each dtype: `model${suffix}.onnx`, with the
 * suffix from DEFAULT_DTYPE_SUFFIX_MAPPING in @huggingface/transformers/src/utils/dtypes.js.
 */
const EXPECTED_FILE: Record<DType, string> = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  q4: 'model_q4.onnx',
};

const RETRIEVAL_PROMPT = 'Represent this sentence for searching relevant passages: ';

/** Prefixes and pooling as the model cards give them; every hub model must be listed here. */
const FROM_CARDS: Record<string, { query: string; document: string; pooling: 'mean' | 'cls' }> = {
  'Xenova/all-MiniLM-L6-v2': { query: '', document: '', pooling: 'mean' },
  'Snowflake/snowflake-arctic-embed-xs': { query: RETRIEVAL_PROMPT, document: '', pooling: 'cls' },
  'mixedbread-ai/mxbai-embed-xsmall-v1': { query: '', document: '', pooling: 'mean' },
  'Supabase/gte-small': { query: '', document: '', pooling: 'mean' },
  'Xenova/bge-small-en-v1.5': { query: RETRIEVAL_PROMPT, document: '', pooling: 'cls' },
  'Xenova/e5-small-v2': { query: 'query: ', document: 'passage: ', pooling: 'mean' },
  'Snowflake/snowflake-arctic-embed-s': { query: RETRIEVAL_PROMPT, document: '', pooling: 'cls' },
  'Xenova/bge-base-en-v1.5': { query: RETRIEVAL_PROMPT, document: '', pooling: 'cls' },
  'Snowflake/snowflake-arctic-embed-m-v1.5': { query: RETRIEVAL_PROMPT, document: '', pooling: 'cls' },
  'nomic-ai/nomic-embed-text-v1.5': { query: 'search_query: ', document: 'search_document: ', pooling: 'mean' },
  'mixedbread-ai/mxbai-embed-large-v1': { query: RETRIEVAL_PROMPT, document: '', pooling: 'cls' },
};

function listedDtypes(model: ModelEntry): DType[] {
  return DTYPES.filter((d) => model.dtypes[d] !== undefined);
}

describe('dtype → file name convention', () => {
  it('matches the suffix mapping in the installed transformers.js source', () => {
    // The package's exports hide package.json, so walk up from its entry point.
    let pkgDir = dirname(createRequire(import.meta.url).resolve('@huggingface/transformers'));
    while (!existsSync(join(pkgDir, 'package.json'))) pkgDir = dirname(pkgDir);
    const source = readFileSync(join(pkgDir, 'src/utils/dtypes.js'), 'utf8');
    const block = /DEFAULT_DTYPE_SUFFIX_MAPPING\s*=\s*Object\.freeze\(\{([\s\S]*?)\}\)/.exec(source);
    expect(block, 'DEFAULT_DTYPE_SUFFIX_MAPPING not found in dtypes.js').not.toBeNull();
    const suffixes = new Map<string, string>();
    for (const m of block![1].matchAll(/\[DATA_TYPES\.(\w+)\]\s*:\s*'([^']*)'/g)) suffixes.set(m[1], m[2]);
    for (const d of DTYPES) {
      expect(suffixes.has(d), `no suffix for ${d}`).toBe(true);
      expect(`model${suffixes.get(d)}.onnx`).toBe(EXPECTED_FILE[d]);
    }
  });
});

describe('model catalogue', () => {
  it('offers at least eight hub models, all marked as hub models and all in the catalogue', () => {
    expect(HUB_MODELS.length).toBeGreaterThanOrEqual(8);
    for (const m of HUB_MODELS) {
      expect(m.source).toBe('hub');
      expect(CATALOGUE).toContain(m);
    }
  });

  it('has unique ids', () => {
    const ids = CATALOGUE.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists at least one dtype per model, and the default is one of them', () => {
    for (const m of CATALOGUE) {
      expect(listedDtypes(m).length, m.id).toBeGreaterThan(0);
      expect(m.dtypes[m.defaultDtype], `${m.id}: default ${m.defaultDtype} not listed`).toBeDefined();
    }
  });

  it('names each dtype file the way transformers.js requests it', () => {
    for (const m of CATALOGUE) {
      for (const d of listedDtypes(m)) {
        expect(m.dtypes[d]!.file, `${m.id} ${d}`).toBe(EXPECTED_FILE[d]);
      }
    }
  });

  it('gives every file a plausible positive size', () => {
    for (const m of CATALOGUE) {
      for (const d of listedDtypes(m)) {
        const size = m.dtypes[d]!.sizeMB;
        expect(Number.isFinite(size) && size > 0, `${m.id} ${d}: ${size}`).toBe(true);
      }
    }
  });

  it('has sizes consistent with the parameter count (fp32 ≈ 4 B, fp16 ≈ 2 B, q8 ≈ 1 B per parameter)', () => {
    for (const m of HUB_MODELS) {
      const { fp32, fp16, q8 } = m.dtypes;
      if (fp32) {
        const bytesPerParam = fp32.sizeMB / m.paramsM;
        expect(bytesPerParam, `${m.id} fp32 MB / paramsM`).toBeGreaterThan(3.6);
        expect(bytesPerParam, `${m.id} fp32 MB / paramsM`).toBeLessThan(4.4);
        if (fp16) expect(fp16.sizeMB / fp32.sizeMB, `${m.id} fp16/fp32`).toBeCloseTo(0.5, 1);
        if (q8) expect(q8.sizeMB / fp32.sizeMB, `${m.id} q8/fp32`).toBeCloseTo(0.25, 1);
      }
    }
  });

  it('has positive integer dims, token limits and parameter counts', () => {
    for (const m of CATALOGUE) {
      expect(Number.isInteger(m.dims) && m.dims > 0, `${m.id} dims`).toBe(true);
      expect(Number.isInteger(m.maxTokens) && m.maxTokens > 0, `${m.id} maxTokens`).toBe(true);
      expect(m.paramsM, `${m.id} paramsM`).toBeGreaterThan(0);
    }
  });

  it('links every model to an https page, hub models to their own Hub page', () => {
    for (const m of CATALOGUE) {
      expect(new URL(m.url).protocol, m.id).toBe('https:');
    }
    for (const m of HUB_MODELS) {
      expect(m.url).toBe(`https://huggingface.co/${m.id}`);
    }
  });

  it('has a licence, label and description for every model', () => {
    for (const m of CATALOGUE) {
      expect(m.licence.trim(), m.id).not.toBe('');
      expect(m.label.trim(), m.id).not.toBe('');
      expect(m.description.trim(), m.id).not.toBe('');
    }
  });

  it('has Matryoshka sizes, when present, that start at dims and strictly descend', () => {
    for (const m of CATALOGUE) {
      if (m.matryoshkaDims === undefined) continue;
      const sizes = m.matryoshkaDims;
      expect(sizes.length, m.id).toBeGreaterThan(1);
      expect(sizes[0], m.id).toBe(m.dims);
      for (let i = 1; i < sizes.length; i++) {
        expect(Number.isInteger(sizes[i]) && sizes[i] > 0, `${m.id} ${sizes[i]}`).toBe(true);
        expect(sizes[i], `${m.id} at ${i}`).toBeLessThan(sizes[i - 1]);
      }
    }
  });

  it('records the Matryoshka sizes the cards give for nomic v1.5 and arctic-embed-m v1.5', () => {
    const byId = new Map(CATALOGUE.map((m) => [m.id, m]));
    expect(byId.get('nomic-ai/nomic-embed-text-v1.5')?.matryoshkaDims).toEqual([768, 512, 256, 128, 64]);
    expect(byId.get('Snowflake/snowflake-arctic-embed-m-v1.5')?.matryoshkaDims).toEqual([768, 256]);
  });
});

describe('prefixes and pooling', () => {
  it('puts the query prefix before queries and the document prefix before documents', () => {
    const text = 'Senior Rust engineer, Berlin';
    for (const m of CATALOGUE) {
      expect(withPrefix(m, 'query', text), m.id).toBe(m.queryPrefix + text);
      expect(withPrefix(m, 'document', text), m.id).toBe(m.documentPrefix + text);
      expect(withPrefix(m, 'query', ''), m.id).toBe(m.queryPrefix);
      expect(withPrefix(m, 'document', ''), m.id).toBe(m.documentPrefix);
    }
  });

  it('ends every non-empty prefix with a space, as the cards write them', () => {
    for (const m of CATALOGUE) {
      for (const prefix of [m.queryPrefix, m.documentPrefix]) {
        if (prefix !== '') expect(prefix.endsWith(' ') && !prefix.endsWith('  '), `${m.id}: "${prefix}"`).toBe(true);
      }
    }
  });

  it('has an expectation from the model card for every hub model', () => {
    expect(Object.keys(FROM_CARDS).sort()).toEqual(HUB_MODELS.map((m) => m.id).sort());
  });

  it('uses exactly the prefixes the model cards give', () => {
    for (const m of HUB_MODELS) {
      const card = FROM_CARDS[m.id];
      expect(withPrefix(m, 'query', 'x'), m.id).toBe(`${card.query}x`);
      expect(withPrefix(m, 'document', 'x'), m.id).toBe(`${card.document}x`);
    }
  });

  it('uses the pooling the model cards give', () => {
    for (const m of HUB_MODELS) {
      expect(m.pooling, m.id).toBe(FROM_CARDS[m.id].pooling);
    }
  });
});
