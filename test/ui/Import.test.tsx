// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices, type Services } from '../../src/store/services';
import { ImportClient } from '../../src/import/client';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';
import { IMPORT_FIXTURES } from '../helpers/importFixtures';
import { InProcessImportWorker } from '../helpers/inProcessImportWorker';
import { FakeWorker, hashEmbed, hashingWorkerHandler } from '../helpers/fakeWorker';
import { EmbeddingClient } from '../../src/embedding/client';
import { findModel, withPrefix } from '../../src/embedding/catalogue';

let services: Services;
beforeEach(() => {
  services = fakeServices(async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs }));
  setServices(services);
});
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
  vi.restoreAllMocks();
});

const fixtureFile = (name: string) => new File([readFileSync(join(IMPORT_FIXTURES, name))], name, { type: 'text/csv' });

async function renderReady() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
}

async function chooseFile(name: string) {
  const user = userEvent.setup();
  if (!screen.queryByTestId('import-dialog')) await user.click(screen.getByTestId('import-open'));
  await user.upload(screen.getByTestId('import-file'), fixtureFile(name));
  return user;
}

async function importFile(name: string) {
  const user = await chooseFile(name);
  await user.click(await screen.findByTestId('import-confirm'));
  await screen.findByTestId('import-done');
  await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/Ready · 3 profiles embedded/));
  return user;
}

