import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, DTYPES, customModel, findModel, withPrefix, type DType, type ModelEntry } from '../../src/embedding/catalogue';
import { HUB_MODELS } from '../../src/embedding/models';
import { SHAPE } from '../../scripts/build-bench-model';

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

/** One fact about a Hub model and the fragment of a stored public page it was read from (see the fixture's README). */
interface CardFact {
  model: string;
  field: 'dims' | 'maxTokens' | 'paramsM' | 'pooling' | 'queryPrefix' | 'documentPrefix' | 'licence';
  value: string | number;
  quote: string;
  source: string;
}

const FIXTURES = '../fixtures/model-cards/';
const readFixture = <T,>(name: string): T => JSON.parse(readFileSync(fileURLToPath(new URL(FIXTURES + name, import.meta.url)), 'utf8')) as T;
const CARD_FACTS = readFixture<{ facts: CardFact[] }>('cards.json').facts;
const MINILM_CONFIG = readFixture<Record<string, unknown>>('Xenova__all-MiniLM-L6-v2.config.json');

/** Lower case without spaces or hyphens: "Apache 2.0", "apache-2.0" and "Apache-2.0" compare equal. */
const squash = (s: string) => s.toLowerCase().replace(/[\s-]/g, '');

/** Whether the quoted source text carries the fact's value, so a fixture cannot drift from its source. */
function quoteCarries(fact: CardFact): boolean {
  const { field, value, quote } = fact;
  if (typeof value === 'number') return new RegExp(`(^|[^\\d.])${String(value).replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(quote);
  if (field === 'pooling') return value === 'mean' ? /mean|average|avg/i.test(quote) : /\bcls\b/i.test(quote);
  if (field === 'licence') return squash(quote).includes(squash(value));
  return quote.includes(value); // a prefix, trailing space included ('' is backed by the quote's evidence of none)
}

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
});

describe('catalogue against the model cards (test/fixtures/model-cards)', () => {
  const byId = new Map(HUB_MODELS.map((m) => [m.id, m]));

  it('has fixtures that name catalogue models, each with a source and a quote that carries its value', () => {
    expect(CARD_FACTS.length).toBeGreaterThan(30);
    for (const fact of CARD_FACTS) {
      const where = `${fact.model} ${fact.field}`;
      expect(byId.has(fact.model), `${where}: not in the catalogue`).toBe(true);
      expect(fact.source.trim(), where).not.toBe('');
      expect(quoteCarries(fact), `${where}: "${fact.quote}" does not say ${JSON.stringify(fact.value)}`).toBe(true);
    }
  });

  it('backs every hub model with at least one fact, and dims for all but one', () => {
    const covered = (field: CardFact['field']) => new Set(CARD_FACTS.filter((f) => f.field === field).map((f) => f.model));
    for (const m of HUB_MODELS) expect(CARD_FACTS.some((f) => f.model === m.id), m.id).toBe(true);
    // snowflake-arctic-embed-m-v1.5: no stored copy gave its dims (see the fixture README)
    expect(HUB_MODELS.filter((m) => !covered('dims').has(m.id)).map((m) => m.id)).toEqual(['Snowflake/snowflake-arctic-embed-m-v1.5']);
  });

  it('agrees with every fact the cards give', () => {
    for (const fact of CARD_FACTS) {
      const model = byId.get(fact.model)!;
      expect(model[fact.field], `${fact.model} ${fact.field} (card: ${fact.source})`).toBe(fact.value);
    }
  });

  it('puts the card prefixes on queries and documents', () => {
    for (const fact of CARD_FACTS.filter((f) => f.field === 'queryPrefix' || f.field === 'documentPrefix')) {
      const model = byId.get(fact.model)!;
      const kind = fact.field === 'queryPrefix' ? 'query' : 'document';
      expect(withPrefix(model, kind, 'x'), `${fact.model} ${kind}`).toBe(`${fact.value}x`);
    }
  });

  it("records all-MiniLM-L6-v2's dims from its config.json", () => {
    expect(byId.get('Xenova/all-MiniLM-L6-v2')?.dims).toBe(MINILM_CONFIG.hidden_size);
  });

  it('benchmarks with a stand-in shaped like all-MiniLM-L6-v2 (scripts/build-bench-model.ts)', () => {
    expect({
      layers: SHAPE.layers,
      hidden: SHAPE.hidden,
      heads: SHAPE.heads,
      ffn: SHAPE.ffn,
      maxPositions: SHAPE.maxPositions,
      typeVocab: SHAPE.typeVocab,
    }).toEqual({
      layers: MINILM_CONFIG.num_hidden_layers,
      hidden: MINILM_CONFIG.hidden_size,
      heads: MINILM_CONFIG.num_attention_heads,
      ffn: MINILM_CONFIG.intermediate_size,
      maxPositions: MINILM_CONFIG.max_position_embeddings,
      typeVocab: MINILM_CONFIG.type_vocab_size,
    });
  });
});

describe('customModel (shared by the app and npm run eval)', () => {
  it('describes an unknown Hub id with every dtype, mean pooling, no prefixes and unknown dims', () => {
    const m = customModel('some-org/some-model');
    expect(findModel(m.id)).toBeUndefined();
    expect(m.source).toBe('hub');
    expect(Object.keys(m.dtypes).sort()).toEqual([...DTYPES].sort());
    expect([m.pooling, m.queryPrefix, m.documentPrefix, m.dims]).toEqual(['mean', '', '', 0]);
    expect(m.url).toBe('https://huggingface.co/some-org/some-model');
  });
});
