// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { SHORTLIST_COLUMNS } from '../../src/core/shortlist';
import { BUNDLED_MODEL } from '../../src/embedding/catalogue';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { resetViewLink } from '../../src/store/urlSync';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, makeProfile } from '../helpers/fixtures';

const profiles = [
  makeProfile('a', 'Product Manager', 'product manager roadmap', { name: '=HYPERLINK("http://evil","click")' }),
  makeProfile('b', 'Product Marketing Manager', 'product marketing launch positioning'),
  makeProfile('c', 'Product Manager', 'roadmap discovery backlog experiments'),
  makeProfile('d', 'Accountant', 'ledger audit close', { headline: '@accountant, ledgers' }),
];
const QUERY = 'Product manager, "payments": own the roadmap and discovery.';

const shownIds = () => screen.getAllByTestId('result-item').map((el) => el.getAttribute('data-profile-id'));
const params = () => new URLSearchParams(window.location.search);

async function openApp(search = '') {
  window.history.replaceState(null, '', `/${search}`);
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
}

async function search() {
  fireEvent.change(screen.getByTestId('job-input'), { target: { value: QUERY } });
  await userEvent.click(screen.getByTestId('search-button'));
  await screen.findAllByTestId('result-item');
}

/** Captures what the page saves through a temporary blob: link. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  URL.createObjectURL = vi.fn((blob: Blob) => ((last = blob), 'blob:test'));
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (last) saved.push({ name: this.download, blob: last });
  });
  return saved;
}

beforeEach(() => {
  resetViewLink();
  setServices(fakeServices(async () => ({ profiles, jobs: fixtureJobs })));
});
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('the view in the URL', () => {
  it('applies a link’s settings before the first load and writes changes back', async () => {
    await openApp('?ranking=bm25&top=10&k=3&filter=cluster&hub=http%3A%2F%2F127.0.0.1%3A5190%2F');
    expect(screen.getByTestId('ranking-bm25')).toBeChecked();
    expect(useAppStore.getState()).toMatchObject({ resultCount: 10, k: 3, filterMode: { kind: 'query-cluster' } });
    expect(screen.queryByTestId('view-link-problems')).toBeNull();
    await search();
    await userEvent.click(screen.getByTestId('ranking-embedding'));
    expect(params().get('ranking')).toBe('embedding');
    // a parameter of another feature is left as it was
    expect(params().get('hub')).toBe('http://127.0.0.1:5190/');
    expect(params().has('jd')).toBe(false);
  });

  it('says which values it could not apply, and keeps the ones it could', async () => {
    await openApp('?model=someone%2Fnot-in-catalogue&weight=2&ranking=embedding');
    const alert = screen.getByTestId('view-link-problems');
    expect(alert).toHaveTextContent('does not know, "someone/not-in-catalogue"');
    expect(alert).toHaveTextContent('fusion weight "2" is not a number from 0 to 1');
    expect(useAppStore.getState()).toMatchObject({ modelId: BUNDLED_MODEL.id, rankingKind: 'embedding' });
    expect(params().get('model')).toBe(BUNDLED_MODEL.id);
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('view-link-problems')).toBeNull();
  });

  it('puts a linked job description in the editor, searches it, and takes it out of the address bar', async () => {
    await openApp(`?jd=${encodeURIComponent(QUERY)}`);
    await screen.findAllByTestId('result-item');
    expect(screen.getByTestId('job-input')).toHaveValue(QUERY);
    expect(params().has('jd')).toBe(false);
  });

  it('copies the job description into a link only with the second button, and shows the link when the clipboard refuses', async () => {
    await openApp();
    await search();
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await userEvent.click(screen.getByTestId('copy-view-link'));
    expect(new URL(writeText.mock.lastCall![0]).searchParams.has('jd')).toBe(false);
    expect(screen.getByTestId('share-status')).toHaveTextContent('without the job description');
    await userEvent.click(screen.getByTestId('copy-view-link-jd'));
    expect(new URL(writeText.mock.lastCall![0]).searchParams.get('jd')).toBe(QUERY);

    writeText.mockRejectedValueOnce(new Error('denied'));
    await userEvent.click(screen.getByTestId('copy-view-link'));
    expect(screen.getByTestId('share-link')).toHaveValue(new URL(window.location.href).origin + '/' + window.location.search);
  });
});

describe('shortlist export', () => {
  it('is disabled until there is a ranked list', async () => {
    await openApp();
    expect(screen.getByTestId('export-shortlist')).toBeDisabled();
  });

  it('saves the shown rows as CSV with formulas neutralised, and as JSON, by keyboard', async () => {
    const saved = captureDownloads();
    await openApp();
    await search();
    screen.getByTestId('export-shortlist').focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('export-shortlist')).toHaveAttribute('aria-expanded', 'true');
    await userEvent.tab();
    expect(screen.getByTestId('export-shortlist-csv')).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toMatch(/^shortlist-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = await saved[0].blob.text();
    const lines = csv.replace(/^\uFEFF/, '').split('\n');
    expect(lines[0]).toBe(SHORTLIST_COLUMNS.join(','));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csv).toContain(`"'@accountant, ledgers"`);
    expect(csv).toContain('"Product manager, ""payments"": own the roadmap and discovery."');
    // the menu closed and focus is back on its button
    expect(screen.getByTestId('export-shortlist')).toHaveFocus();
    expect(screen.queryByTestId('export-shortlist-csv')).toBeNull();

    await userEvent.keyboard('{Enter}');
    await userEvent.click(screen.getByTestId('export-shortlist-json'));
    const json = JSON.parse(await saved[1].blob.text());
    expect(json.rows.map((r: { id: string }) => r.id)).toEqual(shownIds());
    expect(json.rows[0]).toMatchObject({ rank: 1, ranking: 'hybrid', fusion_weight: 0.4, model: BUNDLED_MODEL.id });
    expect(json.jobDescription).toBe(QUERY);
  });

  it('closes the menu with Escape', async () => {
    await openApp();
    await search();
    await userEvent.click(screen.getByTestId('export-shortlist'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('export-shortlist-csv')).toBeNull();
    expect(screen.getByTestId('export-shortlist')).toHaveFocus();
  });
});
