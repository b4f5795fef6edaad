import { describe, expect, it } from 'vitest';
import { explainModelError } from '../../src/embedding/errors';
import { detectWebGPU } from '../../src/embedding/webgpu';

describe('explainModelError', () => {
  it.each([
    ['Could not locate file: "https://huggingface.co/x/y/resolve/main/onnx/model_q4.onnx".', /was not found/],
    ['HTTP 404 Not Found', /was not found/],
    ['TypeError: Failed to fetch', /unreachable.*offline/],
    ['Unauthorized access to file (401)', /not found on the Hub, or it needs a login/],
    ['RangeError: Array buffer allocation failed', /ran out of memory/],
    ['Could not find an implementation for MatMulNBits(1) node', /cannot run on this device/],
    ["Can't create a session. failed to load model: protobuf parsing failed", /damaged/],
    ['something unexpected', /Could not run "org\/model"/],
    ['127.0.0.1:5190 sent no data for 20 s (download stalled)', /stopped: the model host sent nothing for too long\. Retry/],
    ['Unexpected token \'<\', "<!doctype "... is not valid JSON', /answered with a web page instead of model files: this host is not a model hub/],
    ['JSON.parse: unexpected character at line 1 column 1 of the JSON data', /this host is not a model hub/],
  ])('explains %s', (raw, expected) => {
    const text = explainModelError(raw, 'org/model');
    expect(text).toMatch(expected);
    expect(text).toContain(raw.slice(0, 40));
  });

  it('names the host when it is known', () => {
    expect(explainModelError('Unexpected token \'<\', "<html>" is not valid JSON', 'org/model', 'example.com')).toContain('The model host example.com answered with a web page');
  });

  it('says cancelled plainly', () => {
    expect(explainModelError('Cancelled by you.', 'x')).toBe('Cancelled.');
  });
});

describe('detectWebGPU', () => {
  it('reports no WebGPU, no adapter, an adapter with or without shader-f16, and a failure', async () => {
    await expect(detectWebGPU(undefined)).resolves.toMatchObject({ available: false, reason: 'This browser has no WebGPU.' });
    await expect(detectWebGPU({ requestAdapter: async () => null })).resolves.toMatchObject({ available: false, reason: /no usable graphics adapter/ });
    const adapter = (f16: boolean) => ({ requestAdapter: async () => ({ features: { has: (n: string) => f16 && n === 'shader-f16' } }) });
    await expect(detectWebGPU(adapter(true))).resolves.toEqual({ available: true, f16: true, reason: null });
    await expect(detectWebGPU(adapter(false))).resolves.toEqual({ available: true, f16: false, reason: null });
    await expect(detectWebGPU({ requestAdapter: async () => Promise.reject(new Error('boom')) })).resolves.toMatchObject({ available: false, reason: /boom/ });
  });
});
