/**
 * One shard of an embed run: read the input as a stream, embed the rows of this shard's
 * parts a part at a time, write each part and record it in the manifest. With `resume`,
 * recorded parts whose files are intact are kept and every other part of the shard is redone.
 */
import path from 'node:path';
import { writeEmbeddingsParquet, type EmbeddingsRow, type StoredVectors } from '../../../src/data/embeddingsParquet';
import type { EmbeddingMatrix } from '../../../src/core/vectors';
import type { ModelEntry } from '../../../src/embedding/catalogue';
import { openInput, type InputRecord } from './input';
import { MANIFEST_VERSION, partIsIntact, partsDir, readManifest, settingsMismatch, writeManifest, writePart, type Manifest, type RunSettings } from './parts';
import { mappingFor, toEmbeddingsRow, type ColumnChoices } from './rows';
import { partOfRow, shardOfPart } from './shards';

export interface DocumentEmbedder {
  readonly model: ModelEntry;
  embedDocumentsLikeApp(texts: readonly string[], batch: number): Promise<EmbeddingMatrix>;
}

export interface ShardOptions extends ColumnChoices {
  input: string;
  out: string;
  dtype: string;
  store: StoredVectors[];
  partRows: number;
  batch: number;
  shard: { index: number; count: number };
  resume: boolean;
  /** Progress lines; console.log by default. */
  log?: (line: string) => void;
  /** Stop after this many parts (tests: an interrupted run). */
  stopAfterParts?: number;
  /** Milliseconds between progress lines. */
  progressEveryMs?: number;
}

/** Records the column guess looks at (the import dialog's GUESS_ROWS). */
const SAMPLE_ROWS = 50;
const SKIPPED_SAMPLE = 20;

export async function settingsFor(o: ShardOptions, model: ModelEntry): Promise<RunSettings> {
  const input = await openInput(o.input);
  return { input: { name: path.basename(o.input), bytes: input.bytes }, model: model.id, dtype: o.dtype, store: o.store, partRows: o.partRows, shardCount: o.shard.count };
}

async function sampleRecords(file: string): Promise<InputRecord[]> {
  const input = await openInput(file);
  const out: InputRecord[] = [];
  for await (const { record } of input.rows((r) => r < SAMPLE_ROWS, SAMPLE_ROWS)) {
    out.push(record);
    if (out.length >= SAMPLE_ROWS) break;
  }
  return out;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(s: number): string {
  if (!Number.isFinite(s)) return '–';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export async function runShard(o: ShardOptions, embedder: DocumentEmbedder): Promise<Manifest> {
  const log = o.log ?? ((line: string) => console.log(line));
  const dir = partsDir(o.out);
  const settings = await settingsFor(o, embedder.model);
  const previous = readManifest(dir, o.shard);
  if (previous && !o.resume) throw new Error(`${dir} already holds shard ${o.shard.index}/${o.shard.count}'s progress: add --resume to continue it, or delete the folder to start again.`);
  if (previous) {
    const why = settingsMismatch(previous, settings);
    if (why) throw new Error(`Cannot resume: ${why}. Use the same input and options, or delete ${dir} to start again.`);
  }
  const kept = (previous?.parts ?? []).filter((p) => partIsIntact(dir, p));
  const redone = (previous?.parts.length ?? 0) - kept.length;
  const manifest: Manifest = { version: MANIFEST_VERSION, ...settings, shard: o.shard.index, parts: kept, inputRows: null, skippedSample: previous?.skippedSample ?? [] };
  writeManifest(dir, manifest);
  if (previous) log(`Resuming: ${kept.length} finished parts kept${redone ? `, ${redone} damaged or missing parts redone` : ''}.`);

  const mapping = mappingFor(await sampleRecords(o.input), o);
  const done = new Set(kept.map((p) => p.part));
  const mine = (part: number) => shardOfPart(part, o.shard.count) === o.shard.index && !done.has(part);
  const input = await openInput(o.input);
  const started = performance.now();
  let embedded = 0;
  let lastLog = started;
  let partsWritten = 0;

  let current = -1;
  let rows: EmbeddingsRow[] = [];
  let skipped = 0;
  const flush = async () => {
    if (current < 0) return;
    const m = await embedder.embedDocumentsLikeApp(rows.map((r) => r.text), o.batch);
    const dims = m.dim || embedder.model.dims;
    const bytes = await writeEmbeddingsParquet({ rows, vectors: m.vectors, dims, modelId: embedder.model.id, dtype: o.dtype, prefix: embedder.model.documentPrefix, store: o.store });
    const sha = writePart(dir, current, new Uint8Array(bytes as ArrayBuffer));
    manifest.parts.push({ part: current, rows: rows.length, skipped, sha256: sha });
    manifest.parts.sort((a, b) => a.part - b.part);
    writeManifest(dir, manifest);
    embedded += rows.length;
    partsWritten++;
    rows = [];
    skipped = 0;
  };
  const readFraction = () => (input.totalRows ? input.rowsSeen() / input.totalRows : input.bytesRead() / input.bytes);
  let from: { at: number; fraction: number } | null = null;
  const progress = () => {
    const now = performance.now();
    if (now - lastLog < (o.progressEveryMs ?? 5000)) return;
    lastLog = now;
    const s = (now - started) / 1000;
    const rate = embedded / s;
    const fraction = readFraction();
    // timed from the first row this run embeds: a resumed run skips its finished parts fast
    const eta = from && fraction > from.fraction ? ((now - from.at) / 1000) * ((1 - fraction) / (fraction - from.fraction)) : Infinity;
    log(`shard ${o.shard.index}/${o.shard.count}: ${fmt(embedded)} rows embedded, ${fmt(rate)} rows/s, ${(fraction * 100).toFixed(1)} % of the input read, about ${duration(eta)} left`);
  };

  for await (const { row, record } of input.rows((r) => mine(partOfRow(r, o.partRows)), o.partRows)) {
    const part = partOfRow(row, o.partRows);
    from ??= { at: performance.now(), fraction: readFraction() };
    if (part !== current) {
      await flush();
      if (o.stopAfterParts !== undefined && partsWritten >= o.stopAfterParts) return manifest;
      current = part;
    }
    const r = toEmbeddingsRow(record, row, mapping);
    if (typeof r === 'string') {
      skipped++;
      if (manifest.skippedSample.length < SKIPPED_SAMPLE) manifest.skippedSample.push(`row ${row + 1}: ${r}`);
    } else {
      rows.push(r);
    }
    progress();
  }
  await flush();
  manifest.inputRows = input.rowsSeen();
  writeManifest(dir, manifest);
  const s = (performance.now() - started) / 1000;
  log(`shard ${o.shard.index}/${o.shard.count} done: ${fmt(embedded)} rows embedded in ${duration(s)} (${fmt(embedded / s)} rows/s), ${manifest.parts.length} parts in ${dir}.`);
  return manifest;
}
