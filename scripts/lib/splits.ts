/**
 * The bundled job descriptions' two halves: settings (the bundled model's SIF weights, the
 * hybrid fusion) are chosen on the odd-numbered ids (j001, j003, …) and reported on the
 * even-numbered ones, which nothing was tuned on.
 */
export type Split = 'tune' | 'test';

export function splitOf(jobId: string): Split {
  const n = Number(jobId.replace(/\D/g, ''));
  if (!Number.isInteger(n) || !/\d/.test(jobId)) throw new Error(`split: job id "${jobId}" has no number`);
  return n % 2 === 1 ? 'tune' : 'test';
}
