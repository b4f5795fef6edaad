/**
 * Merges every shard's parts into one embeddings Parquet file, in part order (= input
 * order), a part at a time: the vector columns are copied as written (int8 codes and sign
 * bits are not recomputed), so a merged file holds exactly what the parts hold.
 */
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer/src/node.js';
import { COLUMNS } from '../../../src/data/embeddingsParquet';
import { partIsIntact, partsDir, settingsMismatch, type Manifest, type PartRecord } from './parts';
import { partCount, partFileName } from './shards';

/** The row group size of writeEmbeddingsParquet, so a merged file is laid out like one written at once. */
const ROW_GROUP = 5000;

export function readManifests(dir: string): Manifest[] {
  const files = readdirSync(dir).filter((f) => /^shard-\d+-of-\d+\.json$/.test(f));
  if (files.length === 0) throw new Error(`${dir} holds no progress manifests: run the embedding first.`);
  return files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Manifest).sort((a, b) => a.shard - b.shard);
}

/** Every part of the input, in order, or what is missing. */
export function partsToMerge(manifests: readonly Manifest[]): PartRecord[] {
  const first = manifests[0];
  for (const m of manifests) {
    const why = settingsMismatch(first, m);
    if (why) throw new Error(`Shard ${m.shard} ran with other settings than shard ${first.shard}: ${why}.`);
  }
  const missingShards = Array.from({ length: first.shardCount }, (_, i) => i + 1).filter((s) => !manifests.some((m) => m.shard === s));
  if (missingShards.length) throw new Error(`Shard${missingShards.length > 1 ? 's' : ''} ${missingShards.join(', ')} of ${first.shardCount} ha${missingShards.length > 1 ? 've' : 's'} not started.`);
  const unfinished = manifests.filter((m) => m.inputRows === null).map((m) => m.shard);
  if (unfinished.length) throw new Error(`Shard${unfinished.length > 1 ? 's' : ''} ${unfinished.join(', ')} ha${unfinished.length > 1 ? 've' : 's'} not finished: run ${unfinished.length > 1 ? 'them' : 'it'} again with --resume.`);
  const rows = first.inputRows ?? 0;
  const byPart = new Map(manifests.flatMap((m) => m.parts).map((p) => [p.part, p]));
  const out: PartRecord[] = [];
  for (let p = 0; p < partCount(rows, first.partRows); p++) {
    const rec = byPart.get(p);
    if (!rec) throw new Error(`Part ${p} (${partFileName(p)}) is missing: run its shard again with --resume.`);
    out.push(rec);
  }
  return out;
}

export interface MergeResult {
  rows: number;
  parts: number;
  repeatedIds: number;
}

export async function mergeParts(out: string, log: (line: string) => void = console.log): Promise<MergeResult> {
  const dir = partsDir(out);
  const parts = partsToMerge(readManifests(dir));
  const damaged = parts.filter((p) => !partIsIntact(dir, p));
  if (damaged.length) throw new Error(`${damaged.map((p) => partFileName(p.part)).join(', ')} do not match their checksums: run their shards again with --resume.`);
  const files = parts.map((p) => path.join(dir, partFileName(p.part)));
  const metas = await Promise.all(files.map(async (f) => parquetMetadataAsync(await asyncBufferFromFile(f))));
  // a part with no labels has no label column; the merged file has one if any part does
  const labelled = metas.find((m) => m.schema.some((e) => e.name === COLUMNS.label)) ?? metas[0];
  // the writer bundles its own copy of hyparquet's types; the elements read are the ones it writes
  const schema = labelled.schema as SchemaElement[];
  const columns = schema.slice(1).filter((e) => e.name !== 'list' && e.name !== 'element').map((e) => e.name);
  const tmp = `${out}.tmp`;
  const writer = new ParquetWriter({ writer: fileWriter(tmp), schema, kvMetadata: (labelled.key_value_metadata ?? []).map(({ key, value }) => ({ key, value: value ?? '' })), createdBy: 'candidate-search' });
  const seen = new Set<string>();
  let rows = 0;
  let repeatedIds = 0;
  for (const [i, f] of files.entries()) {
    const file = await asyncBufferFromFile(f);
    const records = await parquetReadObjects({ file, metadata: metas[i] });
    for (const r of records) {
      const id = String(r[COLUMNS.id]);
      if (seen.has(id)) repeatedIds++;
      else seen.add(id);
    }
    for (let start = 0; start < records.length; start += ROW_GROUP) {
      const chunk = records.slice(start, start + ROW_GROUP);
      await writer.write({ columnData: columns.map((name) => ({ name, data: chunk.map((r) => r[name] ?? '') })), rowGroupSize: ROW_GROUP });
    }
    rows += records.length;
    if ((i + 1) % 10 === 0 || i === files.length - 1) log(`merged ${i + 1} of ${files.length} parts (${rows.toLocaleString('en-US')} rows)`);
  }
  await writer.finish();
  renameSync(tmp, out);
  if (repeatedIds) log(`${repeatedIds.toLocaleString('en-US')} rows repeat an earlier id; the import skips them.`);
  return { rows, parts: files.length, repeatedIds };
}
