/** A Hub model id as typed or pasted ("org/name", or its huggingface.co URL), or null if it is not one. */
export function parseHubId(raw: string): string | null {
  const id = raw.trim().replace(/^https:\/\/huggingface\.co\//, '');
  return /^[\w.-]+\/[\w.-]+$/.test(id) ? id : null;
}

export function notAHubId(raw: string): string {
  return `"${raw}" is not a Hub model id; it looks like "organisation/model-name".`;
}
