import { describe, expect, it } from 'vitest';
import { CONFIRMED_ORIGINS_KEY, bootScript, connectAllowed, contentSecurityPolicy, directiveSources, headerPolicy, parseConfirmedOrigins, withConnectSources } from '../../src/core/csp';

describe('connectAllowed', () => {
  const sources = ["'self'", 'https://huggingface.co', 'https://*.hf.co', 'http://127.0.0.1:*'];
  const page = 'https://app.example.org';
  it('matches origins, subdomain wildcards and port wildcards as a browser does', () => {
    expect(connectAllowed('https://huggingface.co/org/model/resolve/main/config.json', sources, page)).toBe(true);
    expect(connectAllowed('https://cas-bridge.xethub.hf.co/x', sources, page)).toBe(true);
    expect(connectAllowed('https://hf.co/x', sources, page)).toBe(false);
    expect(connectAllowed('http://127.0.0.1:5190/x', sources, page)).toBe(true);
    expect(connectAllowed('https://app.example.org/models/x', sources, page)).toBe(true);
    expect(connectAllowed('https://mirror.example.com/', sources, page)).toBe(false);
    expect(connectAllowed('http://huggingface.co/', sources, page)).toBe(false);
    expect(connectAllowed('https://huggingface.co:8443/', sources, page)).toBe(false);
    expect(connectAllowed('not a url', sources, page)).toBe(false);
  });

  it('agrees with the policy the build writes', () => {
    const connect = directiveSources(contentSecurityPolicy(), 'connect-src');
    expect(connectAllowed('https://huggingface.co/x', connect, page)).toBe(true);
    expect(connectAllowed('https://evil.example/x', connect, page)).toBe(false);
  });
});

describe('the policy written at start-up', () => {
  const base = contentSecurityPolicy();

  it('the header is an outer bound: https: and loopback, so it never narrows the meta policy; frame-ancestors only there', () => {
    const header = headerPolicy();
    const outer = directiveSources(header, 'connect-src');
    expect(outer).toEqual(expect.arrayContaining(["'self'", 'https:', 'http://127.0.0.1:*', 'http://localhost:*']));
    expect(header).toContain("frame-ancestors 'none'");
    expect(base).not.toContain('frame-ancestors');
    const page = 'http://127.0.0.1:4173';
    for (const url of ['https://huggingface.co/x', 'https://api.openai.com/v1/embeddings', 'http://127.0.0.1:11434/v1', 'http://localhost:1234/v1']) expect(connectAllowed(url, outer, page)).toBe(true);
    expect(connectAllowed('http://192.168.1.5:11434/v1', outer, page)).toBe(false);
    // everything but connect-src is the same in both
    expect(withConnectSources(base, ['https:', 'http://127.0.0.1:*', 'http://localhost:*']) + "; frame-ancestors 'none'").toBe(header);
  });

  it('adds sources to connect-src only', () => {
    const widened = withConnectSources(base, ['https://api.openai.com']);
    expect(directiveSources(widened, 'connect-src')).toEqual([...directiveSources(base, 'connect-src'), 'https://api.openai.com']);
    expect(directiveSources(widened, 'default-src')).toEqual(["'self'"]);
    expect(withConnectSources(base, [])).toBe(base);
  });

  it('keeps only exact http(s) origins from the stored list', () => {
    expect(parseConfirmedOrigins(null)).toEqual([]);
    expect(parseConfirmedOrigins('not json')).toEqual([]);
    expect(parseConfirmedOrigins('{"a":1}')).toEqual([]);
    const stored = JSON.stringify(['https://api.openai.com', 'http://127.0.0.1:5190', 'https://*.example.com', 'http://127.0.0.1:*', "'unsafe-inline'", 'https://x.org; script-src *', 'javascript:alert(1)', 42, '*']);
    expect(parseConfirmedOrigins(stored)).toEqual(['https://api.openai.com', 'http://127.0.0.1:5190']);
  });
});

describe('the boot script (run as the browser runs it)', () => {
  function run(stored: string | null, storageThrows = false): string[] {
    const metas: { httpEquiv: string; content: string }[] = [];
    const doc = { createElement: () => ({ httpEquiv: '', content: '' }), head: { appendChild: (m: { httpEquiv: string; content: string }) => metas.push(m) } };
    const storage = {
      getItem: (key: string) => {
        if (storageThrows) throw new Error('SecurityError');
        return key === CONFIRMED_ORIGINS_KEY ? stored : null;
      },
    };
    new Function('document', 'localStorage', bootScript(contentSecurityPolicy()))(doc, storage);
    expect(metas.map((m) => m.httpEquiv)).toEqual(['Content-Security-Policy']);
    return directiveSources(metas[0].content, 'connect-src');
  }
  const defaults = directiveSources(contentSecurityPolicy(), 'connect-src');

  it('writes the build policy when nothing was confirmed, and when storage is refused or broken', () => {
    expect(run(null)).toEqual(defaults);
    expect(run('{broken')).toEqual(defaults);
    expect(run(null, true)).toEqual(defaults);
  });

  it('adds the confirmed origins, and nothing that is not an exact origin', () => {
    expect(run(JSON.stringify(['http://127.0.0.1:5190', 'https://*.evil.example', "'unsafe-eval'"]))).toEqual([...defaults, 'http://127.0.0.1:5190']);
  });
});
