/**
 * Choosing, loading and switching embedding models, and embedding the profiles with the
 * chosen one (through the embedding cache). A failed or cancelled switch keeps everything
 * the previous model produced on screen.
 */
import { attachInt8Codes } from './searchIndex';
import type { ProgressInfo } from '@huggingface/transformers';
import { profileToText } from '../data/profileText';
import { BUNDLED_MODEL, customModel, findModel, withPrefix, type DType, type ModelEntry } from '../embedding/catalogue';
import { explainModelError } from '../embedding/errors';
import { apiModelEntry } from '../api/models';
import { checkHubId } from '../embedding/hubId';
import { DEFAULT_REMOTE_HOST, DEFAULT_STALL_MS, loadSpecFor } from '../embedding/loadSpec';
import { checkMirror, mirrorLabel } from '../embedding/mirror';
import { confirmOrigin, releaseOrigin } from './connectActions';
import { policyWarning, reachOf } from './pagePolicy';
import { STALL_MARK } from '../embedding/stallFetch';
import type { DeviceChoice, LoadResult, LoadSpec } from '../embedding/protocol';
import { cacheModelKey, embedWithCache, type CachedEmbedding, type EmbeddingCache } from '../embedding/embeddingCache';
import { embedInChunks } from '../embedding/progressiveEmbed';
import { shouldPublish } from '../core/progressive';
import { detectWebGPU, type GpuSupport } from '../embedding/webgpu';
import { useAppStore } from './appStore';
import type { Agreement, DevicePreference, ProfileEmbeddings, Truncation } from './embeddingSlice';
import { getServices } from './services';
import { markStartup, STARTUP_MARKS } from './startupMarks';
import { withPrebuilt, type PrebuiltVectors } from '../embedding/prebuilt';
import { BUNDLED_DATASET_ID } from './datasetSlice';

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
  return findModel(id) ?? apiModelEntry(id) ?? customModel(id);
}

/** The device to use for a preference, and why it differs from the preference, if it does. */
export function chooseDevice(pref: DevicePreference, gpu: GpuSupport | null, dtype: DType, model?: ModelEntry): { device: DeviceChoice; notice: string | null } {
  // an API model runs on its endpoint; 'wasm' is only what its cache key records
  if (pref === 'wasm' || model?.source === 'api') return { device: 'wasm', notice: null };
  // a lookup table gains nothing from a GPU; "auto" keeps the bundled model on WebAssembly
  if (pref === 'auto' && model?.source === 'bundled') return { device: 'wasm', notice: null };
  const reason = !gpu ? 'WebGPU has not been checked yet' : !gpu.available ? gpu.reason : dtype === 'fp16' && !gpu.f16 ? 'this GPU has no shader-f16 for fp16 weights' : null;
  if (reason) return { device: 'wasm', notice: pref === 'webgpu' ? `Using WebAssembly: ${reason}.` : null };
  return { device: 'webgpu', notice: null };
}

/** Link values are echoed in notices; a pasted essay is shortened. */
function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 30)}…` : raw;
}

/**
 * WebAssembly threads: up to 4 when the page is cross-origin isolated, else 1 (threads need
 * SharedArrayBuffer). `?threads=N` in the URL overrides it, for benchmarks and slow machines,
 * but never beyond the machine's cores (more threads than cores only slow it down); a value
 * that cannot be used is reported in `notice`.
 */
export function threadSetting(search: string, cores: number, isolated: boolean): { threads: number; notice: string | null } {
  const usable = Math.max(1, cores);
  const fallback = isolated ? Math.min(4, usable) : 1;
  const raw = new URLSearchParams(search).get('threads');
  if (raw === null) return { threads: fallback, notice: null };
  const asked = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  const using = (n: number) => `${n} ${n === 1 ? 'thread is' : 'threads are'} used`;
  if (!(asked >= 1)) return { threads: fallback, notice: `The link's threads=${shown(raw)} is not a whole number of 1 or more, so ${using(fallback)}.` };
  if (!isolated) return { threads: 1, notice: asked > 1 ? `The link asks for ${asked} threads, but threads need a cross-origin isolated page, so ${using(1)}.` : null };
  if (asked > usable) return { threads: usable, notice: `The link asks for ${asked} threads, but this machine has ${usable} ${usable === 1 ? 'core' : 'cores'}, so ${using(usable)}.` };
  return { threads: asked, notice: null };
}

