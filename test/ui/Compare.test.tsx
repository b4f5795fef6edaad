// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { comparisonCsv } from '../../src/store/compareExport';
import { fakeServices } from '../helpers/services';
import { makeProfile } from '../helpers/fixtures';
import type { JobDescription } from '../../src/data/schema';

const profiles = [
  ...Array.from({ length: 6 }, (_, i) => makeProfile(`pm${i}`, 'Product Manager', `roadmap backlog discovery prioritisation ${i}`)),
  ...Array.from({ length: 6 }, (_, i) => makeProfile(`pmm${i}`, 'Product Marketing Manager', `positioning messaging launch enablement ${i}`)),
  ...Array.from({ length: 6 }, (_, i) => makeProfile(`acc${i}`, 'Accountant', `ledger reconciliation audit close ${i}`)),
];
const jobs: JobDescription[] = [
  { id: 'j1', title: 'PM', text: 'roadmap backlog discovery', role: 'Product Manager', family: 'Product', relevant: { 'Product Manager': 2, 'Product Marketing Manager': 1 } },
  { id: 'j2', title: 'PMM', text: 'positioning messaging launch', role: 'Product Marketing Manager', family: 'Marketing', relevant: { 'Product Marketing Manager': 2 } },
  { id: 'j3', title: 'Acc', text: 'ledger audit reconciliation', role: 'Accountant', family: 'Finance', relevant: { Accountant: 2 } },
];

beforeEach(() => {
  setServices(fakeServices(async () => ({ profiles, jobs })));
});
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

async function openCompare() {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
  await userEvent.click(screen.getByTestId('tab-compare'));
}

describe('comparison lab', () => {
  it('runs two models one after another and shows both rows, the separation and the chart', async () => {
    await openCompare();
    await userEvent.click(screen.getByTestId('target-Xenova/all-MiniLM-L6-v2-q8'));
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    const rows = screen.getAllByTestId('compare-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('glove-sif-100d q8');
    expect(rows[1]).toHaveTextContent('all-MiniLM-L6-v2 q8');
    // the hashing stand-in separates these toy roles perfectly: nDCG 1, PM/PMM AUC 1
    expect(within(rows[0]).getAllByRole('cell')[0]).toHaveTextContent('1.000');
    expect(screen.getByTestId('compare-chart').querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0);
    expect(screen.getByTestId('per-family')).toHaveTextContent(/Product.*1\.000/);
    expect(screen.getByTestId('all-pairs')).toHaveTextContent('Product Manager → Product Marketing Manager');
    expect(screen.getByTestId('all-pairs')).toHaveTextContent('Product Marketing Manager → Product Manager');
    const csv = comparisonCsv(useAppStore.getState().compareRuns);
    expect(csv.split('\n')[0]).toContain('ndcg10,precision10,mrr,recall50,pm_pmm_auc');
    expect(csv.trim().split('\n')).toHaveLength(3);
  });

  it('keeps finished runs when a later one fails', async () => {
    await openCompare();
    useAppStore.setState({ customModelIds: ['nobody/missing-model'] });
    await userEvent.click(await screen.findByTestId('target-nobody/missing-model-q8'));
    // the stand-in worker answers every model; make this one fail like a 404
    const { client } = (await import('../../src/store/services')).getServices();
    const original = client.load.bind(client);
    client.load = (spec, onProgress) => (spec.modelId === 'nobody/missing-model' ? Promise.reject(new Error('Could not locate file: config.json')) : original(spec, onProgress));
    await userEvent.click(screen.getByTestId('run-comparison'));
    await waitFor(() => expect(useAppStore.getState().compareStatus).toBe('done'), { timeout: 10_000 });
    const runs = screen.getAllByTestId('compare-run');
    expect(runs.map((r) => r.getAttribute('data-status'))).toEqual(['done', 'error']);
    expect(runs[1]).toHaveTextContent('was not found');
    expect(screen.getAllByTestId('compare-row')).toHaveLength(1);
  });
});

describe('cost calculator', () => {
  it('prices hosted APIs against the measured local model, with N on a log slider', async () => {
    await openCompare();
    const panel = screen.getByTestId('cost-panel');
    const rows = within(panel).getAllByTestId('cost-row');
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('text-embedding-3-small'), expect.stringContaining('glove-sif-100d q8 (local)')]),
    );
    const small = rows.find((r) => r.textContent?.includes('text-embedding-3-small'))!;
    const before = small.textContent;
    fireEvent.change(within(panel).getByTestId('cost-n'), { target: { value: '1000' } });
    expect(within(panel).getByText('100,000,000')).toBeInTheDocument();
    expect(within(panel).getAllByTestId('cost-row').find((r) => r.textContent?.includes('text-embedding-3-small'))!.textContent).not.toBe(before);
  });
});
