// @vitest-environment jsdom
/**
 * The import dialog's "Hugging Face dataset" source, with the real import handlers (in
 * process) reading from the stand-in Hub: look up by id, choose columns, load, map, import.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { DATASET_FIXTURE_ID } from '../../scripts/build-test-dataset';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';
import { startStandInHub, type StandInHub } from '../helpers/standInHub';

let hub: StandInHub;
beforeAll(async () => {
  hub = await startStandInHub();
});
afterAll(() => hub.close());
beforeEach(() => {
  hub.requests.length = 0;
  setServices(fakeServices(async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs })));
});
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

async function openDialog() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
  // the model host: the stand-in, as a mirror the user set under Storage would be
  useAppStore.setState({ remoteHost: `${hub.url}/`, remoteHostSource: 'settings' });
  const user = userEvent.setup();
  await user.click(screen.getByTestId('import-open'));
  return user;
}

describe('Hugging Face dataset source', () => {
  it('looks a dataset up by id, shows files and typed columns, loads the chosen ones and imports them', async () => {
    const user = await openDialog();
    await user.type(screen.getByTestId('hub-dataset-id'), `https://huggingface.co/datasets/${DATASET_FIXTURE_ID}{Enter}`);
    expect(await screen.findByTestId('hub-dataset-summary', {}, { timeout: 10_000 })).toHaveTextContent(`${DATASET_FIXTURE_ID} on 127.0.0.1:${hub.port}: 2 Parquet files, 300 rows, 11 columns.`);
    const columns = screen.getByTestId('hub-dataset-columns');
    expect(within(columns).getByText('about_me_embedding').parentElement).toHaveTextContent('list<float32>, 384 numbers per row: precomputed embeddings');
    // text columns start chosen, vectors not
    expect(screen.getByTestId('hub-column-About Me')).toBeChecked();
    expect(screen.getByTestId('hub-column-about_me_embedding')).not.toBeChecked();
    for (const c of ['FirstName', 'LastName', 'Location', 'Education', 'Interests']) await user.click(screen.getByTestId(`hub-column-${c}`));
    expect(screen.getByTestId('hub-dataset-plan')).toHaveTextContent(/\(4 of 11 columns\)/);
    await user.click(screen.getAllByTestId('hub-dataset-file')[1]);
    expect(screen.getByTestId('hub-dataset-load')).toHaveTextContent('Load 150 rows');
    await user.click(screen.getByTestId('hub-dataset-load'));
    expect(await screen.findByTestId('import-summary', {}, { timeout: 10_000 })).toHaveTextContent(`150 rows read from ${DATASET_FIXTURE_ID} (PARQUET)`);
    await user.click(screen.getByTestId('import-confirm'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('Imported 150 profiles');
    // files were read only in ranges
    expect(hub.requests.filter((r) => !r.path.startsWith('/api/')).every((r) => r.range)).toBe(true);
  });

  it('refuses a malformed id before fetching anything, and names a missing dataset', async () => {
    const user = await openDialog();
    await user.type(screen.getByTestId('hub-dataset-id'), '../etc{Enter}');
    expect(await screen.findByTestId('hub-dataset-error')).toHaveTextContent('is not a Hub dataset id');
    expect(hub.requests).toHaveLength(0);
    await user.clear(screen.getByTestId('hub-dataset-id'));
    await user.type(screen.getByTestId('hub-dataset-id'), 'test-org/nothing-here{Enter}');
    expect(await screen.findByTestId('hub-dataset-error', {}, { timeout: 10_000 })).toHaveTextContent('There is no dataset "test-org/nothing-here"');
    // the profiles on screen are untouched
    expect(useAppStore.getState().profiles).toBe(fixtureProfiles);
  });
});
