/**
 * `npm run embed`: embeds a large CSV/TSV, JSONL or Parquet file on onnxruntime-node with the
 * app's catalogue and pipeline, in resumable, shardable parts, and writes the embeddings
 * Parquet file the app imports without embedding (docs/embeddings-parquet.md). Usage in
 * scripts/lib/embedJob/args.ts (npm run embed -- --help).
 */
import { customModel, findModel } from '../src/embedding/catalogue';
import { EmbedArgsError, parseEmbedArgs, USAGE } from './lib/embedJob/args';
import { mergeParts } from './lib/embedJob/merge';
import { runShard } from './lib/embedJob/run';
import { NodeEmbedder } from './lib/nodeEmbedder';

async function main(): Promise<void> {
  const args = parseEmbedArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.merge) {
    const r = await mergeParts(args.out);
    console.log(`Wrote ${args.out}: ${r.rows.toLocaleString('en-US')} rows from ${r.parts} parts.`);
    return;
  }
  const model = findModel(args.model) ?? customModel(args.model);
  if (model.source === 'api') throw new EmbedArgsError(`${model.id} runs on an API endpoint; this command runs ONNX models only.`);
  const dtype = args.dtype ?? model.defaultDtype;
  const embedder = await NodeEmbedder.load(model, { dtype: dtype as typeof model.defaultDtype, localModels: args.localModels });
  await runShard({ ...args, input: args.input as string, dtype }, embedder);
  if (args.shard.count === 1) {
    const r = await mergeParts(args.out);
    console.log(`Wrote ${args.out}: ${r.rows.toLocaleString('en-US')} rows.`);
  } else {
    console.log(`When every shard is done: npm run embed -- --merge --out ${args.out}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof EmbedArgsError ? err.message : err instanceof Error ? `embed: ${err.message}` : err);
  process.exit(1);
});
