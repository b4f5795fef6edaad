// @vitest-environment node
/**
 * Hub datasets by id: the listings, the footer's columns, the error messages, and reading
 * only the chosen columns with range requests, against the stand-in Hub serving the
 * generated fixture shaped like ilsilfverskiold/linkedin_profiles_synthetic.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATASET_FIXTURE_ID, datasetFixtureFiles } from '../../scripts/build-test-dataset';
import { describeColumns, hubDatasetUrls, hubHttpProblem, nextPageUrl, parseParquetListing, parseTreeListing } from '../../src/data/import/hubDataset';
import { checkHubId } from '../../src/embedding/hubId';
import { createImportState, handleBuild, handleHubInspect, handleHubLoad } from '../../src/import/handlers';
import { inspectHubDataset, loadHubRows, type HubSourceOptions } from '../../src/import/hubSource';
import type { HubConnection } from '../../src/import/protocol';
import { HUB_FIXTURES_DIR, startStandInHub, type HubRequest, type StandInHub } from '../helpers/standInHub';

const ID = DATASET_FIXTURE_ID;
const FIXTURE_DIR = path.join(HUB_FIXTURES_DIR, 'datasets', ID);
const FILE_BYTES = datasetFixtureFiles().reduce((n, f) => n + f.bytes.byteLength, 0);
const TEXT_COLUMNS = ['Headline', 'About Me'];

let hub: StandInHub;
let options: HubSourceOptions;
beforeAll(async () => {
  hub = await startStandInHub({ gatedDatasets: ['test-org/gated-profiles'], aliases: { 'test-org/gated-profiles': ID } });
});
afterAll(() => hub.close());
beforeEach(() => {
  hub.requests.length = 0;
  hub.faults.neverAnswer = false;
  options = { host: `${hub.url}/`, hostLabel: '127.0.0.1 (stand-in)', stallMs: 5000 };
});

/** Bytes a request's Content-Range covered ("bytes=a-b"), from the log. */
function rangeBytes(r: HubRequest): number {
  const m = /^bytes=(\d+)-(\d+)$/.exec(r.range ?? '');
  return m ? Number(m[2]) - Number(m[1]) + 1 : NaN;
}

describe('the committed fixture', () => {
  it('is what scripts/build-test-dataset.ts writes (so the script is the source of truth)', () => {
    for (const f of datasetFixtureFiles()) {
      expect(new Uint8Array(readFileSync(path.join(FIXTURE_DIR, f.path))), f.path).toEqual(new Uint8Array(f.bytes));
    }
  });
});

