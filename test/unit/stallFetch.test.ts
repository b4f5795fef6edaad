// @vitest-environment node
/**
 * The stall guard transformers.js downloads through (env.fetch in the workers), against the
 * stand-in Hub in its hung modes: a host that never answers, and one that goes silent after
 * some bytes. A slow host that keeps sending must not be cut off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInHub, type StandInHub } from '../helpers/standInHub.ts';
import { STALL_MARK, stallGuardedFetch } from '../../src/embedding/stallFetch';

const FILE = '/test-org/tiny-embed/resolve/main/onnx/model.onnx';
let hub: StandInHub;

beforeAll(async () => {
  hub = await startStandInHub({ chunkSize: 1024, chunkDelayMs: 20 });
});
afterAll(async () => {
  await hub.close();
});

function reset(): void {
  hub.faults.neverAnswer = false;
  hub.faults.stallAfterBytes = null;
}

describe('stallGuardedFetch', () => {
  it('fails a host that never answers, naming it, instead of waiting forever', async () => {
    reset();
    hub.faults.neverAnswer = true;
    const guarded = stallGuardedFetch(fetch, 300);
    // without the guard this would wait for the test's own timeout and fail there
    await expect(guarded(`${hub.url}${FILE}`)).rejects.toThrow(`127.0.0.1:${hub.port} ${STALL_MARK} 300 ms`);
    expect(hub.requests.some((r) => r.status === 0)).toBe(true);
  });

  it('fails a body that stops arriving after some bytes', async () => {
    reset();
    hub.faults.stallAfterBytes = 2048;
    const guarded = stallGuardedFetch(fetch, 300);
    const res = await guarded(`${hub.url}${FILE}`);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow(STALL_MARK);
  });

  it('lets a slow host that keeps sending finish, with the same status, headers and bytes', async () => {
    reset();
    const direct = new Uint8Array(await (await fetch(`${hub.url}${FILE}`)).arrayBuffer());
    // 1 KiB chunks every 20 ms: twenty of them take longer than the 200 ms allowed between bytes
    const res = await stallGuardedFetch(fetch, 200)(`${hub.url}${FILE}`, { headers: { Range: 'bytes=0-99' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-99/${direct.length}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(direct.subarray(0, 100));
    const twentyChunks = await stallGuardedFetch(fetch, 200)(`${hub.url}${FILE}`, { headers: { Range: 'bytes=0-20479' } });
    expect(new Uint8Array(await twentyChunks.arrayBuffer())).toEqual(direct.subarray(0, 20480));
  });

  it('passes the caller’s abort through', async () => {
    reset();
    hub.faults.neverAnswer = true;
    const ctl = new AbortController();
    const pending = stallGuardedFetch(fetch, 10_000)(`${hub.url}${FILE}`, { signal: ctl.signal });
    ctl.abort(new Error('cancelled by the test'));
    await expect(pending).rejects.toThrow('cancelled by the test');
  });
});