describe('import dialog', () => {
  it('imports a common CSV with one confirmation, then searches it', async () => {
    await renderReady();
    const user = await chooseFile('common.csv');
    expect(await screen.findByTestId('import-summary')).toHaveTextContent('3 rows read from common.csv (CSV, separated by ",")');
    expect(screen.getByTestId('import-map-id')).toHaveValue('id');
    expect(screen.getByTestId('import-map-label')).toHaveValue('category');
    expect(screen.getByTestId('import-composed').querySelector('pre')).toHaveTextContent('Data Scientist Builds churn models, runs A/B tests. python, sql');
    await user.click(screen.getByTestId('import-confirm'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('Imported 3 profiles as “common”.');
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/Ready · 3 profiles embedded/));
    const select = screen.getByTestId('dataset-select');
    expect(within(select).getByRole('option', { selected: true })).toHaveTextContent('common · 3');
    await user.type(screen.getByTestId('job-input'), 'compilers cobol');
    await user.click(screen.getByTestId('search-button'));
    const items = await screen.findAllByTestId('result-item');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveAttribute('data-profile-id', 'p2');
    expect(within(items[0]).getByText('Grace Hopper')).toBeInTheDocument();
  });

  it('the live preview follows the text columns chosen', async () => {
    await renderReady();
    const user = await chooseFile('common.csv');
    await user.click(await screen.findByRole('checkbox', { name: 'skills' }));
    expect(screen.getByTestId('import-composed').querySelector('pre')?.textContent).toBe('Data Scientist\nBuilds churn models, runs A/B tests.');
  });

  it('markup in every field is shown as text and never runs', async () => {
    await renderReady();
    const user = await importFile('xss.csv');
    await user.type(screen.getByTestId('job-input'), 'payment APIs');
    await user.click(screen.getByTestId('search-button'));
    const items = await screen.findAllByTestId('result-item');
    await user.click(within(items[0]).getByRole('button', { expanded: false }));
    expect(document.querySelectorAll('img[onerror], script')).toHaveLength(0);
    expect(screen.getAllByText('<img src=x onerror="window.__xss=2">').length).toBeGreaterThan(0);
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('a failed import says why and keeps the profiles on screen', async () => {
    await renderReady();
    await chooseFile('binary.csv');
    expect(await screen.findByTestId('import-error')).toHaveTextContent(/binary file, not text/);
    await chooseFile('empty.csv');
    expect(await screen.findByTestId('import-error')).toHaveTextContent('The file is empty');
    expect(screen.getByTestId('dataset-select')).toHaveValue('bundled');
    expect(useAppStore.getState().profiles.map((p) => p.id)).toEqual(fixtureProfiles.map((p) => p.id));
  });

  it('a cancelled import changes nothing', async () => {
    const worker = new InProcessImportWorker(true);
    services.importer = new ImportClient(() => worker);
    await renderReady();
    const user = await chooseFile('common.csv');
    expect(await screen.findByTestId('import-progress')).toBeInTheDocument();
    await user.click(screen.getByTestId('import-cancel'));
    expect(screen.getByText('Import cancelled. The profiles on screen are unchanged.')).toBeInTheDocument();
    expect(worker.terminated).toBe(true);
    expect(useAppStore.getState().profiles.map((p) => p.id)).toEqual(fixtureProfiles.map((p) => p.id));
  });

  it('lists skipped rows with the reason and downloads them as CSV', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (saved.push(b), 'blob:skipped'));
    URL.revokeObjectURL = vi.fn();
    await renderReady();
    const user = await chooseFile('duplicate-ids.csv');
    await user.click(await screen.findByTestId('import-confirm'));
    const skipped = await screen.findByTestId('import-skipped');
    expect(skipped).toHaveTextContent('2 rows were skipped');
    expect(skipped).toHaveTextContent('row 3 (line 4) repeats the id "1" of row 1');
    await user.click(screen.getByTestId('import-skipped-download'));
    expect(await saved[0].text()).toMatch(/^row,line,reason,id,name,summary\r\n3,4,"repeats the id ""1"" of row 1/);
    // no label column: no made-up cluster quality against "unlabelled"
    expect(await screen.findByTestId('cluster-quality')).toHaveTextContent('purity – · NMI – · ARI – (this dataset has no labels)');
    // nor comparison figures: the lab says why and does not run
    await user.click(screen.getByTestId('tab-compare'));
    expect(screen.getByTestId('compare-unlabelled')).toHaveTextContent('nothing to score the rankings against');
    expect(screen.getByTestId('run-comparison')).toBeDisabled();
  });

  it('switches datasets, remembers the choice across a reload, and deletes only after asking', async () => {
    await renderReady();
    const user = await importFile('common.csv');
    const id = useAppStore.getState().datasetId;
    expect(id).toMatch(/^ds-/);
    // a reload: a fresh store that remembers only the persisted choices, the same IndexedDB
    cleanup();
    resetAppStore();
    useAppStore.setState({ datasetId: id });
    await renderReady();
    expect(screen.getByTestId('status')).toHaveTextContent(/3 profiles embedded/);
    expect(screen.getByTestId('dataset-select')).toHaveValue(id);
    expect(screen.getByTestId('dataset-storage')).toHaveTextContent(/1 imported dataset, about \d+ B of text/);
    // back to the bundled profiles and forth again
    await user.selectOptions(screen.getByTestId('dataset-select'), 'bundled');
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/5 profiles embedded/));
    await user.selectOptions(screen.getByTestId('dataset-select'), id);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/3 profiles embedded/));
    await user.click(screen.getByTestId('dataset-delete'));
    expect(screen.getByRole('alert')).toHaveTextContent('Delete “common” (3 profiles) from this browser?');
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(useAppStore.getState().datasets).toHaveLength(1);
    await user.click(screen.getByTestId('dataset-delete'));
    await user.click(screen.getByTestId('dataset-delete-confirm'));
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/5 profiles embedded/));
    expect(screen.getByTestId('dataset-select')).toHaveValue('bundled');
    expect(useAppStore.getState().datasets).toHaveLength(0);
    expect(await (await services.openDatasets!()).list()).toEqual([]);
  });

  it('a remembered dataset that is gone falls back to the bundled one and says so', async () => {
    useAppStore.setState({ datasetId: 'ds-gone' });
    await renderReady();
    expect(screen.getByTestId('dataset-select')).toHaveValue('bundled');
    expect(screen.getByTestId('dataset-notice')).toHaveTextContent('The dataset chosen last time could not be opened (it is no longer stored in this browser)');
  });

  it('imports labelled job descriptions for the profiles on screen, keeps them across a reload, and can go back to the bundled ones', async () => {
    await renderReady();
    const user = await importFile('common.csv');
    const id = useAppStore.getState().datasetId;
    await user.click(screen.getByRole('button', { name: 'Import another file' }));
    await chooseFile('jobs.csv');
    await user.click(await screen.findByTestId('import-kind-jobs'));
    expect(screen.getByTestId('import-map-label')).toHaveValue('relevant_roles');
    expect(screen.getByTestId('import-confirm')).toHaveTextContent('Import 3 job descriptions');
    await user.click(screen.getByTestId('import-confirm'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('Imported 2 job descriptions from jobs.csv');
    expect(screen.getByTestId('import-skipped')).toHaveTextContent('row 3 (line 4) has no relevant role');
    expect(screen.getByTestId('dataset-jobs')).toHaveTextContent('Job descriptions: 2 imported for these profiles');
    expect(screen.getByRole('button', { name: 'Compiler engineer' })).toBeInTheDocument();
    // a reload keeps them with their dataset
    cleanup();
    resetAppStore();
    useAppStore.setState({ datasetId: id });
    await renderReady();
    expect(screen.getByTestId('dataset-jobs')).toHaveTextContent('Job descriptions: 2 imported');
    expect(useAppStore.getState().jobs.map((j) => j.id)).toEqual(['q1', 'q2']);
    await user.click(screen.getByRole('button', { name: 'use the bundled ones' }));
    expect(screen.getByTestId('dataset-jobs')).toHaveTextContent(`Job descriptions: ${fixtureJobs.length} bundled`);
  });

  it('takes a dropped file and pasted rows, and Escape closes the panel from the keyboard', async () => {
    await renderReady();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('import-open'));
    fireEvent.drop(screen.getByTestId('import-drop'), { dataTransfer: { files: [fixtureFile('profiles.tsv')] } });
    expect(await screen.findByTestId('import-summary')).toHaveTextContent('2 rows read from profiles.tsv (TSV)');
    await user.click(screen.getByRole('button', { name: 'Choose another file' }));
    await user.click(screen.getByTestId('import-paste'));
    await user.paste('id,summary\nz1,Pastry chef in a hotel kitchen\nz2,Barista and café manager\n');
    await user.click(screen.getByTestId('import-paste-read'));
    expect(await screen.findByTestId('import-summary')).toHaveTextContent('2 rows read from pasted text (CSV');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('import-dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('import-open')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByTestId('import-open')).toHaveFocus();
  });
});

