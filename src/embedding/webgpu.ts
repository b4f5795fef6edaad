/** What this browser offers for WebGPU, checked once before the device choice is offered. */
export interface GpuSupport {
  available: boolean;
  /** `shader-f16`: needed to run fp16 weights on WebGPU. */
  f16: boolean;
  /** Why WebGPU is unavailable, in plain words. */
  reason: string | null;
}

interface GpuAdapterLike {
  features: { has(name: string): boolean };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

export async function detectWebGPU(gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu): Promise<GpuSupport> {
  if (!gpu) return { available: false, f16: false, reason: 'This browser has no WebGPU.' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { available: false, f16: false, reason: 'WebGPU is present but found no usable graphics adapter.' };
    return { available: true, f16: adapter.features.has('shader-f16'), reason: null };
  } catch (err) {
    return { available: false, f16: false, reason: `WebGPU failed to start: ${err instanceof Error ? err.message : String(err)}` };
  }
}
