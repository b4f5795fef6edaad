/**
 * A fast, deterministic 64-bit string hash for cache keys: the embedding cache stores a
 * profile's vector under the hash of the exact text the model saw.
 *
 * Algorithm: bryc's cyrb53 with both 32-bit lanes kept ("cyrb64"). Two lanes run over the
 * UTF-16 code units with different odd multipliers (Knuth's 2654435761 and 1597334677),
 * then a murmur3-style finaliser mixes each lane into the other. The result is the two
 * lanes as 16 lowercase hex characters.
 *
 * Why this one:
 * - Synchronous and pure. crypto.subtle.digest is async, needs the text encoded to bytes
 *   first and costs far more per text; a cache key needs no cryptographic strength.
 * - 64 bits: for n texts the chance of any collision is about n^2 / 2^65, so 3e-8 for a
 *   million texts. A 32-bit hash would collide about 116 times in a million (birthday
 *   bound), which rules out FNV-1a alone.
 * - Hashing UTF-16 code units needs no TextEncoder and treats every JavaScript string,
 *   including emoji and lone surrogates, the same way. Strings that differ only in Unicode
 *   normalisation (NFC vs NFD) hash differently: at worst a text is embedded again, never
 *   served a vector that belongs to another text.
 *
 * Not for adversarial input: someone who controls two texts could make them collide. Here
 * both texts would be the user's own profiles, so the worst case is one wrong cached vector
 * in their own data.
 */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h2) + hex32(h1);
}

function hex32(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}
