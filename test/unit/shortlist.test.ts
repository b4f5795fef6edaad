import { describe, expect, it } from 'vitest';
import { buildShortlist, firstStageMeaning, SHORTLIST_COLUMNS, shortlistCsv, shortlistFileName, shortlistJson, type ShortlistContext, type ShortlistInputRow } from '../../src/core/shortlist';

const ctx: ShortlistContext = {
  ranking: 'hybrid',
  fusionWeight: 0.4,
  reranker: null,
  model: 'bundled/glove-sif',
  dtype: 'q8',
  device: 'wasm',
  jobDescription: 'Senior PM, "payments"\nOwn the roadmap.',
  date: '2025-03-04T09:07:00.000Z',
  clusterFilter: 'all profiles',
  termRules: [],
  profilesTotal: 2400,
};

const rows: ShortlistInputRow[] = [
  { score: 1.8, rerankScore: null, cosine: 0.71, bm25: 12.5, cluster: 2, id: 'p1', name: '=HYPERLINK("http://evil","x")', headline: 'Product Manager, payments' },
  { score: -0.2, rerankScore: null, cosine: 0.4, bm25: null, cluster: -1, id: 'p2', name: 'Ana', headline: '@handle' },
];

describe('buildShortlist', () => {
  it('numbers the rows and says what the hybrid score is', () => {
    const out = buildShortlist(rows, ctx);
    expect(out.map((r) => r.rank)).toEqual([1, 2]);
    expect(out[0]).toMatchObject({ score: 1.8, ranking: 'hybrid', fusion_weight: 0.4, first_stage_score: null, cosine: 0.71, bm25: 12.5, cluster: 3, model: 'bundled/glove-sif', dtype: 'q8', device: 'wasm' });
    expect(out[0].score_meaning).toBe(firstStageMeaning('hybrid', 0.4));
    expect(out[0].score_meaning).toMatch(/40% z-scored cosine \+ 60% z-scored BM25/);
    // unknown cluster and missing BM25 stay missing, never 0
    expect(out[1]).toMatchObject({ cluster: null, bm25: null });
  });

  it('has no fusion weight for a single ranking', () => {
    const out = buildShortlist(rows, { ...ctx, ranking: 'embedding' });
    expect(out[0]).toMatchObject({ ranking: 'embedding', fusion_weight: null, score_meaning: 'cosine similarity of the embeddings' });
  });

  it("orders re-ranked rows by the re-ranker's score and keeps the first-stage score beside it", () => {
    const reranked = buildShortlist([{ ...rows[1], rerankScore: 0.93 }, { ...rows[0], rerankScore: null }], { ...ctx, reranker: { id: 'Xenova/ms-marco-MiniLM-L-6-v2', dtype: 'q8', topN: 1 } });
    expect(reranked[0]).toMatchObject({ score: 0.93, ranking: 'reranked', first_stage_score: -0.2, fusion_weight: 0.4 });
    expect(reranked[0].score_meaning).toMatch(/re-ranker Xenova\/ms-marco-MiniLM-L-6-v2 \(q8\) score, re-ranking the top 1 of the hybrid/);
    // below the re-ranked top N: the first-stage score, said so
    expect(reranked[1]).toMatchObject({ score: 1.8, ranking: 'hybrid', first_stage_score: null });
    expect(reranked[1].score_meaning).toMatch(/below the re-ranked top 1/);
  });
});

describe('shortlistCsv', () => {
  it('writes every column with a BOM, neutralises formulas and keeps the full job description', () => {
    const csv = shortlistCsv(buildShortlist(rows, ctx));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header] = csv.slice(1).split('\n');
    expect(header.split(',')).toEqual(SHORTLIST_COLUMNS);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).toContain(",'@handle,");
    expect(csv).toContain('"Senior PM, ""payments""\nOwn the roadmap."');
    // a negative hybrid score is a number, not text
    expect(csv).toContain('\n2,-0.2,hybrid,');
  });
});

describe('shortlistJson', () => {
  it('puts how the list was made at the top and the rows, text unchanged, below', () => {
    const parsed = JSON.parse(shortlistJson(buildShortlist(rows, ctx), ctx));
    expect(parsed).toMatchObject({ exportedAt: ctx.date, jobDescription: ctx.jobDescription, ranking: 'hybrid', fusionWeight: 0.4, model: 'bundled/glove-sif', profilesTotal: 2400 });
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0].name).toBe(rows[0].name);
  });
});

describe('shortlistFileName', () => {
  it('names the file by the export time', () => {
    expect(shortlistFileName('2025-03-04T09:07:00.000Z')).toBe('shortlist-2025-03-04-0907');
    expect(shortlistFileName('not a date')).toBe('shortlist');
  });
});
