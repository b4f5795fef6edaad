import { hashText } from '../core/textHash';

/** What the worker learned about one model file while loading it. */
export interface WeightsFile {
  /** Path inside the repo, e.g. "onnx/model_quantized.onnx". */
  file: string;
  /** Size in bytes, from the download (or cache read) progress. */
  bytes?: number;
  /** The file's ETag as the server sent it (the Hub's is the file's sha256 for LFS files). */
  etag?: string | null;
}

/**
 * A short name for the ONNX weights a pipeline actually loaded, so embeddings cached from one
 * version of a Hub model are never served for another: Hub models load from the moving
 * "main" revision. Built from each ONNX file's ETag where known, else its size; '' when
 * nothing is known (a local model, whose catalogue revision names it instead).
 */
export function weightsIdentity(files: readonly WeightsFile[]): string {
  const parts = files
    .filter((f) => /\.onnx(_data)?(_\d+)?$/.test(f.file) && (f.etag || f.bytes))
    .map((f) => `${f.file}:${f.etag ?? ''}:${f.bytes ?? ''}`)
    .sort();
  return parts.length ? hashText(parts.join('\n')).slice(0, 8) : '';
}
