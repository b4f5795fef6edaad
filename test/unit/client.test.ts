import { describe, expect, it, vi } from 'vitest';
import { EmbeddingClient } from '../../src/embedding/client';
import { FakeWorker } from '../helpers/fakeWorker';
import { CATALOGUE, withPrefix } from '../../src/embedding/catalogue';
import { loadSpecFor } from '../../src/embedding/loadSpec';

const options = { dtype: 'q8', device: 'wasm', remoteHost: 'https://huggingface.co/', threads: 1 } as const;
const spec = loadSpecFor(CATALOGUE[0], options, 'http://127.0.0.1:4173', '/');

describe('EmbeddingClient', () => {
  it('matches replies to requests by id and forwards progress', async () => {
    const worker = new FakeWorker((req, reply) => {
      if (req.type === 'embed') {
        reply({ id: req.id, type: 'progress', progress: { done: 1, total: 2, elapsedMs: 5 } });
        reply({ id: req.id, type: 'result', result: { vectors: Float32Array.from([1, 0, 0, 1]), dim: 2, truncated: 0, maxTokensApplied: 512, elapsedMs: 9 } });
      }
    });
    const client = new EmbeddingClient(() => worker);
    const progress = vi.fn();
    const [a, b] = await Promise.all([client.embed(spec, ['x', 'y'], 'mean', progress), client.embed(spec, ['z'], 'mean')]);
    expect(a.dim).toBe(2);
    expect(b.dim).toBe(2);
    expect(progress).toHaveBeenCalledWith({ done: 1, total: 2, elapsedMs: 5 });
    expect(worker.received.map((r) => r.id)).toEqual([1, 2]);
  });

  it('rejects with the worker error message', async () => {
    const client = new EmbeddingClient(() => new FakeWorker((req, reply) => reply({ id: req.id, type: 'error', message: 'HTTP 404' })));
    await expect(client.load(spec)).rejects.toThrow('HTTP 404');
  });

  it('terminate rejects pending calls and the next call starts a fresh worker', async () => {
    const workers: FakeWorker[] = [];
    const client = new EmbeddingClient(() => {
      const w = new FakeWorker(() => undefined); // never answers
      workers.push(w);
      return w;
    });
    const pending = client.embed(spec, ['x'], 'mean');
    client.terminate('Cancelled by the user.');
    await expect(pending).rejects.toThrow('Cancelled by the user.');
    expect(workers[0].terminated).toBe(true);
    void client.embed(spec, ['y'], 'mean').catch(() => undefined);
    expect(workers).toHaveLength(2);
  });

  it('runs each device in its own worker (ONNX Runtime keeps the build a worker loaded first), and terminate stops both', async () => {
    const workers: { device: string; worker: FakeWorker }[] = [];
    const client = new EmbeddingClient((device) => {
      const worker = new FakeWorker((req, reply) => {
        if (req.type === 'load') reply({ id: req.id, type: 'result', result: { modelId: req.spec.modelId, dtype: req.spec.dtype, device: req.spec.device, weights: '', loadMs: 1 } });
      });
      workers.push({ device, worker });
      return worker;
    });
    const gpuSpec = { ...spec, device: 'webgpu' as const };
    await client.load(spec);
    await client.load(gpuSpec);
    await client.load(spec);
    expect(workers.map((w) => w.device)).toEqual(['wasm', 'webgpu']);
    expect(workers[0].worker.received.map((r) => r.type === 'load' && r.spec.device)).toEqual(['wasm', 'wasm']);
    expect(workers[1].worker.received.map((r) => r.type === 'load' && r.spec.device)).toEqual(['webgpu']);
    client.terminate();
    expect(workers.every((w) => w.worker.terminated)).toBe(true);
  });
});

describe('catalogue and load spec', () => {
  it('builds absolute URLs under the app base and keeps the bundled model offline', () => {
    const s = loadSpecFor(CATALOGUE[0], options, 'http://127.0.0.1:4173', '/app/');
    expect(s.localModelPath).toBe('/app/models/');
    expect(s.wasmPaths).toEqual({ mjs: 'http://127.0.0.1:4173/app/ort/ort-wasm-simd-threaded.mjs', wasm: 'http://127.0.0.1:4173/app/ort/ort-wasm-simd-threaded.wasm' });
    expect(s.allowRemote).toBe(false);
  });

  it('serves the plain ONNX Runtime build to WebAssembly and the asyncify build to WebGPU', () => {
    const gpu = loadSpecFor(CATALOGUE[1], { ...options, device: 'webgpu' }, 'http://127.0.0.1:4173', '/');
    expect(gpu.wasmPaths).toEqual({ mjs: 'http://127.0.0.1:4173/ort/ort-wasm-simd-threaded.asyncify.mjs', wasm: 'http://127.0.0.1:4173/ort/ort-wasm-simd-threaded.asyncify.wasm' });
    expect(spec.wasmPaths.wasm).toBe('http://127.0.0.1:4173/ort/ort-wasm-simd-threaded.wasm');
  });

  it('applies query and document prefixes', () => {
    const m = { queryPrefix: 'query: ', documentPrefix: 'passage: ' };
    expect(withPrefix(m, 'query', 'PM role')).toBe('query: PM role');
    expect(withPrefix(m, 'document', 'profile')).toBe('passage: profile');
    for (const entry of CATALOGUE) expect(withPrefix(entry, 'query', 'x').endsWith('x')).toBe(true);
  });
});