describe('precomputed embeddings in an imported file', () => {
  const modelId = 'Xenova/bge-small-en-v1.5';
  const dims = 384;

  /** Three profiles whose file vectors, not their text, make p2 the match for `query`. */
  function vectorFile(query: string): File {
    const target = Array.from(hashEmbed(withPrefix(findModel(modelId)!, 'query', query), dims));
    const other = (i: number) => Array.from(hashEmbed(`unrelated words number ${i}`, dims)).map((x) => x * 3);
    const rows = [
      { id: 'p1', summary: 'Registered nurse, intensive care', embedding: other(1) },
      { id: 'p2', summary: 'Pastry chef', embedding: target },
      { id: 'p3', summary: 'Accountant, month-end close', embedding: other(3) },
    ];
    return new File([JSON.stringify(rows)], 'with-vectors.json', { type: 'application/json' });
  }

  it('uses the chosen vector column with the model named: no profile is embedded, only the job description', async () => {
    const worker = new FakeWorker(hashingWorkerHandler);
    services = fakeServices(async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs }), { client: new EmbeddingClient(() => worker) });
    setServices(services);
    await renderReady();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('import-open'));
    await user.upload(screen.getByTestId('import-file'), vectorFile('compilers and cobol'));
    const vectors = await screen.findByTestId('import-map-vectors');
    // nothing names the model, so the text would be embedded until the user says otherwise
    expect(vectors).toHaveValue('');
    expect(within(vectors).getByRole('option', { name: 'embedding (384 numbers)' })).toBeInTheDocument();
    await user.selectOptions(vectors, 'embedding');
    const model = screen.getByTestId('import-map-vector-model');
    // only models that make 384 numbers are offered, and one must be chosen
    expect(within(model).queryByRole('option', { name: /GloVe/ })).not.toBeInTheDocument();
    expect(screen.getByTestId('import-confirm')).toBeDisabled();
    await user.selectOptions(model, modelId);
    const embedsBefore = worker.received.filter((r) => r.type === 'embed').length;
    await user.click(screen.getByTestId('import-confirm'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent(/with the file's own vectors, made by .*bge-small/i);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('Ready · 3 profiles with vectors from the file'));
    expect(screen.getByTestId('file-vectors')).toHaveTextContent('2 of 3 were not unit length and were scaled to unit length');
    expect(worker.received.filter((r) => r.type === 'embed').length).toBe(embedsBefore);

    await user.type(screen.getByTestId('job-input'), 'compilers and cobol');
    await user.click(screen.getByTestId('search-button'));
    const items = await screen.findAllByTestId('result-item');
    expect(items[0]).toHaveAttribute('data-profile-id', 'p2');
    const embeds = worker.received.filter((r) => r.type === 'embed').slice(embedsBefore);
    expect(embeds.flatMap((r) => (r.type === 'embed' ? r.texts : []))).toEqual([withPrefix(findModel(modelId)!, 'query', 'compilers and cobol')]);
  });

  it('refuses vectors no known model makes, and imports the text instead when asked', async () => {
    await renderReady();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('import-open'));
    const rows = [1, 2].map((i) => ({ id: `q${i}`, summary: `Welder ${i}`, vec: Array.from({ length: 12 }, (_, k) => k + i) }));
    await user.upload(screen.getByTestId('import-file'), new File([JSON.stringify(rows)], 'odd.json', { type: 'application/json' }));
    await user.selectOptions(await screen.findByTestId('import-map-vectors'), 'vec');
    expect(screen.getByTestId('import-vectors-refused')).toHaveTextContent('No model this app knows makes vectors of 12 numbers');
    expect(screen.getByTestId('import-confirm')).toBeDisabled();
    await user.selectOptions(screen.getByTestId('import-map-vectors'), '');
    await user.click(screen.getByTestId('import-confirm'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('They are being embedded now.');
  });
});