export function threadCount(search = globalThis.location?.search ?? ''): number {
  return threadSetting(search, globalThis.navigator?.hardwareConcurrency ?? 1, !!globalThis.crossOriginIsolated).threads;
}

/** `?stall=S`: seconds without a byte before a download is given up (1-600; tests use a short one). */
export function stallSetting(search: string): { stallMs: number; notice: string | null } {
  const raw = new URLSearchParams(search).get('stall');
  if (raw === null) return { stallMs: DEFAULT_STALL_MS, notice: null };
  const seconds = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (seconds >= 1 && seconds <= 600) return { stallMs: seconds * 1000, notice: null };
  return { stallMs: DEFAULT_STALL_MS, notice: `The link's stall=${shown(raw)} is not a number of seconds from 1 to 600, so downloads wait ${DEFAULT_STALL_MS / 1000} s for data.` };
}

/**
 * Reads the link's parameters once, at start. A mirror from the link (?hub=) is only offered:
 * nothing is fetched from it until the user accepts it (acceptLinkMirror), since anyone can
 * send a link. The mirror typed in the settings, if any, is what is used meanwhile.
 */
export function applyLinkParams(search: string): void {
  const notices: string[] = [];
  const saved = get().savedMirror;
  set({ remoteHost: saved ?? DEFAULT_REMOTE_HOST, remoteHostSource: saved ? 'settings' : 'hub', pendingMirror: null });
  const hub = new URLSearchParams(search).get('hub');
  if (hub !== null) {
    const checked = checkMirror(hub);
    if (!checked.ok) notices.push(`The link's model mirror was ignored: ${checked.reason}`);
    else if (checked.host !== get().remoteHost) set({ pendingMirror: checked.host });
  }
  const threads = threadSetting(search, globalThis.navigator?.hardwareConcurrency ?? 1, !!globalThis.crossOriginIsolated);
  if (threads.notice) notices.push(threads.notice);
  const stall = stallSetting(search);
  if (stall.notice) notices.push(stall.notice);
  set({ linkNotices: notices, stallMs: stall.stallMs });
}

/**
 * Uses the mirror the link named, for this page only. "Use" is the user's confirmation: an
 * origin the running policy lacks is allowed in this browser from the next page load (the link
 * stays in the address bar, so after the reload it is offered again and then reachable).
 */
export function acceptLinkMirror(): void {
  const host = get().pendingMirror;
  if (!host) return;
  confirmOrigin(host);
  set({ remoteHost: host, remoteHostSource: 'link', pendingMirror: null });
}

/** Keeps the current model host and forgets the link's mirror. */
export function ignoreLinkMirror(): void {
  set({ pendingMirror: null });
}

/** Resolves once the user has accepted or ignored the link's mirror (at once if there is none). */
export function mirrorDecided(): Promise<void> {
  if (!get().pendingMirror) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useAppStore.subscribe((s) => {
      if (s.pendingMirror) return;
      stop();
      resolve();
    });
  });
}

/** The mirror typed in the settings (remembered across visits); '' goes back to the Hub. Returns why it was refused, or null. */
export function setSavedMirror(raw: string): string | null {
  const previous = get().savedMirror;
  if (!raw.trim()) {
    set({ savedMirror: null, remoteHost: DEFAULT_REMOTE_HOST, remoteHostSource: 'hub' });
    if (previous) releaseOrigin(previous);
    return null;
  }
  const checked = checkMirror(raw);
  if (!checked.ok) return checked.reason;
  if (reachOf(checked.host) === 'never') return policyWarning(checked.host);
  // saving it is the user's confirmation: its origin is allowed from the next page load
  confirmOrigin(checked.host);
  set({ savedMirror: checked.host, remoteHost: checked.host, remoteHostSource: 'settings', pendingMirror: null });
  if (previous && previous !== checked.host) releaseOrigin(previous);
  return null;
}

