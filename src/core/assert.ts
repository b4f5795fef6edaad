/** Ends an exhaustive switch: the compiler proves it unreachable, the runtime reports the odd value. */
export function assertUnreachable(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
