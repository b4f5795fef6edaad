/**
 * The shareable part of the view in the URL's query string: model, precision, ranking,
 * fusion weight, result count, number of clusters and the cluster filter. Never profile
 * data; the job description only when the user asks for a link that carries it (`jd`).
 * Parsing reports every value it cannot use, so a bad link is explained, not ignored.
 * Other parameters (`hub`, `threads`, ...) belong to other features and are kept as they are.
 */
import type { ClusterFilterMode } from './clusterFilter';
import type { BaseRanking } from './fusion';

export interface ViewState {
  model: string;
  dtype: string;
  ranking: BaseRanking;
  /** The embedding's share in the hybrid, 0..1. */
  weight: number;
  /** How many results the list shows. */
  top: number;
  /** Number of clusters. */
  k: number;
  filter: ClusterFilterMode;
}

/** What the app accepts, so the parser stays pure. */
export interface ViewLimits {
  /** The dtypes a model id can run in, or null for an id the app does not know. */
  dtypesOf(modelId: string): readonly string[] | null;
  topOptions: readonly number[];
  minK: number;
  maxK: number;
}

export interface ParsedView {
  /** Only the values that passed validation. */
  view: Partial<ViewState>;
  /** The job description the link carries, if it carries one. */
  jobDescription: string | null;
  /** One plain sentence per value that was not applied. */
  problems: string[];
}

/** The parameters this module owns, in the order they are written. */
export const VIEW_PARAMS = ['model', 'dtype', 'ranking', 'weight', 'top', 'k', 'filter', 'jd'] as const;

const RANKINGS: readonly BaseRanking[] = ['hybrid', 'embedding', 'bm25'];
/** Longer ids are not Hub ids (the Hub caps repo names at 96 characters per part). */
const MAX_SHOWN = 80;

/** A value quoted for a message, cut so a 5,000-character parameter cannot flood the page. */
function quote(value: string): string {
  return `"${value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value}"`;
}

function parseInteger(raw: string): number | null {
  return /^\d{1,6}$/.test(raw) ? Number(raw) : null;
}

export function formatFilter(filter: ClusterFilterMode): string {
  if (filter.kind === 'all') return 'all';
  return filter.kind === 'query-cluster' ? 'cluster' : `nearest-${filter.n}`;
}

function parseFilter(raw: string, maxK: number): ClusterFilterMode | null {
  if (raw === 'all') return { kind: 'all' };
  if (raw === 'cluster') return { kind: 'query-cluster' };
  const m = /^nearest-(\d{1,3})$/.exec(raw);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= maxK ? { kind: 'nearest', n } : null;
}

/** Reads the view from a query string (with or without the leading "?"). */
export function parseViewParams(search: string, limits: ViewLimits, current: Pick<ViewState, 'model'>): ParsedView {
  const params = new URLSearchParams(search);
  const view: Partial<ViewState> = {};
  const problems: string[] = [];
  const get = (name: string) => {
    const v = params.get(name);
    return v === null ? null : v.trim();
  };

  const model = get('model');
  if (model !== null) {
    if (limits.dtypesOf(model)) view.model = model;
    else problems.push(`The link names a model this app does not know, ${quote(model)}, so it was not loaded. Pick a model above, or add a Hub model by its id if you trust it.`);
  }
  const dtype = get('dtype');
  if (dtype !== null) {
    const forModel = view.model ?? current.model;
    const dtypes = limits.dtypesOf(forModel) ?? [];
    if (dtypes.includes(dtype)) view.dtype = dtype;
    else problems.push(`The link asks for precision ${quote(dtype)}, which ${forModel} does not have (it has ${dtypes.join(', ') || 'none'}), so the model's default is used.`);
  }
  const ranking = get('ranking');
  if (ranking !== null) {
    if ((RANKINGS as readonly string[]).includes(ranking)) view.ranking = ranking as BaseRanking;
    else problems.push(`The link asks for ranking ${quote(ranking)}; it must be one of ${RANKINGS.join(', ')}.`);
  }
  const weight = get('weight');
  if (weight !== null) {
    const w = /^\d(\.\d{1,6})?$/.test(weight) ? Number(weight) : NaN;
    if (w >= 0 && w <= 1) view.weight = w;
    else problems.push(`The link's fusion weight ${quote(weight)} is not a number from 0 to 1.`);
  }
  const top = get('top');
  if (top !== null) {
    const n = parseInteger(top);
    if (n !== null && limits.topOptions.includes(n)) view.top = n;
    else problems.push(`The link asks to show the top ${quote(top)}; the list shows the top ${limits.topOptions.join(', ')}.`);
  }
  const k = get('k');
  if (k !== null) {
    const n = parseInteger(k);
    if (n !== null && n >= limits.minK && n <= limits.maxK) view.k = n;
    else problems.push(`The link's number of clusters ${quote(k)} is not a whole number from ${limits.minK} to ${limits.maxK}.`);
  }
  const filter = get('filter');
  if (filter !== null) {
    const f = parseFilter(filter, view.k ?? limits.maxK);
    if (f) view.filter = f;
    else problems.push(`The link's cluster filter ${quote(filter)} is not "all", "cluster" or "nearest-N" with N from 1 to the number of clusters.`);
  }
  const jd = params.get('jd');
  return { view, jobDescription: jd !== null && jd.trim() ? jd : null, problems };
}

/** Writes the view (and the job description, only when given) into a query string, keeping every other parameter. */
export function writeViewParams(search: string, view: ViewState, jobDescription: string | null = null): string {
  const params = new URLSearchParams(search);
  for (const name of VIEW_PARAMS) params.delete(name);
  params.set('model', view.model);
  params.set('dtype', view.dtype);
  params.set('ranking', view.ranking);
  params.set('weight', String(Number(view.weight.toFixed(3))));
  params.set('top', String(view.top));
  params.set('k', String(view.k));
  params.set('filter', formatFilter(view.filter));
  if (jobDescription !== null && jobDescription.trim()) params.set('jd', jobDescription);
  const out = params.toString();
  return out ? `?${out}` : '';
}

/** The query string without the job description, once it has been read into the editor. */
export function withoutJobDescription(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('jd');
  const out = params.toString();
  return out ? `?${out}` : '';
}