export function specFor(model: ModelEntry, dtype: DType, device: DeviceChoice): LoadSpec {
  const { origin, base } = getServices();
  const { remoteHost, stallMs } = get();
  return loadSpecFor(model, { dtype, device, remoteHost, threads: threadCount(), stallMs }, origin, base);
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

/**
 * The bundled profiles' vectors built with the app, for a bundled model on the bundled data
 * (null otherwise, or when the build has none). Rows are used only for the texts and the
 * model key they were built for (withPrebuilt).
 */
function prebuiltFor(model: ModelEntry): Promise<PrebuiltVectors | null> {
  const { prebuilt } = getServices();
  if (!prebuilt || model.source !== 'bundled' || get().datasetId !== BUNDLED_DATASET_ID) return Promise.resolve(null);
  return prebuilt(model.id);
}

/** Starts loading the bundled model early (never WebGPU: that choice waits for detection), and its prebuilt vectors. Errors surface later, in embedProfiles. */
export function preloadModel(): void {
  const { modelId, dtype } = get();
  const model = resolveModel(modelId);
  if (model.source !== 'bundled') return;
  void prebuiltFor(model);
  void getServices().openCache();
  getServices().client.load(specFor(model, dtype, 'wasm'), onLoadProgress).then(() => markStartup(STARTUP_MARKS.model), () => undefined);
}

let loadSeq = 0;

/**
 * The embedding cache key of a model's vectors: the bundled model's weights are named by its
 * catalogue revision, a Hub model's by the files the worker loaded (`LoadResult.weights`).
 */
export function cacheKeyFor(model: ModelEntry, dtype: DType, device: DeviceChoice, loadedWeights: string): string {
  return cacheModelKey({ modelId: model.id, weights: model.revision ?? loadedWeights, dtype, device, dims: model.dims });
}

/** Loads the model, falling back to fp32 (a typed-in model without quantized weights) or to WebAssembly. */
async function loadChosen(seq: number, model: ModelEntry, dtype: DType, device: DeviceChoice): Promise<{ spec: LoadSpec; loaded: LoadResult; dtype: DType; device: DeviceChoice }> {
  const { client } = getServices();
  let spec = specFor(model, dtype, device);
  try {
    const loaded = await client.load(spec, onLoadProgress);
    return { spec, loaded, dtype, device };
  } catch (err) {
    if (seq !== loadSeq) throw err;
    // a typed-in model may lack the quantized file the app tried first: fall back to fp32
    if (!findModel(model.id) && dtype !== 'fp32' && /could not locate file|404/i.test(err instanceof Error ? err.message : String(err))) {
      set({ dtype: 'fp32', deviceNotice: `${model.id} has no ${dtype} weights, so it runs in fp32.` });
      spec = specFor(model, 'fp32', device);
      return { spec, loaded: await client.load(spec, onLoadProgress), dtype: 'fp32', device };
    }
    if (device !== 'webgpu') throw err;
    set({ deviceNotice: `WebGPU could not run this model, so it runs on WebAssembly. (${err instanceof Error ? err.message.slice(0, 160) : String(err)})` });
    spec = specFor(model, dtype, 'wasm');
    return { spec, loaded: await client.load(spec, onLoadProgress), dtype, device: 'wasm' };
  }
}

/**
 * The bundled model is a lookup table that the embedding client can run in plain JavaScript,
 * bit for bit as on ONNX Runtime, while ONNX Runtime loads (EmbeddingClient, table.worker.ts):
 * so nothing waits for the runtime, which goes on loading here (it usually started with the
 * page, preloadModel) and takes over once loaded. If it fails, the table keeps answering.
 */
function loadInBackground(seq: number, model: ModelEntry, dtype: DType): { spec: LoadSpec; loaded: LoadResult; dtype: DType; device: DeviceChoice } {
  const spec = specFor(model, dtype, 'wasm');
  getServices()
    .client.load(spec, onLoadProgress)
    .then(
      (loaded) => {
        if (seq === loadSeq) set({ modelLoadMs: loaded.loadMs });
        markStartup(STARTUP_MARKS.model);
      },
      (err: unknown) => {
        if (seq === loadSeq) set({ deviceNotice: `ONNX Runtime could not load ${model.label}, so it runs in plain JavaScript (the same vectors). (${err instanceof Error ? err.message.slice(0, 160) : String(err)})` });
      },
    );
  return { spec, loaded: { modelId: model.id, dtype, device: 'wasm', weights: '', loadMs: NaN }, dtype, device: 'wasm' };
}

/**
 * Embeds a few texts with the model on WebGPU and on WebAssembly and compares them (cosine).
 * Runs before any profile is embedded on WebGPU, so vectors from a device that disagrees are
 * never computed, shown or cached. Returns the error message if the check itself failed to run.
 */
async function measureAgreement(model: ModelEntry, dtype: DType): Promise<Agreement | string> {
  try {
    const texts = AGREEMENT_TEXTS.map((t) => withPrefix(model, 'document', t));
    const { cosines } = await getServices().client.agreement(specFor(model, dtype, 'webgpu'), texts, model.pooling);
    const meanCosine = cosines.reduce((a, b) => a + b, 0) / cosines.length;
    return { modelId: model.id, dtype, meanCosine, minCosine: Math.min(...cosines), passed: meanCosine >= AGREEMENT_THRESHOLD };
  } catch (err) {
    return err instanceof Error ? err.message.slice(0, 160) : String(err);
  }
}

interface EmbedRun {
  seq: number;
  model: ModelEntry;
  spec: LoadSpec;
  dtype: DType;
  device: DeviceChoice;
  version: number;
  /** performance.now() when embedding began. */
  started: number;
  /** What was on screen when the run began. */
  previous: ProfileEmbeddings | null;
}

/**
 * Embeds through the cache a chunk at a time (each chunk saved as it arrives) and puts the
 * profiles embedded so far on screen: at once when the cache already holds some (a reload
 * mid-run), then at most every PUBLISH_EVERY_MS. While another model's results are on screen
 * they stay until this one has TAKEOVER_MIN profiles. A newer run or a cancel stops it after
 * the chunk in hand (or at once: cancel replaces the worker).
 */
async function embedProgressively(run: EmbedRun, cache: EmbeddingCache, key: string, texts: string[], onTruncation: (t: Truncation) => void): Promise<CachedEmbedding> {
  const { seq, model, spec, previous } = run;
  const { client } = getServices();
  const othersOnScreen = !!previous && !(previous.modelId === model.id && previous.dtype === run.dtype && previous.device === run.device);
  let published = false;
  let lastPublished = 0;
  let truncated = 0;
  let computed = 0;
  // model time of the chunks finished, so progress inside a chunk shows a true rate
  let modelMs = 0;
  return embedInChunks(
    cache,
    key,
    texts,
    async (chunk) => {
      const before = get().embedProgress?.done ?? 0;
      const r = await client.embed(spec, chunk, model.pooling, (p) => {
        if (seq === loadSeq) set({ embedProgress: { done: before + p.done, total: texts.length, elapsedMs: modelMs + p.elapsedMs } });
      });
      truncated += r.truncated;
      computed += chunk.length;
      onTruncation({ truncated, of: computed, maxTokens: r.maxTokensApplied });
      return { vectors: r.vectors, dim: r.dim };
    },
    {
      isCurrent: () => seq === loadSeq,
      onProgress: (p) => {
        if (seq !== loadSeq) return;
        modelMs = p.elapsedMs;
        set({ embedCached: p.fromCache, embedDuplicates: p.duplicates, embedProgress: { done: p.done, total: p.total, elapsedMs: p.elapsedMs } });
        const now = performance.now();
        if (p.done >= p.total || !shouldPublish({ done: p.done, total: p.total, published, othersOnScreen, sinceLastMs: now - lastPublished })) return;
        const { matrix, has } = p.snapshot();
        set({
          profileEmbeddings: {
            modelId: model.id,
            dtype: run.dtype,
            device: run.device,
            matrix,
            elapsedMs: now - run.started,
            fromCache: p.fromCache,
            embedded: p.computed,
            duplicates: p.duplicates,
            truncation: computed > 0 ? { truncated, of: computed, maxTokens: spec.maxTokens } : null,
            version: run.version,
            coverage: { has, count: p.done },
          },
        });
        const first = !published;
        published = true;
        lastPublished = now;
        void onPartial(first);
      },
    },
  );
}

/** Loads the chosen model (WebGPU checked against WebAssembly first) and embeds every profile, cache first. */
export async function embedProfiles(): Promise<boolean> {
  const seq = ++loadSeq;
  const { modelId, devicePreference, gpu, profiles } = get();
  const previous = get().profileEmbeddings;
  const model = resolveModel(modelId);
  const { client } = getServices();
  const chosen = chooseDevice(devicePreference, gpu, get().dtype, model);
  set({ embeddingStatus: 'loading-model', embeddingError: null, retryModel: null, modelFiles: {}, embedProgress: null, deviceNotice: chosen.notice });
  try {
    const tableFirst = model.source === 'bundled' && chosen.device === 'wasm';
    const first = tableFirst ? loadInBackground(seq, model, get().dtype) : await loadChosen(seq, model, get().dtype, chosen.device);
    const { dtype } = first;
    let { spec, loaded, device } = first;
    if (seq !== loadSeq) return false;
    if (device === 'webgpu') {
      const agreement = await measureAgreement(model, dtype);
      if (seq !== loadSeq) return false;
      const passed = typeof agreement !== 'string' && agreement.passed;
      set({ agreement: typeof agreement === 'string' ? null : agreement });
      if (!passed) {
        set({
          deviceNotice:
            typeof agreement === 'string'
              ? `WebGPU could not be checked against WebAssembly (${agreement}), so ${model.id} runs on WebAssembly.`
              : `${model.id} runs on WebAssembly: WebGPU failed the agreement check, and nothing it computed was kept.`,
        });
        device = 'wasm';
        spec = specFor(model, dtype, device);
        loaded = await client.load(spec, onLoadProgress);
        if (seq !== loadSeq) return false;
      }
    }
    if (!tableFirst) {
      set({ modelLoadMs: loaded.loadMs });
      markStartup(STARTUP_MARKS.model);
    }
    // the dataset's file came with this model's vectors: only job descriptions need the model
    const file = get().datasetVectors;
    if (file && file.modelId === model.id && file.matrix.length === profiles.length * file.dims) {
      const matrix = { vectors: file.matrix, dim: file.dims };
      if (file.int8) attachInt8Codes(matrix, file.int8.codes, file.int8.scales);
      set({
        embeddingStatus: 'ready',
        embedCached: 0,
        embedDuplicates: 0,
        embedProgress: null,
        profileEmbeddings: {
          modelId: model.id,
          dtype,
          device,
          matrix,
          elapsedMs: 0,
          fromCache: 0,
          embedded: 0,
          duplicates: 0,
          truncation: null,
          version: (previous?.version ?? 0) + 1,
          fromFile: { encoding: file.encoding, rescaled: file.rescaled },
        },
      });
      markStartup(STARTUP_MARKS.embedded);
      return true;
    }
    const texts = profiles.map((p) => withPrefix(model, 'document', profileToText(p)));
    set({ embeddingStatus: 'embedding', embedCached: 0, embedDuplicates: 0, embedProgress: { done: 0, total: texts.length, elapsedMs: 0 } });
    const cache = await getServices().openCache();
    const started = performance.now();
    const key = cacheKeyFor(model, dtype, device, loaded.weights);
    const version = (previous?.version ?? 0) + 1;
    const run: EmbedRun = { seq, model, spec, dtype, device, version, started, previous };
    let truncation: Truncation | null = null;
    // the bundled model's vectors built with the app answer first, for exactly the texts they were built for
    const layered = withPrebuilt(cache, await prebuiltFor(model));
    // a Hub model is a real transformer: minutes for a few thousand profiles, so it embeds in
    // chunks and the profiles embedded so far are searchable (the bundled model takes seconds;
    // an API backend saves its own batches and asks consent for the whole run)
    const out =
      model.source === 'hub'
        ? await embedProgressively(run, cache, key, texts, (t) => (truncation = t))
        : await embedWithCache(layered, key, texts, async (missing, hits) => {
            const answered = hits.fromCache + hits.duplicates;
            if (seq === loadSeq) set({ embedCached: hits.fromCache, embedDuplicates: hits.duplicates, embedProgress: { done: answered, total: texts.length, elapsedMs: 0 } });
            const r = await client.embed(spec, missing, model.pooling, (p) => {
              if (seq === loadSeq) set({ embedProgress: { done: answered + p.done, total: texts.length, elapsedMs: p.elapsedMs } });
            });
            truncation = { truncated: r.truncated, of: missing.length, maxTokens: r.maxTokensApplied };
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
        prebuilt: layered.served,
        embedded: out.embedded,
        duplicates: out.duplicates,
        truncation,
        version,
        coverage: null,
      },
    });
    markStartup(STARTUP_MARKS.embedded);
    // vectors are saved in the background; a full disk turns the cache off, and we say so
    void out.saved.then(() => set({ cacheNotice: cache.status.state === 'ready' ? null : cache.status.reason }));
    return true;
  } catch (err) {
    if (seq !== loadSeq) return false;
    const raw = err instanceof Error ? err.message : String(err);
    const explained = explainModelError(raw, model.id, model.source === 'hub' ? mirrorLabel(get().remoteHost) : undefined);
    // a silent or unreachable host may answer next time: offer to try again
    const retry = model.source === 'hub' && (raw.includes(STALL_MARK) || /failed to fetch|network ?error|load failed/i.test(raw));
    // nothing the user had is lost: what is on screen stays, and stays selected (the previous
    // model's results, or the profiles this model embedded before it failed)
    const shown = get().profileEmbeddings;
    set({
      retryModel: retry ? { modelId: model.id, dtype: get().dtype } : null,
      embeddingStatus: shown ? 'ready' : 'error',
      embeddingError: shown ? `${explained} Still showing results from ${resolveModel(shown.modelId).label}${shown.coverage ? ` (${shown.coverage.count.toLocaleString()} of ${shown.coverage.has.length.toLocaleString()} profiles embedded)` : ''}.` : explained,
      modelId: shown?.modelId ?? modelId,
      dtype: shown?.dtype ?? get().dtype,
      embedProgress: null,
    });
    return false;
  }
}

