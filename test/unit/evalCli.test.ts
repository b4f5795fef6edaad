import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvalInputError, parseArgs, parseJsonl, parseProfiles, parseQueries, queryWarnings } from '../../scripts/lib/evalInput';

const TSX = path.resolve('node_modules/.bin/tsx');
const FIX = 'test/fixtures/eval';
const fixtureArgs = ['--profiles', `${FIX}/profiles.jsonl`, '--queries', `${FIX}/queries.jsonl`];

function runEval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['scripts/eval.ts', ...args], { timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

interface RunJson {
  model: string;
  ranking: string;
  default?: boolean;
  metrics: Record<string, unknown> & { perFamily: Record<string, Record<string, number>>; separation: Record<string, unknown>[]; clustering?: Record<string, number> };
  timing: Record<string, number>;
}

function expectUnit(x: unknown): void {
  expect(typeof x).toBe('number');
  expect(x as number).toBeGreaterThanOrEqual(0);
  expect(x as number).toBeLessThanOrEqual(1);
}

function checkRun(run: RunJson): void {
  for (const key of ['ndcg10', 'precision10', 'mrr', 'recall50']) expectUnit(run.metrics[key]);
  expect(Object.keys(run.metrics.perFamily).sort()).toEqual(['Finance', 'Marketing', 'Product']);
  for (const f of Object.values(run.metrics.perFamily)) for (const key of ['ndcg10', 'precision10', 'mrr', 'recall50']) expectUnit(f[key]);
  // one entry per direction, each over its own target role's queries
  const [pmToPmm, pmmToPm] = run.metrics.separation;
  expect(pmToPmm).toMatchObject({ target: 'Product Manager', twin: 'Product Marketing Manager' });
  expect(pmmToPm).toMatchObject({ target: 'Product Marketing Manager', twin: 'Product Manager' });
  expect((pmToPmm.queries as number) + (pmmToPm.queries as number)).toBe(2);
  for (const d of [pmToPmm, pmmToPm]) {
    expectUnit(d.auc);
    expectUnit(d.twinShareTop10);
  }
}

describe('npm run eval (child process)', () => {
  it('scores BM25 on the fixture as JSON', async () => {
    const { code, stdout } = await runEval([...fixtureArgs, '--model', 'bm25', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { profiles: number; queries: number; warnings: string[]; runs: RunJson[] };
    expect(out).toMatchObject({ profiles: 12, queries: 3, warnings: [] });
    expect(out.runs.map((r) => [r.model, r.ranking])).toEqual([['bm25', 'bm25']]);
    expect(out.runs[0].default).toBeUndefined();
    checkRun(out.runs[0]);
    expect(out.runs[0].metrics.clustering).toBeUndefined();
  });

  it('scores the bundled model on the fixture, with clustering', async () => {
    const { code, stdout } = await runEval([...fixtureArgs, '--model', 'glove-sif-100d', '--k', '3', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { runs: RunJson[]; split: string };
    // user files are reported whole: nothing was tuned on them
    expect(out.split).toBe('all');
    // a model is reported alone and fused with the keywords; the bundled model's hybrid is the app's default
    expect(out.runs.map((r) => [r.model, r.ranking, r.default ?? false])).toEqual([
      ['glove-sif-100d', 'hybrid', true],
      ['glove-sif-100d', 'embedding', false],
    ]);
    for (const r of out.runs) checkRun(r);
    const run = out.runs[1];
    for (const key of ['purity', 'nmi']) expectUnit(run.metrics.clustering?.[key]);
    expect(run.metrics.clustering?.ari).toBeLessThanOrEqual(1);
    expectUnit(run.metrics.separation[0].aucFiltered);
    expect(run.timing.embedProfilesMs).toBeGreaterThanOrEqual(0);
  });

  it('runs the default ranking and BM25 without --model, reported on the held-out job descriptions', async () => {
    const { code, stdout } = await runEval(['--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { runs: RunJson[]; split: string; queries: number };
    expect(out.split).toBe('test');
    expect(out.queries).toBe(40);
    expect(out.runs.filter((r) => r.default)).toHaveLength(1);
    expect(out.runs.map((r) => `${r.model}:${r.ranking}`)).toEqual(['glove-sif-100d:hybrid', 'glove-sif-100d:embedding', 'bm25:bm25', 'bm25-plain:bm25']);
    const ndcg = (i: number) => out.runs[i].metrics.ndcg10 as number;
    // the target: the default beats keywords and the embedding alone on data it was not tuned on
    expect(ndcg(0)).toBeGreaterThan(Math.max(ndcg(1), ndcg(2), ndcg(3)));
    const [pmToPmm, pmmToPm] = out.runs[0].metrics.separation as { target: string; auc: number }[];
    expect(pmToPmm.target).toBe('Product Manager');
    expect(Math.min(pmToPmm.auc, pmmToPm.auc)).toBeGreaterThanOrEqual(0.8);
  }, 90_000);

  it('adds a re-ranked row when a re-ranker loads: the top 50 re-ordered, the set kept', async () => {
    const args = [...fixtureArgs, '--model', 'glove-sif-100d', '--reranker', 'test-org/tiny-rerank', '--local-models', 'test/fixtures/hub', '--k', '3', '--json'];
    const { code, stdout, stderr } = await runEval(args);
    expect(code, stderr).toBe(0);
    const runs = (JSON.parse(stdout) as { runs: (RunJson & { reranker?: { id: string; top: number } })[] }).runs;
    expect(runs.map((r) => r.ranking)).toEqual(['hybrid', 'embedding', 'reranked']);
    const [hybrid, , reranked] = runs;
    expect(reranked.reranker).toMatchObject({ id: 'test-org/tiny-rerank', top: 50 });
    expect(reranked.default).toBeUndefined();
    checkRun(reranked);
    // the fixture has 12 profiles, all inside the re-ranked top 50: re-ranking re-orders them, the set is the same
    expect(reranked.metrics.recall50).toBe(hybrid.metrics.recall50);
  });

  it('explains why a re-ranker cannot load', async () => {
    const { code, stderr } = await runEval([...fixtureArgs, '--model', 'glove-sif-100d', '--reranker', 'test-org/missing', '--local-models', 'test/fixtures/hub']);
    expect(code).toBe(1);
    expect(stderr).toContain('could not load the re-ranker test-org/missing');
  });

  it('fails with exit 1 naming the bad line', async () => {
    const { code, stderr } = await runEval(['--profiles', `${FIX}/profiles.jsonl`, '--queries', `${FIX}/bad-queries.jsonl`, '--model', 'bm25']);
    expect(code).toBe(1);
    expect(stderr).toContain('bad-queries.jsonl line 3: "relevant" must map labels to numbers');
  });

  it('prints usage for --help and rejects unknown arguments', async () => {
    const help = await runEval(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run eval');
    const bad = await runEval(['--frobnicate']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown argument "--frobnicate"');
  });
});

describe('evalInput', () => {
  it('parses arguments', () => {
    expect(parseArgs([])).toEqual({ help: false, models: [], k: 10, json: false, split: 'test', rerankTop: 50 });
    expect(parseArgs(['--reranker', 'a/b', '--rerank-top', '20'])).toMatchObject({ reranker: 'a/b', rerankTop: 20 });
    expect(() => parseArgs(['--rerank-top', '1'])).toThrow(/--rerank-top must be an integer of at least 2/);
    expect(parseArgs(['--split', 'all']).split).toBe('all');
    expect(() => parseArgs(['--split', 'odd'])).toThrow(/--split must be test, tune or all/);
    expect(parseArgs(['--model', 'bm25', '--model', 'a/b,glove-sif-100d', '--k', '4', '--json', '--dtype', 'q8'])).toMatchObject({
      models: ['bm25', 'a/b', 'glove-sif-100d'], k: 4, json: true, dtype: 'q8',
    });
    expect(() => parseArgs(['--k', '1'])).toThrow(/--k must be an integer of at least 2/);
    expect(() => parseArgs(['--model'])).toThrow(/--model needs a value/);
    expect(() => parseArgs(['--profiles', 'p.jsonl'])).toThrow(/both --profiles and --queries/);
  });

  it('reports empty files, bad JSON and non-objects with line numbers', () => {
    expect(() => parseJsonl('\n  \n', 'p.jsonl')).toThrow('p.jsonl: the file is empty');
    expect(() => parseJsonl('{"id":"a"}\n\n{"id":', 'p.jsonl')).toThrow(/^p\.jsonl line 3: not valid JSON/);
    expect(() => parseJsonl('[1, 2]', 'p.jsonl')).toThrow('p.jsonl line 1: expected a JSON object');
    expect(parseJsonl('{"a":1}\r\n\r\n{"b":2}\r\n', 'x').map((r) => r.line)).toEqual([1, 3]);
  });

  it('parses profiles given as text or as profile fields, with either label form', () => {
    const full = {
      id: 'p1', name: 'N', headline: 'Accountant', location: '', yearsExperience: 3, summary: 'Close and reconciliations.',
      experience: [{ title: 'Accountant', company: 'Co', period: '2020', bullets: ['Ledger'] }], skills: ['VAT'], education: '',
      label: { role: 'Accountant', family: 'Finance', seniority: 'mid' },
    };
    const rows = parseProfiles([JSON.stringify(full), '{"id":"p2","text":"Forecasts","label":"Financial Analyst"}'].join('\n'), 'p.jsonl');
    expect(rows[0]).toMatchObject({ id: 'p1', label: 'Accountant', family: 'Finance' });
    expect(rows[0].text).toContain('Accountant at Co. Ledger');
    expect(rows[1]).toEqual({ id: 'p2', text: 'Forecasts', label: 'Financial Analyst', family: 'unspecified' });
  });

  it('rejects bad profiles naming the line', () => {
    expect(() => parseProfiles('{"id":"p1","text":"x"}', 'p.jsonl')).toThrow('p.jsonl line 1: "label" must be a role name or an object with "role"');
    expect(() => parseProfiles('{"id":"p1","label":"A","headline":"h"}', 'p.jsonl')).toThrow(/^p\.jsonl line 1: "yearsExperience"/);
    expect(() => parseProfiles('{"id":"p1","text":"x","label":"A"}\n{"id":"p1","text":"y","label":"A"}', 'p.jsonl')).toThrow(
      'p.jsonl line 2: duplicate id "p1" (first on line 1)',
    );
    expect(() => parseProfiles('{"text":"x","label":"A"}', 'p.jsonl')).toThrow(EvalInputError);
  });

  it('parses queries and warns about labels no profile has', () => {
    const qs = parseQueries('{"id":"q1","text":"t","relevant":{"A":2,"B":1},"family":"F"}\n{"id":"q2","text":"t","relevant":{"Z":2}}\n{"id":"q3","text":"t","relevant":{"B":1}}', 'q.jsonl');
    expect(qs[0]).toEqual({ id: 'q1', text: 't', relevant: { A: 2, B: 1 }, family: 'F' });
    const profiles = [{ id: 'p', text: 'x', label: 'A', family: 'F' }, { id: 'p2', text: 'y', label: 'B', family: 'F' }];
    const warnings = queryWarnings(qs, profiles);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/query "q2": none of its relevant labels \(Z\)/);
    expect(warnings[1]).toMatch(/query "q3": no profile has a grade-2/);
    expect(() => parseQueries('{"id":"q1","text":"t","relevant":{"A":"high"}}', 'q.jsonl')).toThrow('q.jsonl line 1: "relevant" must map labels to numbers');
    expect(() => parseQueries('{"id":"q1","relevant":{"A":2}}', 'q.jsonl')).toThrow('q.jsonl line 1: "text" must be a non-empty string');
  });
});
