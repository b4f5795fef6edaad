import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProfiles, parseQueries } from '../../scripts/lib/evalInput';
import { DEFAULT_CLOSE_PAIRS } from '../../src/core/separation';

// The hand-written "outside" set (test/fixtures/outside/README.md): checks that keep it usable
// for reporting, since nothing else would notice an edit that breaks a close-pair direction.
const DIR = 'test/fixtures/outside';
const profiles = parseProfiles(readFileSync(`${DIR}/profiles.jsonl`, 'utf8'), `${DIR}/profiles.jsonl`);
const queries = parseQueries(readFileSync(`${DIR}/queries.jsonl`, 'utf8'), `${DIR}/queries.jsonl`);

function counts(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

describe('outside evaluation set', () => {
  it('has unique ids across both files', () => {
    const ids = [...profiles, ...queries].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every target (grade-2) label of a query at least 5 profiles', () => {
    const perLabel = counts(profiles.map((p) => p.label));
    const short = queries.flatMap((q) =>
      Object.entries(q.relevant)
        .filter(([label, grade]) => grade >= 2 && (perLabel.get(label) ?? 0) < 5)
        .map(([label]) => `${q.id}: ${label} has ${perLabel.get(label) ?? 0}`),
    );
    expect(short).toEqual([]);
    expect(queries.every((q) => Object.values(q.relevant).some((g) => g >= 2))).toBe(true);
  });

  it('has at least 2 queries for each role of every close pair, so both directions are measured', () => {
    const perRole = counts(queries.flatMap((q) => (q.role === undefined ? [] : [q.role])));
    const roles = [...new Set(DEFAULT_CLOSE_PAIRS.flat())];
    expect(roles.filter((r) => (perRole.get(r) ?? 0) < 2)).toEqual([]);
    // and each close-pair role has profiles to be told apart from
    const perLabel = counts(profiles.map((p) => p.label));
    expect(roles.filter((r) => (perLabel.get(r) ?? 0) < 5)).toEqual([]);
  });

  it('duplicates no text, within or across the two files', () => {
    const texts = [...profiles, ...queries].map((r) => r.text.trim().toLowerCase());
    const dup = [...counts(texts)].filter(([, n]) => n > 1).map(([t]) => t.slice(0, 60));
    expect(dup).toEqual([]);
  });
});