/**
 * Stops a model download or embedding at once (the worker is replaced) and keeps what is on
 * screen: the previous model's results, or the profiles this model embedded so far (saved in
 * the cache; `resumeEmbedding` goes on from there).
 */
export function cancelModelLoad(): void {
  const { embeddingStatus } = get();
  if (embeddingStatus !== 'loading-model' && embeddingStatus !== 'embedding') return;
  loadSeq++;
  getServices().client.terminate('Cancelled by you.');
  const previous = get().profileEmbeddings;
  const partial = previous?.coverage;
  set({
    embeddingStatus: previous ? 'ready' : 'idle',
    embeddingError: partial
      ? `Stopped: ${partial.count.toLocaleString()} of ${partial.has.length.toLocaleString()} profiles are embedded with ${resolveModel(previous.modelId).label} and saved; search and the map use them.`
      : previous
        ? `Cancelled. Still showing results from ${resolveModel(previous.modelId).label}.`
        : 'Cancelled.',
    modelId: previous?.modelId ?? get().modelId,
    dtype: previous?.dtype ?? get().dtype,
    embedProgress: null,
    modelFiles: {},
  });
}

/** Switches model (and optionally dtype); re-embeds (or reads the cache), re-ranks, re-clusters. True if the model is now on screen. */
export async function selectModel(modelId: string, dtype?: DType): Promise<boolean> {
  const model = resolveModel(modelId);
  const chosen = dtype && model.dtypes[dtype] ? dtype : model.defaultDtype;
  set({ modelId, dtype: chosen, agreement: null });
  return afterModelChange();
}

