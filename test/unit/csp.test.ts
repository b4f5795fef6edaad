import { describe, expect, it } from 'vitest';
import { connectAllowed, contentSecurityPolicy, directiveSources } from '../../src/core/csp';

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
