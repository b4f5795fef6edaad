import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../scripts/lib/evalInput';
import { startStandInOpenAI, type StandInOpenAI } from '../helpers/standInOpenAI';

const TSX = path.resolve('node_modules/.bin/tsx');
const FIX = 'test/fixtures/eval';
const fixtureArgs = ['--profiles', `${FIX}/profiles.jsonl`, '--queries', `${FIX}/queries.jsonl`];

function runEval(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['scripts/eval.ts', ...args], { timeout: 90_000, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

let server: StandInOpenAI;
beforeAll(async () => {
  server = await startStandInOpenAI({ key: 'sk-eval' });
});
afterAll(() => server.close());

describe('npm run eval with an API model', () => {
  it('parses the endpoint flags', () => {
    expect(parseArgs(['--model', 'openai:text-embedding-3-small', '--api-base', 'http://localhost:1/v1', '--api-key-env', 'K'])).toMatchObject({
      models: ['openai:text-embedding-3-small'],
      apiBase: 'http://localhost:1/v1',
      apiKeyEnv: 'K',
    });
  });

  it('embeds through the endpoint with the key from the named variable, and reports billed tokens', async () => {
    const before = server.requests.length;
    const { code, stdout, stderr } = await runEval([...fixtureArgs, '--model', 'custom:stand-in-embed', '--api-base', server.baseUrl, '--api-key-env', 'STAND_IN_KEY', '--k', '3', '--json'], { STAND_IN_KEY: 'sk-eval' });
    expect(stderr).toMatch(/sending 12 documents .* to http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings/);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { runs: Array<{ model: string; ranking: string; api?: { requests: number; texts: number; billedTokens: number; billedUsd: number } }> };
    expect(out.runs.map((r) => [r.model, r.ranking])).toEqual([
      ['custom:stand-in-embed', 'hybrid'],
      ['custom:stand-in-embed', 'embedding'],
    ]);
    const api = out.runs[0].api!;
    expect(api).toMatchObject({ texts: 12 + 3, billedUsd: 0 });
    expect(api.requests).toBe(server.requests.length - before);
    // the server's own count of what it billed, request by request
    expect(api.billedTokens).toBe(server.requests.slice(before).reduce((n, r) => n + (r.billedTokens ?? 0), 0));
    expect(api.billedTokens).toBeGreaterThan(0);
  });

  it('says when the key variable is missing or the key is refused', async () => {
    const missing = await runEval([...fixtureArgs, '--model', 'openai:text-embedding-3-small', '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/OpenAI needs a key: .*--api-key-env/);
    const refused = await runEval([...fixtureArgs, '--model', 'custom:stand-in-embed', '--api-base', server.baseUrl, '--api-key-env', 'STAND_IN_KEY', '--json'], { STAND_IN_KEY: 'sk-wrong' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/refused the key \(401/);
  });

  it('scores an LLM pairwise re-ranking of the default ranking as its own row', async () => {
    const before = server.requests.length;
    const { code, stdout, stderr } = await runEval(
      [...fixtureArgs, '--model', 'glove-sif-100d', '--llm-model', 'custom:stand-in-chat', '--llm-top', '5', '--api-base', server.baseUrl, '--api-key-env', 'STAND_IN_KEY', '--k', '3', '--json'],
      { STAND_IN_KEY: 'sk-eval' },
    );
    expect(stderr).toMatch(/chat\/completions \(stand-in-chat\) about the top 5/);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { runs: Array<{ ranking: string; llm?: { calls: number; pairs: number; billedTokens: number } }> };
    const llm = out.runs.find((r) => r.llm)!;
    expect(llm.ranking).toBe('reranked');
    const chats = server.requests.slice(before).filter((r) => r.path === '/v1/chat/completions');
    expect(llm.llm!.calls).toBe(chats.length);
    expect(llm.llm!.calls).toBe(2 * llm.llm!.pairs);
    expect(llm.llm!.billedTokens).toBe(chats.reduce((n, r) => n + (r.billedTokens ?? 0), 0));
  });
});
