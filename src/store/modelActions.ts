/**
 * Choosing, loading and switching embedding models, and embedding the profiles with the
 * chosen one (through the embedding cache). A failed or cancelled switch keeps everything
 * the previous model produced on screen.
 */
import type { ProgressInfo } from '@huggingface/transformers';
import { profileToText } from '../data/profileText';
import { customModel, findModel, withPrefix, type DType, type ModelEntry } from '../embedding/catalogue';
import { explainModelError } from '../embedding/errors';
import { notAHubId, parseHubId } from '../embedding/hubId';
import { loadSpecFor } from '../embedding/loadSpec';
import type { DeviceChoice, LoadSpec } from '../embedding/protocol';
import { cacheModelKey, embedWithCache } from '../embedding/embeddingCache';
import { detectWebGPU, type GpuSupport } from '../embedding/webgpu';
import { useAppStore } from './appStore';
import type { DevicePreference } from './embeddingSlice';
import { getServices } from './services';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** Texts for the WebGPU-vs-WebAssembly agreement check: short, varied, recruiting-flavoured. */
const AGREEMENT_TEXTS = [
  'Product manager owning the roadmap and discovery for a payments app.',
  'Registered nurse on a busy surgical ward.',
  'Senior backend engineer: Java, Kafka, distributed systems.',
  'Accountant preparing month-end close and reconciliations.',
];
/** Below this mean cosine, vectors from the device cannot be trusted to match WebAssembly's. */
export const AGREEMENT_THRESHOLD = 0.99;

/** The catalogue's entry for an id, or a custom entry for a Hub id it does not know (the common case for sentence-transformers exports). */
export function resolveModel(id: string): ModelEntry {
  return findModel(id) ?? customModel(id);
}

/** The device to use for a preference, and why it differs from the preference, if it does. */
export function chooseDevice(pref: DevicePreference, gpu: GpuSupport | null, dtype: DType, model?: ModelEntry): { device: DeviceChoice; notice: string | null } {
  if (pref === 'wasm') return { device: 'wasm', notice: null };
  // a lookup table gains nothing from a GPU; "auto" keeps the bundled model on WebAssembly
  if (pref === 'auto' && model?.source === 'bundled') return { device: 'wasm', notice: null };
  const reason = !gpu ? 'WebGPU has not been checked yet' : !gpu.available ? gpu.reason : dtype === 'fp16' && !gpu.f16 ? 'this GPU has no shader-f16 for fp16 weights' : null;
  if (reason) return { device: 'wasm', notice: pref === 'webgpu' ? `Using WebAssembly: ${reason}.` : null };
  return { device: 'webgpu', notice: null };
}

/**
 * WebAssembly threads: up to 4 when the page is cross-origin isolated, else 1 (threads need
 * SharedArrayBuffer). `?threads=N` in the URL overrides it, for benchmarks and slow machines.
 */
export function threadCount(search = globalThis.location?.search ?? ''): number {
  if (!globalThis.crossOriginIsolated) return 1;
  const asked = Number(new URLSearchParams(search).get('threads'));
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, 16);
  return Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1));
}

export function specFor(model: ModelEntry, dtype: DType, device: DeviceChoice): LoadSpec {
  const { origin, base } = getServices();
  return loadSpecFor(model, { dtype, device, remoteHost: get().remoteHost, threads: threadCount() }, origin, base);
}

export async function checkWebGPU(): Promise<void> {
  const gpu = await detectWebGPU();
  set({ gpu });
}

function onLoadProgress(info: ProgressInfo): void {
  if (info.status === 'progress') {
    set((s) => ({ modelFiles: { ...s.modelFiles, [info.file]: { loaded: info.loaded, total: info.total } } }));
  } else if (info.status === 'done') {
    set((s) => {
      const f = s.modelFiles[info.file];
      return f ? { modelFiles: { ...s.modelFiles, [info.file]: { loaded: f.total, total: f.total } } } : {};
    });
  }
}

/** Starts loading the bundled model early (never WebGPU: that choice waits for detection). Errors surface later, in embedProfiles. */
export function preloadModel(): void {
  const { modelId, dtype } = get();
  const model = resolveModel(modelId);
  if (model.source !== 'bundled') return;
  getServices().client.load(specFor(model, dtype, 'wasm'), onLoadProgress).catch(() => undefined);
}

let loadSeq = 0;

