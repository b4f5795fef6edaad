import { describe, expect, it } from 'vitest';
import { composeText, guessMapping, mappingProblem } from '../../src/data/import/mapping';
import { csvCell, skippedRowsCsv } from '../../src/data/import/skippedCsv';
import { firstInvalidUtf8 } from '../../src/data/import/decode';
import { profileFields, profileToText } from '../../src/data/profileText';
import { importedProfile } from '../../src/data/import/build';

describe('guessMapping', () => {
  it('finds id, name, headline, label and the text columns from common header names', () => {
    expect(guessMapping(['Candidate ID', 'Full Name', 'Job Title', 'Resume', 'Occupation', 'Email'], [])).toEqual({
      id: 'Candidate ID',
      name: 'Full Name',
      headline: 'Job Title',
      label: 'Occupation',
      text: ['Job Title', 'Resume'],
    });
  });

  it('numbers the rows when there is no id column, and falls back to the long columns for text', () => {
    const sample = [['Ann', 'Registered nurse with ten years on a cardiac ward', 'x']];
    expect(guessMapping(['who', 'notes', 'flag'], sample)).toEqual({ id: null, name: null, headline: null, label: null, text: ['notes'] });
  });

  it('uses every column but id/name/label for text when nothing looks like prose', () => {
    expect(guessMapping(['id', 'a', 'b'], [['1', 'x', 'y']]).text).toEqual(['a', 'b']);
  });
});

describe('composeText and mappingProblem', () => {
  it('joins the non-empty text columns in the chosen order, one per line', () => {
    expect(composeText(['a', 'b', 'c'], [' x ', '', 'z'], ['c', 'b', 'a'])).toBe('z\nx');
  });

  it('needs at least one text column and known columns', () => {
    const m = { id: null, name: null, headline: null, label: null, text: [] as string[] };
    expect(mappingProblem(['a'], m)).toMatch(/at least one column/);
    expect(mappingProblem(['a'], { ...m, text: ['b'] })).toMatch(/no column "b"/);
    expect(mappingProblem(['a'], { ...m, text: ['a'] })).toBeNull();
  });
});

describe('imported profiles flow through profileToText', () => {
  it('an imported profile is read as its composed text; its lines are its fields', () => {
    const p = importedProfile('1', 'Nurse\nCardiac ward, nights', 'Ann', 'Nurse', '');
    expect(profileToText(p)).toBe('Nurse\nCardiac ward, nights');
    expect(profileFields(p)).toEqual(['Nurse', 'Cardiac ward, nights']);
    expect(p.label.role).toBe('unlabelled');
  });
});

describe('skipped rows CSV', () => {
  it('neutralises spreadsheet formulas and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b\nc')).toBe('"a,b\nc"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('has row, line, reason and the cells, with extra cells under their own header', () => {
    const csv = skippedRowsCsv(['id', 'name'], [{ row: 2, line: 3, reason: 'has 3 fields', values: ['1', 'Ann', '-x'] }]);
    expect(csv).toBe("row,line,reason,id,name,extra 1\r\n2,3,has 3 fields,1,Ann,'-x\r\n");
  });
});

describe('firstInvalidUtf8', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('accepts valid UTF-8 and finds the first bad byte', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('héllo 👋'))).toBe(-1);
    expect(firstInvalidUtf8(bytes(0x61, 0xe9, 0x62))).toBe(1); // Latin-1 é
    expect(firstInvalidUtf8(bytes(0x61, 0xc3))).toBe(1); // cut short
    expect(firstInvalidUtf8(bytes(0xc0, 0xaf))).toBe(0); // overlong
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // surrogate
  });
});

describe('evaluableProfiles', () => {
  it('counts the profiles whose role some job description asks for', async () => {
    const { evaluableProfiles } = await import('../../src/store/datasetSelectors');
    const job = { id: 'j', title: 't', text: 'x', role: 'Nurse', family: 'Care', relevant: { Nurse: 2 as const, Midwife: 1 as const } };
    const profiles = [importedProfile('1', 'a', 'A', '', 'Nurse'), importedProfile('2', 'b', 'B', '', ''), importedProfile('3', 'c', 'C', '', 'Midwife')];
    expect(evaluableProfiles(profiles, [job])).toBe(2);
    expect(evaluableProfiles(profiles.slice(1, 2), [job])).toBe(0);
  });
});
