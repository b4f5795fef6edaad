import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/core/textHash';

/** bryc's published cyrb53 (53-bit) reference: our 64-bit value keeps its low 53 bits. */
function cyrb53Reference(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

describe('hashText', () => {
  it('is 16 lowercase hex characters, and the same for equal strings', () => {
    const a = 'Senior data engineer, 7 years of Spark and Airflow.';
    const b = ['Senior data engineer, ', '7 years of Spark and Airflow.'].join('');
    expect(hashText(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(hashText(a)).toBe(hashText(b));
    expect(hashText(a)).toBe(hashText(a));
  });

  it('keeps its values across releases (a change would re-embed every cached profile)', () => {
    expect(hashText('')).toBe('488bdcb81aee8d83');
    expect(hashText('a')).toBe('501c2ba782c97901');
    expect(hashText('revenge')).toBe('fbce64cc3b748385');
    expect(hashText('Ünïcödé 🙂')).toBe('04a84fe6aedc1089');
  });

  it('agrees with the values bryc publishes for cyrb53 in its low 53 bits', () => {
    const low53 = (s: string) => Number(BigInt(`0x${hashText(s)}`) & ((1n << 53n) - 1n));
    // From the cyrb53 README (github.com/bryc/code, jshash/experimental/cyrb53.js).
    expect(low53('a')).toBe(7929297801672961);
    expect(low53('revenge')).toBe(4051478007546757);
    expect(low53('revenue')).toBe(8309097637345594);
    for (const s of ['', 'b', 'passage: Product manager', 'emoji 👩🏽‍💻', 'x'.repeat(5000)]) {
      expect(low53(s), s).toBe(cyrb53Reference(s));
    }
  });

  it('changes with any small edit', () => {
    const base = 'Product manager, fintech, 5 years; SQL, roadmaps.';
    const edits = [
      base,
      base + ' ',
      ' ' + base,
      base.slice(0, -1),
      base.replace('5', '6'),
      base.replace('fintech', 'Fintech'),
      base.replace('SQL, roadmaps', 'roadmaps, SQL'),
      base.replace('manager', 'managre'),
      base + '\0',
    ];
    expect(new Set(edits.map(hashText)).size).toBe(edits.length);
  });

  it('handles unicode, emoji, lone surrogates and the empty string', () => {
    const texts = [
      '',
      ' ',
      '\0',
      'café',
      'cafe\u0301', // same glyphs, different code units
      '日本語のプロフィール',
      '👩🏽‍💻 engineer',
      '👩🏽‍💻 engineer 🙂',
      '\ud83d', // a lone high surrogate
      '\ude42',
    ];
    const hashes = texts.map(hashText);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(hashes).size).toBe(texts.length);
    expect(hashText('👩🏽‍💻 engineer')).toBe(hashText('👩🏽‍💻 engineer'));
  });

  it('has no collisions among 200,000 near-identical texts, and both 32-bit halves are well spread', () => {
    const n = 200_000;
    const full = new Set<string>();
    const hi = new Set<string>();
    const lo = new Set<string>();
    for (let i = 0; i < n; i++) {
      const h = hashText(`passage: candidate ${i} — Python, SQL, ${i % 97} years`);
      full.add(h);
      hi.add(h.slice(0, 8));
      lo.add(h.slice(8));
    }
    expect(full.size).toBe(n);
    // A good 32-bit half collides about n^2 / 2^33 = 4.7 times here; a weak one far more.
    expect(n - hi.size).toBeLessThan(25);
    expect(n - lo.size).toBeLessThan(25);
  });
});