/** Tries the model whose download stalled or could not reach its host once more. */
export function retryModelLoad(): Promise<boolean> {
  const retry = get().retryModel;
  if (!retry) return Promise.resolve(false);
  return selectModel(retry.modelId, retry.dtype);
}

export async function setDtype(dtype: DType): Promise<void> {
  set({ dtype, agreement: null });
  await afterModelChange();
}

export async function setDevicePreference(devicePreference: DevicePreference): Promise<void> {
  set({ devicePreference, agreement: null });
  await afterModelChange();
}

/**
 * Adds a Hub model id typed by the user and switches to it. An id that is not valid, or whose
 * model cannot be loaded, is not kept in the pickers; false tells the field to keep it for correction.
 */
export async function addCustomModel(rawId: string): Promise<boolean> {
  const checked = checkHubId(rawId);
  if (!checked.ok) {
    set({ embeddingError: checked.reason });
    return false;
  }
  const { id } = checked;
  const known = !!findModel(id) || get().customModelIds.includes(id);
  if (!known) set((s) => ({ customModelIds: [...s.customModelIds, id] }));
  const loaded = await selectModel(id);
  if (!loaded && !known && get().profileEmbeddings?.modelId !== id && get().modelId !== id) {
    set((s) => ({ customModelIds: s.customModelIds.filter((x) => x !== id) }));
  }
  return loaded;
}

