/**
 * Bytes to text for an import: refuses empty, binary and non-UTF-8 files with a message
 * that says what the file seems to be and what to do, and drops a UTF-8 byte-order mark.
 */
import { ImportError } from './issues';

/** How far into the file binary content is looked for (NUL bytes, magic numbers). */
const SNIFF_BYTES = 65_536;

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx or OpenDocument file is one): save the sheet as CSV (UTF-8) and import that' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Word file: save the sheet as CSV (UTF-8) and import that' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF: export the profiles as CSV or JSON instead' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive: unpack it first' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** 1-based line of a byte offset (counts LF bytes before it; CR LF counts once). */
export function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** What is wrong with these bytes as a text file, or null when they look like text. */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return `This file is ${m.what}.`;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return 'This file is saved as UTF-16 text: save it again as UTF-8 (in Excel: "CSV UTF-8"), then import it.';
  }
  const end = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0) return `This looks like a binary file, not text (a zero byte at byte ${i + 1}): import a CSV, TSV, JSON or JSONL file.`;
  }
  return null;
}

/** The file's text (BOM dropped), or an ImportError that names the problem and the fix. */
export function decodeImportBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError('The file is empty: choose a file with a header row and at least one profile.');
  const binary = binaryReason(bytes);
  if (binary) throw new ImportError(binary);
  let text: string;
  try {
    // fatal: a wrong byte must be reported, never silently turned into U+FFFD; the BOM is dropped
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const pos = at >= 0 ? ` at line ${lineAtByte(bytes, at)} (byte ${at + 1})` : '';
    throw new ImportError(
      `The file is not valid UTF-8${pos}; it was probably saved in another encoding (Windows-1252, Latin-1). Save it again as UTF-8 (in Excel: "CSV UTF-8") and import it again.`,
    );
  }
  if (text.trim() === '') throw new ImportError('The file has no content, only blank space: choose a file with a header row and at least one profile.');
  return text;
}
