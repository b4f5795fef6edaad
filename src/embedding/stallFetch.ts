/**
 * A fetch for transformers.js (`env.fetch`) that gives up on a host that stops sending: no
 * response headers, or no body bytes, for `stallMs`. A slow host that keeps sending is never
 * cut off; only silence is. The error names the host and the wait, so the UI can say so.
 */
type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Marks the message, so explainModelError can tell a stalled host from other failures. */
export const STALL_MARK = 'sent no data for';

function hostOf(input: string | URL | Request): string {
  try {
    return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).host;
  } catch {
    return 'the model host';
  }
}

export function stallError(input: string | URL | Request, stallMs: number): Error {
  const seconds = stallMs >= 1000 ? `${Math.round(stallMs / 100) / 10} s` : `${stallMs} ms`;
  return new Error(`${hostOf(input)} ${STALL_MARK} ${seconds} (download stalled)`);
}

export function stallGuardedFetch(base: Fetch, stallMs: number): Fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const outer = init?.signal;
    if (outer) {
      if (outer.aborted) controller.abort(outer.reason);
      else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    }
    const stalled = () => stallError(input, stallMs);
    const headerTimer = setTimeout(() => controller.abort(stalled()), stallMs);
    let response: Response;
    try {
      response = await base(input, { ...init, signal: controller.signal });
    } catch (err) {
      const reason: unknown = controller.signal.reason;
      throw controller.signal.aborted && reason instanceof Error ? reason : err;
    } finally {
      clearTimeout(headerTimer);
    }
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(out) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const silence = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(stalled()), stallMs);
        });
        try {
          const chunk = await Promise.race([reader.read(), silence]);
          if (chunk.done) out.close();
          else out.enqueue(chunk.value);
        } catch (err) {
          // stop the download itself, not only our reading of it
          controller.abort(err);
          out.error(err);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