/** Forgets a typed-in model id (and its comparison targets); the one on screen gives way to the bundled model first. */
export async function removeCustomModel(id: string): Promise<void> {
  set((s) => ({ customModelIds: s.customModelIds.filter((x) => x !== id), compareTargets: s.compareTargets.filter((t) => t.modelId !== id) }));
  if (get().modelId === id || get().profileEmbeddings?.modelId === id) await selectModel(BUNDLED_MODEL.id);
}

// set by actions.ts, which owns search and analysis, to avoid an import cycle
let onModelChanged: () => Promise<void> = async () => undefined;
export function setModelChangedHandler(handler: () => Promise<void>): void {
  onModelChanged = handler;
}

// also set by actions.ts: a snapshot of a progressive run went on screen (`first`: the run's first)
let onPartial: (first: boolean) => Promise<void> = async () => undefined;
export function setPartialHandler(handler: (first: boolean) => Promise<void>): void {
  onPartial = handler;
}

/** Goes on embedding the model on screen after a cancel or a failed run; the cache supplies what is done. */
export function resumeEmbedding(): Promise<boolean> {
  const e = get().profileEmbeddings;
  if (!e?.coverage || get().embeddingStatus === 'loading-model' || get().embeddingStatus === 'embedding') return Promise.resolve(false);
  set({ modelId: e.modelId, dtype: e.dtype });
  return afterModelChange();
}

async function afterModelChange(): Promise<boolean> {
  if (!(await embedProfiles())) return false;
  await onModelChanged();
  return true;
}
