/**
 * Command-line arguments and JSONL input of `npm run eval`, as pure functions so they can
 * be unit-tested: text in, rows or an EvalInputError (naming the file and line) out.
 */
import type { Dataset } from '../../src/data/bundled';
import { profileToText } from '../../src/data/profileText';
import { SENIORITIES } from '../../src/data/schema';
import { DatasetError, validateProfile } from '../../src/data/validate';

export class EvalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalInputError';
  }
}

export interface EvalProfile {
  id: string;
  text: string;
  /** Role. */
  label: string;
  family: string;
}

export interface EvalQuery {
  id: string;
  text: string;
  role?: string;
  family?: string;
  relevant: Record<string, number>;
}

export interface EvalArgs {
  help: boolean;
  profiles?: string;
  queries?: string;
  /** Model ids in order; empty means the default (bundled model and BM25). */
  models: string[];
  dtype?: string;
  k: number;
  json: boolean;
  /** Which bundled job descriptions to report on; user files are always reported whole. */
  split: 'test' | 'tune' | 'all';
  /** A cross-encoder that re-ranks the top `rerankTop` of the default ranking (a "reranked" row). */
  reranker?: string;
  rerankTop: number;
  /** A folder of models in the Hub's layout, used instead of downloading (e.g. test/fixtures/hub). */
  localModels?: string;
}

export const USAGE = `Usage: npm run eval -- [--profiles P.jsonl --queries Q.jsonl] [--model ID]... [--dtype D] [--reranker ID [--rerank-top N]] [--local-models DIR] [--split S] [--k K] [--json]

  --profiles, --queries  JSONL files (one JSON object per line). Without them the bundled data is used.
      profile: {"id", "text" (or the profile fields of the bundled data), "label": "<role>" or {"role","family",...}, "family"?}
      query:   {"id", "text", "relevant": {"<label>": grade, ...}, "role"?, "family"?}  (grade 2 = target, 1 = related)
  --model    bm25, a catalogue id (glove-sif-100d is bundled and offline) or a Hub id "org/name"
             (mean pooling, no prefixes). Repeat for several. Each model is reported two ways:
             embedding only, and hybrid (fused with the keyword ranking, the app's default).
             bm25 is the app's keyword ranking (word pairs, collaborator mentions left out);
             bm25-plain is classic BM25 over words and the whole query.
             Default: glove-sif-100d (hybrid and embedding), bm25 and bm25-plain.
  --reranker a cross-encoder (e.g. Xenova/ms-marco-MiniLM-L-6-v2) that re-ranks the top
             --rerank-top (default 50) of the app's default ranking: adds a "reranked" row
  --local-models  a folder of models in the Hub's layout to load instead of downloading
  --split    bundled data only: report on the held-out job descriptions (test, the default:
             even ids), the tuning ones (tune: odd ids, on which the settings were chosen) or all
  --dtype    fp32, fp16, q8 or q4 (default: the model's own)
  --k        k-means clusters for the clustering numbers (default 10, seed 42)
  --json     print one JSON object instead of tables
  --help     this text`;

export function parseArgs(argv: readonly string[]): EvalArgs {
  const args: EvalArgs = { help: false, models: [], k: 10, json: false, split: 'test', rerankTop: 50 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new EvalInputError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--json') args.json = true;
    else if (flag === '--profiles') args.profiles = value();
    else if (flag === '--queries') args.queries = value();
    else if (flag === '--model') args.models.push(...value().split(',').filter(Boolean));
    else if (flag === '--dtype') args.dtype = value();
    else if (flag === '--reranker') args.reranker = value();
    else if (flag === '--local-models') args.localModels = value();
    else if (flag === '--rerank-top') {
      const v = value();
      args.rerankTop = Number(v);
      if (!Number.isInteger(args.rerankTop) || args.rerankTop < 2) throw new EvalInputError(`--rerank-top must be an integer of at least 2, got "${v}"`);
    } else if (flag === '--split') {
      const v = value();
      if (v !== 'test' && v !== 'tune' && v !== 'all') throw new EvalInputError(`--split must be test, tune or all, got "${v}"`);
      args.split = v;
    }
    else if (flag === '--k') {
      const v = value();
      args.k = Number(v);
      if (!Number.isInteger(args.k) || args.k < 2) throw new EvalInputError(`--k must be an integer of at least 2, got "${v}"`);
    } else throw new EvalInputError(`unknown argument "${flag}" (see --help)`);
  }
  if (!args.help && (args.profiles === undefined) !== (args.queries === undefined)) {
    throw new EvalInputError('give both --profiles and --queries, or neither (to use the bundled data)');
  }
  return args;
}

type Obj = Record<string, unknown>;

