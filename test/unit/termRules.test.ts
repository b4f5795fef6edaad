import { describe, expect, it } from 'vitest';
import { applyAllowedMask, applyTermRules, parseTermRule, termMatcher, type TermRule } from '../../src/core/termRules';

describe('termMatcher', () => {
  it('matches whole words and phrases, case-insensitively', () => {
    expect(termMatcher('SQL').test('Wrote sql daily')).toBe(true);
    expect(termMatcher('SQL').test('PostgreSQL and MySQL')).toBe(false);
    expect(termMatcher('intern').test('internal tools, international teams')).toBe(false);
    expect(termMatcher('intern').test('Summer Intern at Acme')).toBe(true);
    expect(termMatcher('machine learning').test('Machine-Learning models')).toBe(true);
    expect(termMatcher('machine  learning').test('machine\nlearning')).toBe(true);
    expect(termMatcher('machine learning').test('learning machine')).toBe(false);
  });

  it('takes symbols literally: C++, Node.js, C#', () => {
    expect(termMatcher('C++').test('Skills: C++, Rust')).toBe(true);
    expect(termMatcher('C++').test('Skills: C, Rust')).toBe(false);
    expect(termMatcher('node.js').test('Node.js services')).toBe(true);
    expect(termMatcher('node.js').test('nodexjs')).toBe(false);
    expect(termMatcher('c#').test('C# and .NET')).toBe(true);
  });
});

describe('applyTermRules', () => {
  const texts = ['SQL analyst', 'Data intern using SQL', 'Python and Excel', 'Intern, no SQL at all?'];

  it('lets everything through without rules', () => {
    const out = applyTermRules(texts, []);
    expect([...out.allowed]).toEqual([1, 1, 1, 1]);
    expect(out.removedBy).toEqual([]);
    expect(out.removedTotal).toBe(0);
  });

  it('keeps profiles with every must-have term and none of the excluded ones, counting removals per rule', () => {
    const rules: TermRule[] = [
      { kind: 'require', term: 'SQL' },
      { kind: 'exclude', term: 'intern' },
    ];
    const out = applyTermRules(texts, rules);
    expect([...out.allowed]).toEqual([1, 0, 0, 0]);
    // "require SQL" removes profile 2; "exclude intern" removes 1 and 3
    expect(out.removedBy).toEqual([1, 2]);
    expect(out.removedTotal).toBe(3);
  });

  it('counts a profile failing two rules under both, but once in the total', () => {
    const out = applyTermRules(['Python intern'], [
      { kind: 'require', term: 'SQL' },
      { kind: 'exclude', term: 'intern' },
    ]);
    expect(out.removedBy).toEqual([1, 1]);
    expect(out.removedTotal).toBe(1);
  });
});

describe('parseTermRule', () => {
  const existing: TermRule[] = [{ kind: 'require', term: 'SQL' }];
  it('trims and collapses the typed term', () => {
    expect(parseTermRule('  machine \t learning ', 'require', existing)).toEqual({ rule: { kind: 'require', term: 'machine learning' } });
  });
  it('refuses empty, symbol-only, duplicate and contradicting terms with a reason', () => {
    expect(parseTermRule('   ', 'require', existing)).toEqual({ error: 'Type a word or phrase first.' });
    expect(parseTermRule('+++', 'exclude', existing)).toEqual({ error: '"+++" has no letters or digits to match.' });
    expect(parseTermRule('sql', 'require', existing)).toEqual({ error: '"SQL" is already in the list.' });
    expect(parseTermRule('Sql', 'exclude', existing)).toEqual({ error: '"SQL" is already a must-have term; remove that rule first.' });
    expect('error' in parseTermRule('x'.repeat(101), 'require', existing)).toBe(true);
  });
});

describe('applyAllowedMask', () => {
  const scores = Float32Array.from([0.9, 0.8, 0.7, 0.6, 0.5]);

  it('returns the scores untouched without a mask, or when the mask removes nothing', () => {
    expect(applyAllowedMask(scores, undefined, 3)).toEqual({ scores, removed: [] });
    expect(applyAllowedMask(scores, Uint8Array.from([1, 1, 1, 1, 1]), 3).scores).toBe(scores);
  });

  it('blanks disallowed scores and lists the strong matches it hid, best first', () => {
    const allowed = Uint8Array.from([0, 1, 0, 1, 0]);
    const { scores: masked, removed } = applyAllowedMask(scores, allowed, 3);
    expect(removed).toEqual([
      { index: 0, score: scores[0] },
      { index: 2, score: scores[2] },
    ]);
    expect(Number.isNaN(masked[0]) && Number.isNaN(masked[2]) && Number.isNaN(masked[4])).toBe(true);
    expect([masked[1], masked[3]]).toEqual([scores[1], scores[3]]);
    expect(scores[0]).toBeCloseTo(0.9); // the input is not changed
  });

  it('refuses a mask of the wrong length', () => {
    expect(() => applyAllowedMask(scores, Uint8Array.from([1, 0]), 3)).toThrow(/mask of 2 for 5 scores/);
  });
});
