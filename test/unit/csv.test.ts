import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv } from '../../src/core/csv';

describe('neutraliseFormula', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes an apostrophe to %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['Kofi Liu', 'Senior PM - payments', ' =not first', "'already quoted", ''])('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('csvCell', () => {
  it('writes numbers plainly, negative ones included, and empty cells for missing values', () => {
    expect(csvCell(-0.4213)).toBe('-0.4213');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(0.123456789)).toBe('0.123457');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes separators, quotes and line breaks, after neutralising', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1+1,2')).toBe(`"'=1+1,2"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });
});

describe('toCsv', () => {
  it('writes the header and the rows in the header order', () => {
    expect(toCsv(['b', 'a'], [{ a: 1, b: 'x' }, { a: null, b: '-y' }])).toBe("b,a\nx,1\n'-y,\n");
  });

  it('writes nothing without columns', () => {
    expect(toCsv([], [])).toBe('');
  });
});
