import { describe, expect, it } from 'vitest';
import { clearModelFiles, listModelFiles, MODEL_FILE_CACHE } from '../../src/embedding/modelFileCache';

/** A Cache Storage stand-in holding one cache of `files` (url -> body), or throwing `fail` from every call. */
function cacheStorage(files: Record<string, string>, fail?: Error): CacheStorage {
  const boom = async () => {
    if (fail) throw fail;
  };
  const cache = {
    keys: async () => (await boom(), Object.keys(files).map((url) => new Request(url))),
    match: async (req: Request) => (await boom(), new Response(files[req.url])),
  };
  return {
    has: async (name: string) => (await boom(), name === MODEL_FILE_CACHE),
    open: async () => (await boom(), cache),
    delete: async () => (await boom(), true),
  } as unknown as CacheStorage;
}

describe('model file cache', () => {
  it('lists the files with their sizes', async () => {
    const files = await listModelFiles(cacheStorage({ 'https://hub/m/resolve/main/onnx/model.onnx': 'abcd' }));
    expect(files).toEqual([{ url: 'https://hub/m/resolve/main/onnx/model.onnx', bytes: 4 }]);
  });

  it('reports a listing that fails instead of returning an empty list', async () => {
    const storage = cacheStorage({ 'https://hub/x': 'x' }, new DOMException('The operation is insecure.', 'SecurityError'));
    await expect(listModelFiles(storage)).rejects.toThrow('The downloaded model files could not be listed (The operation is insecure.).');
  });

  it('reports a missing Cache Storage for listing and clearing', async () => {
    await expect(listModelFiles(undefined)).rejects.toThrow(/does not offer Cache Storage/);
    await expect(clearModelFiles(undefined)).rejects.toThrow(/does not offer Cache Storage/);
  });

  it('reports a clear that fails', async () => {
    await expect(clearModelFiles(cacheStorage({}, new Error('quota manager busy')))).rejects.toThrow('The downloaded model files could not be deleted (quota manager busy).');
    await expect(clearModelFiles(cacheStorage({}))).resolves.toBeUndefined();
  });
});