describe('listings and columns (pure)', () => {
  const urls = hubDatasetUrls('https://huggingface.co/', 'org/ds');

  it('builds the Hub URLs of a dataset', () => {
    expect(urls.tree).toBe('https://huggingface.co/api/datasets/org/ds/tree/main?recursive=true');
    expect(urls.parquet).toBe('https://huggingface.co/api/datasets/org/ds/parquet');
    expect(urls.resolve('data/a b.parquet')).toBe('https://huggingface.co/datasets/org/ds/resolve/main/data/a%20b.parquet');
  });

  it('keeps the Parquet files of a tree listing, with their LFS size, in path order', () => {
    const files = parseTreeListing(
      [
        { type: 'directory', path: 'data', size: 0, oid: 'a' },
        { type: 'file', path: 'data/train-00001-of-00002.parquet', size: 135, oid: 'b', lfs: { oid: 'x', size: 230_000_000, pointerSize: 135 } },
        { type: 'file', path: 'data/train-00000-of-00002.parquet', size: 229_000_000, oid: 'c' },
        { type: 'file', path: 'README.md', size: 900, oid: 'd' },
      ],
      urls.resolve,
    );
    expect(files).toEqual([
      { path: 'data/train-00000-of-00002.parquet', url: urls.resolve('data/train-00000-of-00002.parquet'), size: 229_000_000 },
      { path: 'data/train-00001-of-00002.parquet', url: urls.resolve('data/train-00001-of-00002.parquet'), size: 230_000_000 },
    ]);
  });

  it('reads the Parquet API answer, config by config and split by split', () => {
    const files = parseParquetListing({ default: { train: ['https://h/0.parquet', 'https://h/1.parquet'], test: ['https://h/t.parquet'] } });
    expect(files.map((f) => [f.path, f.url, f.size])).toEqual([
      ['default/train/0.parquet', 'https://h/0.parquet', null],
      ['default/train/1.parquet', 'https://h/1.parquet', null],
      ['default/test/0.parquet', 'https://h/t.parquet', null],
    ]);
  });

  it('refuses answers that are not the Hub listing format', () => {
    expect(() => parseTreeListing({ error: 'x' }, urls.resolve)).toThrow(/not in the Hub's format/);
    expect(() => parseParquetListing([1, 2])).toThrow(/not in the Hub's format/);
    expect(() => parseParquetListing({ default: { train: [3] } })).toThrow(/not in the Hub's format/);
  });

  it('follows the Link header of a paged listing', () => {
    expect(nextPageUrl('<https://huggingface.co/api/datasets/o/d/tree/main?cursor=abc>; rel="next"')).toBe('https://huggingface.co/api/datasets/o/d/tree/main?cursor=abc');
    expect(nextPageUrl('<https://x/prev>; rel="prev"')).toBeNull();
    expect(nextPageUrl(null)).toBeNull();
  });

  it('describes the footer: text columns as string, embeddings as list<float32> with their length', () => {
    const { columns, columnBytes } = describeColumns(parquetMetadata(datasetFixtureFiles()[0].bytes));
    expect(columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'FirstName:string',
      'LastName:string',
      'Location:string',
      'Headline:string',
      'About Me:string',
      'Experience:string',
      'Education:string',
      'Skills:string',
      'Interests:string',
      'about_me_embedding:list<float32>',
      'headline_embedding:list<float32>',
    ]);
    expect(columns.filter((c) => c.vector).map((c) => [c.name, c.dims])).toEqual([
      ['about_me_embedding', 384],
      ['headline_embedding', 384],
    ]);
    // the vectors are most of the file: what reading them would cost
    expect(columnBytes.about_me_embedding).toBeGreaterThan(10 * columnBytes.Headline);
  });

  it('checks dataset ids with the Hub rules, in dataset words, and unwraps a dataset URL', () => {
    expect(checkHubId('https://huggingface.co/datasets/ilsilfverskiold/linkedin_profiles_synthetic/tree/main', 'dataset')).toEqual({ ok: true, id: 'ilsilfverskiold/linkedin_profiles_synthetic' });
    expect(checkHubId('../..', 'dataset')).toEqual({ ok: false, reason: expect.stringMatching(/is not a Hub dataset id/) });
    expect(checkHubId('', 'dataset')).toEqual({ ok: false, reason: 'Type a Hub dataset id, like "organisation/dataset-name".' });
  });

  it('says what each HTTP failure means', () => {
    const ctx = { id: 'o/d', host: 'huggingface.co' };
    expect(hubHttpProblem(401, { ...ctx, path: 'x.parquet', errorCode: 'GatedRepo' })).toMatch(/gated\. Accept its terms on its Hub page \(https:\/\/huggingface\.co\/datasets\/o\/d\)/);
    expect(hubHttpProblem(403, ctx)).toMatch(/Accept its terms/);
    expect(hubHttpProblem(401, { ...ctx, errorCode: 'RepoNotFound' })).toMatch(/has no public dataset "o\/d" \(401\): check the id, or, if it is private or gated/);
    expect(hubHttpProblem(404, ctx)).toBe('There is no dataset "o/d" on huggingface.co (404): check the id (it looks like "organisation/dataset-name").');
    expect(hubHttpProblem(404, { ...ctx, path: 'data/a.parquet', errorCode: 'EntryNotFound' })).toMatch(/has no file "data\/a\.parquet" in the dataset "o\/d" \(404\)/);
    expect(hubHttpProblem(503, ctx)).toMatch(/failed \(503\)/);
  });
});

describe('against the stand-in Hub', () => {
  it('lists the files and reads only their footers: rows, columns and types', async () => {
    const { inspection } = await inspectHubDataset(ID, options);
    expect(inspection.files.map((f) => [f.path, f.size, f.rows])).toEqual([
      ['data/train-00000-of-00002.parquet', statSync(path.join(FIXTURE_DIR, 'data/train-00000-of-00002.parquet')).size, 150],
      ['data/train-00001-of-00002.parquet', statSync(path.join(FIXTURE_DIR, 'data/train-00001-of-00002.parquet')).size, 150],
    ]);
    expect(inspection.rows).toBe(300);
    expect(inspection.columns).toHaveLength(11);
    // the tree listing, then per file one redirect and one range request for the end of the file
    const files = hub.requests.filter((r) => !r.path.startsWith('/api/'));
    expect(hub.requests[0]).toMatchObject({ path: `/api/datasets/${ID}/tree/main`, status: 200 });
    expect(files.every((r) => r.range !== undefined)).toBe(true);
    expect(files.filter((r) => r.status === 302).map((r) => r.path)).toEqual([
      `/datasets/${ID}/resolve/main/data/train-00000-of-00002.parquet`,
      `/datasets/${ID}/resolve/main/data/train-00001-of-00002.parquet`,
    ]);
    const served = files.filter((r) => r.status === 206);
    expect(served.every((r) => r.path.startsWith(`/cdn/datasets/${ID}/`))).toBe(true);
    expect(served.reduce((n, r) => n + rangeBytes(r), 0)).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('loads 2 of the 11 columns with range requests only, fetching a small part of the files', async () => {
    const { opened } = await inspectHubDataset(ID, options);
    hub.requests.length = 0;
    let counted = 0;
    const progress: number[] = [];
    const { rows, total } = await loadHubRows(ID, opened, TEXT_COLUMNS, 200_000, { ...options, onBytes: (n) => (counted += n) }, (p) => progress.push(p.rows));
    expect(total).toBe(300);
    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0]).sort()).toEqual(['About Me', 'Headline']);
    expect(rows[150].Headline).toMatch(/\|/);
    // rows reported group by group (3 row groups of 50 per file)
    expect(progress).toEqual([0, 50, 100, 150, 200, 250, 300]);
    const served = hub.requests.filter((r) => r.status === 206);
    expect(hub.requests.every((r) => r.range !== undefined && (r.status === 206 || r.status === 302))).toBe(true);
    const fetched = served.reduce((n, r) => n + rangeBytes(r), 0);
    expect(counted).toBe(fetched);
    console.info(`hub dataset: loading 2 of 11 columns fetched ${fetched} of ${FILE_BYTES} bytes (${((100 * fetched) / FILE_BYTES).toFixed(1)}%) in ${served.length} range requests`);
    expect(fetched).toBeLessThan(FILE_BYTES / 10);
  });

  it('goes through the import handlers into the table the mapping step builds from (vectors passed to the Parquet path)', async () => {
    const state = createImportState();
    const conn: HubConnection = { host: options.host, hostLabel: options.hostLabel, stallMs: 5000 };
    const inspection = await handleHubInspect(state, ID, conn);
    const parsed = await handleHubLoad(state, ID, conn, [inspection.files[0].path], ['Headline', 'About Me', 'Skills', 'about_me_embedding'], () => {});
    expect(parsed.rowCount).toBe(150);
    expect(parsed.format).toBe('parquet');
    // the vector column is offered as precomputed embeddings, never guessed as text
    expect(parsed.columns).toEqual(['Headline', 'About Me', 'Skills', 'about_me_embedding']);
    expect(parsed.vectorColumns).toEqual([{ column: 'about_me_embedding', encoding: 'float', dims: 384 }]);
    expect(parsed.guess.text).not.toContain('about_me_embedding');
    const built = handleBuild(state, { ...parsed.guess, id: null }, 'profiles');
    expect(built.profiles).toHaveLength(150);
    expect(built.profiles[0].text).toContain('years of experience');
    const withVectors = handleBuild(state, { ...parsed.guess, id: null, vectors: 'about_me_embedding', vectorModel: 'Xenova/all-MiniLM-L6-v2' }, 'profiles', {
      column: 'about_me_embedding',
      encoding: 'float',
      dims: 384,
      model: 'MiniLM',
    });
    expect(withVectors.profiles).toHaveLength(150);
    expect(withVectors.vectors?.matrix.length).toBe(150 * 384);
  });

  it('a failed load keeps the table of the import before', async () => {
    const state = createImportState();
    const conn: HubConnection = { host: options.host, hostLabel: options.hostLabel, stallMs: 5000 };
    const inspection = await handleHubInspect(state, ID, conn);
    await handleHubLoad(state, ID, conn, [inspection.files[0].path], ['Headline'], () => {});
    const before = state.table;
    hub.faults.neverAnswer = true;
    await expect(handleHubLoad(state, ID, { ...conn, stallMs: 300 }, [inspection.files[1].path], ['Headline'], () => {})).rejects.toThrow(/sent nothing for 300 ms, so reading/);
    expect(state.table).toBe(before);
  });

  it('cancel aborts the fetch under way and asks for nothing more', async () => {
    const { opened } = await inspectHubDataset(ID, options);
    hub.requests.length = 0;
    const controller = new AbortController();
    const load = loadHubRows(ID, opened, TEXT_COLUMNS, 200_000, { ...options, signal: controller.signal }, (p) => {
      if (p.rows >= 50) controller.abort();
    });
    await expect(load).rejects.toThrow('Import cancelled.');
    const after = hub.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(hub.requests.length).toBe(after);
    expect(hub.requests.filter((r) => r.status === 206).length).toBeLessThan(6);
  });

  it('says clearly: no such dataset, gated, a host that never answers, a web page, not Parquet', async () => {
    await expect(inspectHubDataset('test-org/no-such-dataset', options)).rejects.toThrow('There is no dataset "test-org/no-such-dataset" on 127.0.0.1 (stand-in) (404)');
    await expect(inspectHubDataset('test-org/gated-profiles', options)).rejects.toThrow(/gated\. Accept its terms on its Hub page/);
    await expect(inspectHubDataset('test-org/not-parquet', options)).rejects.toThrow(/"data\/train\.parquet" is not a Parquet file this app can read/);
    hub.faults.neverAnswer = true;
    await expect(inspectHubDataset(ID, { ...options, stallMs: 200 })).rejects.toThrow(/127\.0\.0\.1 \(stand-in\) sent nothing for 200 ms, so reading/);
    hub.faults.neverAnswer = false;
    const html = async () => new Response('<!doctype html><title>Welcome</title>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    await expect(inspectHubDataset(ID, { ...options, fetch: html })).rejects.toThrow(/answered with a web page instead of the Hub's JSON/);
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(inspectHubDataset(ID, { ...options, fetch: offline })).rejects.toThrow(/could not be reached \(Failed to fetch\)/);
  });

  it('falls back to the Parquet API when the repo holds no Parquet file', async () => {
    const tree = async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      if (url.includes('/tree/')) return new Response('[{"type":"file","path":"data.csv","size":10,"oid":"x"}]', { headers: { 'Content-Type': 'application/json' } });
      return fetch(url, init);
    };
    const { inspection } = await inspectHubDataset(ID, { ...options, fetch: tree });
    expect(inspection.files.map((f) => f.path)).toEqual(['default/train/0.parquet', 'default/train/1.parquet']);
    expect(inspection.rows).toBe(300);
  });
});
