/**
 * Where Hub models are downloaded from. A mirror replaces https://huggingface.co/; it must be
 * a plain http(s) address, because transformers.js joins model paths onto it and fetches them.
 */
export type MirrorCheck = { ok: true; host: string } | { ok: false; reason: string };

/** Normalises a typed or linked mirror address (always ends in "/"), or says why it cannot be one. */
export function checkMirror(raw: string): MirrorCheck {
  const text = raw.trim();
  const shown = text.length > 80 ? `${text.slice(0, 60)}…${text.slice(-12)}` : text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${shown}" is not a web address; a model mirror looks like https://mirror.example/.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `"${shown}" is not an http(s) address, so it cannot be a model mirror.` };
  }
  if (url.username || url.password) return { ok: false, reason: 'A model mirror address may not contain a user name or password.' };
  if (url.search || url.hash) return { ok: false, reason: `"${shown}" has a query or fragment; a model mirror is a plain folder address.` };
  const href = url.href;
  return { ok: true, host: href.endsWith('/') ? href : `${href}/` };
}

/** The host name and port of a mirror, the part a user recognises ("127.0.0.1:5190", "huggingface.co"). */
export function mirrorLabel(host: string): string {
  try {
    const url = new URL(host);
    return url.pathname === '/' ? url.host : `${url.host}${url.pathname}`;
  } catch {
    return host;
  }
}
