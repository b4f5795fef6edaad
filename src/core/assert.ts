/** Ends an exhaustive switch: the compiler proves it unreachable, the runtime reports the odd value. */
export function assertUnreachable(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

/** The message of anything thrown, for showing to a user. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
