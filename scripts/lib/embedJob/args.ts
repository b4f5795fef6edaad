/** Command-line arguments of `npm run embed` (pure: argv in, options or an error out). */
import type { StoredVectors } from '../../../src/data/embeddingsParquet';

export interface EmbedArgs {
  help: boolean;
  input?: string;
  out: string;
  model: string;
  dtype?: string;
  localModels?: string;
  /** 1-based shard index and the shard count ("--shard 2/3" is { index: 2, count: 3 }). */
  shard: { index: number; count: number };
  resume: boolean;
  /** Only merge finished parts into `out` (after every shard is done). */
  merge: boolean;
  store: StoredVectors[];
  /** Texts per model call. */
  batch: number;
  /** Input rows per part file: the unit of resume and of sharding. */
  partRows: number;
  /** Column choices; guessed from the first rows like the import dialog when absent. */
  idColumn?: string;
  textColumns?: string[];
  nameColumn?: string;
  headlineColumn?: string;
  labelColumn?: string;
}

export const USAGE = `Usage: npm run embed -- --input FILE --out embeddings.parquet --model ID [options]
       npm run embed -- --merge --out embeddings.parquet

Embeds every row of a CSV/TSV, JSONL or Parquet file with a catalogue model, the way the app
does (the model's document prefix, token limit, pooling, unit length), and writes the
embeddings Parquet layout the app imports without embedding again (docs/embeddings-parquet.md).

  --input FILE          .csv, .tsv, .jsonl/.ndjson or .parquet, read as a stream
  --out FILE            the merged Parquet file; parts and progress go to FILE.parts/
  --model ID            a catalogue id (default the bundled glove-sif-100d) or a Hub id
  --dtype D             fp32, fp16, q8 or q4 (default: the model's default)
  --local-models DIR    load models from a folder in the Hub's layout instead of downloading
  --shard I/N           do only shard I of N (1-based): part p belongs to shard (p mod N) + 1
  --resume              keep the finished parts (checked against their SHA-256), redo the rest
  --merge               merge every shard's finished parts into --out (no embedding)
  --float32             also store float32 vectors (default: int8 with a per-row scale, and sign bits)
  --batch N             texts per model call (default 64)
  --part-rows N         input rows per part file (default 10000; the same for every shard)
  --id C, --text C1,C2, --name C, --headline C, --label C
                        columns to use; guessed from the header like the import dialog when absent.
                        JSONL rows in the app's profile schema (experience, skills...) are composed
                        like the bundled profiles.`;

export class EmbedArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbedArgsError';
  }
}

function positiveInt(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new EmbedArgsError(`${flag} takes a whole number of at least 1, not "${raw}".`);
  return n;
}

export function parseShard(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new EmbedArgsError(`--shard takes I/N with 1 <= I <= N (e.g. 1/2), not "${raw}".`);
  return { index, count };
}

export function parseEmbedArgs(argv: readonly string[]): EmbedArgs {
  const args: EmbedArgs = { help: false, out: '', model: 'glove-sif-100d', shard: { index: 1, count: 1 }, resume: false, merge: false, store: ['int8', 'binary'], batch: 64, partRows: 10_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new EmbedArgsError(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--input') args.input = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--model') args.model = value();
    else if (flag === '--dtype') args.dtype = value();
    else if (flag === '--local-models') args.localModels = value();
    else if (flag === '--shard') args.shard = parseShard(value());
    else if (flag === '--resume') args.resume = true;
    else if (flag === '--merge') args.merge = true;
    else if (flag === '--float32') args.store = ['float32', 'int8', 'binary'];
    else if (flag === '--batch') args.batch = positiveInt(flag, value());
    else if (flag === '--part-rows') args.partRows = positiveInt(flag, value());
    else if (flag === '--id') args.idColumn = value();
    else if (flag === '--text') args.textColumns = value().split(',').map((c) => c.trim()).filter(Boolean);
    else if (flag === '--name') args.nameColumn = value();
    else if (flag === '--headline') args.headlineColumn = value();
    else if (flag === '--label') args.labelColumn = value();
    else throw new EmbedArgsError(`Unknown option ${flag}.\n\n${USAGE}`);
  }
  if (args.help) return args;
  if (!args.out) throw new EmbedArgsError('--out is required.');
  if (!args.merge && !args.input) throw new EmbedArgsError('--input is required (or --merge to merge finished parts).');
  return args;
}