/** Parses JSONL into objects with their 1-based line numbers; blank lines are skipped. */
export function parseJsonl(text: string, file: string): { line: number; value: Obj }[] {
  const rows: { line: number; value: Obj }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new EvalInputError(`${file} line ${i + 1}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new EvalInputError(`${file} line ${i + 1}: expected a JSON object`);
    }
    rows.push({ line: i + 1, value: value as Obj });
  });
  if (rows.length === 0) throw new EvalInputError(`${file}: the file is empty`);
  return rows;
}

function text(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw new EvalInputError(`${where}: "${key}" must be a non-empty string`);
  return v;
}

function optionalText(o: Obj, key: string, where: string): string | undefined {
  return o[key] === undefined ? undefined : text(o, key, where);
}

function assertUnique(rows: readonly { id: string; line: number }[], file: string): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.id);
    if (first !== undefined) throw new EvalInputError(`${file} line ${r.line}: duplicate id "${r.id}" (first on line ${first})`);
    seen.set(r.id, r.line);
  }
}

export function parseProfiles(content: string, file: string): EvalProfile[] {
  const rows = parseJsonl(content, file).map(({ line, value }) => {
    const where = `${file} line ${line}`;
    const id = text(value, 'id', where);
    const label = value.label;
    let role: string;
    let family = optionalText(value, 'family', where);
    if (typeof label === 'object' && label !== null && !Array.isArray(label)) {
      role = text(label as Obj, 'role', `${where} label`);
      family ??= optionalText(label as Obj, 'family', `${where} label`);
    } else if (typeof label === 'string' && label.trim() !== '') role = label;
    else throw new EvalInputError(`${where}: "label" must be a role name or an object with "role"`);
    let body: string;
    if (value.text !== undefined) body = text(value, 'text', where);
    else {
      // a full profile: validate it as the app would (its label need not be complete here)
      const fullLabel = { seniority: SENIORITIES[1], family: family ?? 'unspecified', ...(typeof label === 'object' ? label : {}), role };
      try {
        body = profileToText(validateProfile({ ...value, label: fullLabel }, where));
      } catch (err) {
        if (err instanceof DatasetError) throw new EvalInputError(err.message); // "<file> line N: …"
        throw err;
      }
    }
    return { id, text: body, label: role, family: family ?? 'unspecified', line };
  });
  assertUnique(rows, file);
  return rows.map(({ id, text, label, family }) => ({ id, text, label, family }));
}

export function parseQueries(content: string, file: string): EvalQuery[] {
  const rows = parseJsonl(content, file).map(({ line, value }) => {
    const where = `${file} line ${line}`;
    const relevant = value.relevant;
    const isGrades =
      typeof relevant === 'object' && relevant !== null && !Array.isArray(relevant) &&
      Object.values(relevant).every((g) => typeof g === 'number' && Number.isFinite(g) && g >= 0);
    if (!isGrades) throw new EvalInputError(`${where}: "relevant" must map labels to numbers (grades >= 0)`);
    if (Object.keys(relevant as Obj).length === 0) throw new EvalInputError(`${where}: "relevant" names no label`);
    const q: EvalQuery = { id: text(value, 'id', where), text: text(value, 'text', where), relevant: relevant as Record<string, number> };
    const role = optionalText(value, 'role', where);
    const family = optionalText(value, 'family', where);
    if (role !== undefined) q.role = role;
    if (family !== undefined) q.family = family;
    return { ...q, line };
  });
  assertUnique(rows, file);
  return rows.map(({ line: _line, ...q }) => q);
}

/** Problems that do not stop the run: queries nothing can be relevant to, or with no target grade. */
export function queryWarnings(queries: readonly EvalQuery[], profiles: readonly EvalProfile[]): string[] {
  const labels = new Set(profiles.map((p) => p.label));
  const warnings: string[] = [];
  for (const q of queries) {
    const graded = Object.entries(q.relevant).filter(([, g]) => g > 0).map(([l]) => l);
    if (!graded.some((l) => labels.has(l))) {
      warnings.push(`query "${q.id}": none of its relevant labels (${graded.join(', ') || 'none graded above 0'}) is a profile label, so it scores 0`);
    } else if (!Object.entries(q.relevant).some(([l, g]) => g >= 2 && labels.has(l))) {
      warnings.push(`query "${q.id}": no profile has a grade-2 (target) label, so its P@10, MRR and recall@50 are 0`);
    }
  }
  return warnings;
}

/** The bundled profiles and job descriptions in the CLI's shape. */
export function fromDataset({ profiles, jobs }: Dataset): { profiles: EvalProfile[]; queries: EvalQuery[] } {
  return {
    profiles: profiles.map((p) => ({ id: p.id, text: profileToText(p), label: p.label.role, family: p.label.family })),
    queries: jobs.map((j) => ({ id: j.id, text: j.text, role: j.role, family: j.family, relevant: j.relevant })),
  };
}
