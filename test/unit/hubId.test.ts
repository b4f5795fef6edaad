import { describe, expect, it } from 'vitest';
import { checkHubId, HUB_PART_MAX, parseHubId } from '../../src/embedding/hubId';
import { checkMirror, mirrorLabel } from '../../src/embedding/mirror';

describe('checkHubId', () => {
  it('accepts owner/name ids and the huggingface.co URL of one', () => {
    expect(parseHubId('Xenova/all-MiniLM-L6-v2')).toBe('Xenova/all-MiniLM-L6-v2');
    expect(parseHubId('  BAAI/bge-small-en-v1.5 ')).toBe('BAAI/bge-small-en-v1.5');
    expect(parseHubId('https://huggingface.co/Snowflake/snowflake-arctic-embed-xs/tree/main')).toBe('Snowflake/snowflake-arctic-embed-xs');
    expect(parseHubId('https://huggingface.co/org/model_1/')).toBe('org/model_1');
    expect(parseHubId(`o/${'a'.repeat(HUB_PART_MAX)}`)).toBe(`o/${'a'.repeat(HUB_PART_MAX)}`);
  });

  it.each([
    ['../..', 'may not contain ".." or "--"'],
    ['org/..', 'may not contain ".." or "--"'],
    ['org/a..b', 'may not contain ".." or "--"'],
    ['org/a--b', 'may not contain ".." or "--"'],
    ['.org/model', 'may not start or end with "." or "-"'],
    ['org/model-', 'may not start or end with "." or "-"'],
    ['org/.model', 'may not start or end with "." or "-"'],
    ['org/model.git', 'may not end in ".git"'],
    ['org/mo del', 'may only contain letters'],
    ['org/mødel', 'may only contain letters'],
    ['org/', 'the model name is empty'],
    ['/model', 'the owner is empty'],
    ['model-only', 'exactly one "/"'],
    ['a/b/c', 'exactly one "/"'],
    [`o/${'a'.repeat(HUB_PART_MAX + 1)}`, `the Hub allows at most ${HUB_PART_MAX}`],
  ])('refuses %s and says why', (raw, why) => {
    const checked = checkHubId(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toContain(why);
  });

  it('keeps the message short for a 5,000-character value', () => {
    const checked = checkHubId(`org/${'x'.repeat(5000)}`);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.reason).toContain('5,000 characters');
      expect(checked.reason.length).toBeLessThan(300);
    }
  });
});

describe('checkMirror', () => {
  it('accepts http(s) addresses and ends them with "/"', () => {
    expect(checkMirror('http://127.0.0.1:5190')).toEqual({ ok: true, host: 'http://127.0.0.1:5190/' });
    expect(checkMirror(' https://mirror.example/hf/ ')).toEqual({ ok: true, host: 'https://mirror.example/hf/' });
  });

  it.each([
    ['not-a-url', 'is not a web address'],
    ['javascript:alert(1)', 'not an http(s) address'],
    ['file:///etc/', 'not an http(s) address'],
    ['ftp://mirror.example/', 'not an http(s) address'],
    ['https://user:secret@mirror.example/', 'user name or password'],
    ['https://mirror.example/?x=1', 'query or fragment'],
  ])('refuses %s', (raw, why) => {
    const checked = checkMirror(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toContain(why);
  });

  it('labels a mirror by host, and path when it has one', () => {
    expect(mirrorLabel('https://huggingface.co/')).toBe('huggingface.co');
    expect(mirrorLabel('http://127.0.0.1:5190/')).toBe('127.0.0.1:5190');
    expect(mirrorLabel('https://mirror.example/hf/')).toBe('mirror.example/hf/');
  });
});
