/**
 * Starts a module worker that is held to the page's Content-Security-Policy. In Chromium a
 * worker loaded from its own URL gets the policy of its own response (the server's header, or
 * none on a static host), not the page's <meta> policy with the origins the user confirmed; a
 * worker started from a blob: URL inherits the page's policies (checked in Chromium 156, see
 * test/e2e/privacy.e2e.ts). So the worker is a one-line blob that imports the real script:
 * it may reach a confirmed model mirror and nothing the page may not.
 */
export function workerUnderPagePolicy(scriptUrl: string, name: string): Worker {
  const absolute = new URL(scriptUrl, globalThis.location.href).href;
  const source = `import ${JSON.stringify(absolute)};\n`;
  // not revoked: the worker fetches it after the constructor returns, and a restarted worker needs a new one anyway
  const blob = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(blob, { type: 'module', name });
}