/** Loads the chosen model (WebGPU falling back to WebAssembly) and embeds every profile, cache first. */
export async function embedProfiles(): Promise<boolean> {
  const seq = ++loadSeq;
  const { modelId, devicePreference, gpu, profiles } = get();
  let dtype = get().dtype;
  const previous = get().profileEmbeddings;
  const model = resolveModel(modelId);
  const { client } = getServices();
  let { device, notice } = chooseDevice(devicePreference, gpu, dtype, model);
  set({ embeddingStatus: 'loading-model', embeddingError: null, modelFiles: {}, embedProgress: null, deviceNotice: notice });
  try {
    let spec = specFor(model, dtype, device);
    try {
      const loaded = await client.load(spec, onLoadProgress);
      if (seq === loadSeq) set({ modelLoadMs: loaded.loadMs });
    } catch (err) {
      if (seq !== loadSeq) throw err;
      // a typed-in model may lack the quantized file the app tried first: fall back to fp32
      if (!findModel(model.id) && dtype !== 'fp32' && /could not locate file|404/i.test(err instanceof Error ? err.message : String(err))) {
        set({ dtype: 'fp32', deviceNotice: `${model.id} has no ${dtype} weights, so it runs in fp32.` });
        dtype = 'fp32';
        spec = specFor(model, dtype, device);
        await client.load(spec, onLoadProgress);
      } else {
        if (device !== 'webgpu') throw err;
        device = 'wasm';
        notice = `WebGPU could not run this model, so it runs on WebAssembly. (${err instanceof Error ? err.message.slice(0, 160) : String(err)})`;
        set({ deviceNotice: notice });
        spec = specFor(model, dtype, device);
        await client.load(spec, onLoadProgress);
      }
    }
    if (seq !== loadSeq) return false;
    const texts = profiles.map((p) => withPrefix(model, 'document', profileToText(p)));
    set({ embeddingStatus: 'embedding', embedCached: 0, embedProgress: { done: 0, total: texts.length, elapsedMs: 0 } });
    const cache = await getServices().openCache();
    const started = performance.now();
    const out = await embedWithCache(cache, cacheModelKey(model.revision ? `${model.id}@${model.revision}` : model.id, dtype, model.dims), texts, async (missing) => {
      if (seq === loadSeq) set({ embedCached: texts.length - missing.length, embedProgress: { done: texts.length - missing.length, total: texts.length, elapsedMs: 0 } });
      const r = await client.embed(spec, missing, model.pooling, (p) => {
        if (seq === loadSeq) set({ embedProgress: { done: texts.length - missing.length + p.done, total: texts.length, elapsedMs: p.elapsedMs } });
      });
      return { vectors: r.vectors, dim: r.dim };
    });
    if (seq !== loadSeq) return false;
    set({
      embeddingStatus: 'ready',
      profileEmbeddings: {
        modelId: model.id,
        dtype,
        device,
        matrix: out.matrix,
        elapsedMs: performance.now() - started,
        fromCache: out.fromCache,
        embedded: out.embedded,
        version: (previous?.version ?? 0) + 1,
      },
    });
    // vectors are saved in the background; a full disk turns the cache off, and we say so
    void out.saved.then(() => set({ cacheNotice: cache.status.state === 'ready' ? null : cache.status.reason }));
    if (device === 'webgpu') void checkAgreement();
    return true;
  } catch (err) {
    if (seq !== loadSeq) return false;
    const explained = explainModelError(err instanceof Error ? err.message : String(err), model.id);
    // nothing the user had is lost: the previous model's results stay, and stay selected
    set({
      embeddingStatus: previous ? 'ready' : 'error',
      embeddingError: previous ? `${explained} Still showing results from ${resolveModel(previous.modelId).label}.` : explained,
      modelId: previous?.modelId ?? modelId,
      dtype: previous?.dtype ?? dtype,
      embedProgress: null,
    });
    return false;
  }
}

/** Stops a model download or embedding at once (the worker is replaced) and keeps the previous results. */
export function cancelModelLoad(): void {
  const { embeddingStatus } = get();
  if (embeddingStatus !== 'loading-model' && embeddingStatus !== 'embedding') return;
  loadSeq++;
  getServices().client.terminate('Cancelled by you.');
  const previous = get().profileEmbeddings;
  set({
    embeddingStatus: previous ? 'ready' : 'idle',
    embeddingError: previous ? `Cancelled. Still showing results from ${resolveModel(previous.modelId).label}.` : 'Cancelled.',
    modelId: previous?.modelId ?? get().modelId,
    dtype: previous?.dtype ?? get().dtype,
    embedProgress: null,
    modelFiles: {},
  });
}

/** Embeds a few texts on WebGPU and on WebAssembly and records how well they agree. */
export async function checkAgreement(): Promise<void> {
  const e = get().profileEmbeddings;
  if (!e || e.device !== 'webgpu') return;
  const model = resolveModel(e.modelId);
  try {
    const texts = AGREEMENT_TEXTS.map((t) => withPrefix(model, 'document', t));
    const { cosines } = await getServices().client.agreement(specFor(model, e.dtype, 'webgpu'), texts, model.pooling);
    set({
      agreement: {
        modelId: e.modelId,
        dtype: e.dtype,
        meanCosine: cosines.reduce((a, b) => a + b, 0) / cosines.length,
        minCosine: Math.min(...cosines),
      },
    });
  } catch {
    // the check is advisory; a failure leaves no agreement shown
  }
}

/** Switches model (and optionally dtype); re-embeds (or reads the cache), re-ranks, re-clusters. */
export async function selectModel(modelId: string, dtype?: DType): Promise<void> {
  const model = resolveModel(modelId);
  const chosen = dtype && model.dtypes[dtype] ? dtype : model.defaultDtype;
  set({ modelId, dtype: chosen, agreement: null });
  await afterModelChange();
}

export async function setDtype(dtype: DType): Promise<void> {
  set({ dtype, agreement: null });
  await afterModelChange();
}

export async function setDevicePreference(devicePreference: DevicePreference): Promise<void> {
  set({ devicePreference, agreement: null });
  await afterModelChange();
}

/** Adds a Hub model id typed by the user and switches to it. */
export async function addCustomModel(rawId: string): Promise<void> {
  const id = parseHubId(rawId);
  if (!id) {
    set({ embeddingError: notAHubId(rawId) });
    return;
  }
  if (!findModel(id) && !get().customModelIds.includes(id)) set((s) => ({ customModelIds: [...s.customModelIds, id] }));
  await selectModel(id);
}

export function setRemoteHost(host: string): void {
  const trimmed = host.trim();
  set({ remoteHost: trimmed.endsWith('/') ? trimmed : `${trimmed}/` });
}

// set by actions.ts, which owns search and analysis, to avoid an import cycle
let onModelChanged: () => Promise<void> = async () => undefined;
export function setModelChangedHandler(handler: () => Promise<void>): void {
  onModelChanged = handler;
}

async function afterModelChange(): Promise<void> {
  if (await embedProfiles()) await onModelChanged();
}
