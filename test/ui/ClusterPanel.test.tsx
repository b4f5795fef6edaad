// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, makeProfile } from '../helpers/fixtures';

/** Three clear groups of profiles, so k = 3 finds them. */
const groups = [
  ['Product Manager', 'roadmap backlog discovery prioritisation sprint'],
  ['Accountant', 'ledger reconciliation audit tax close'],
  ['Registered Nurse', 'patient care ward medication triage'],
] as const;
const profiles = groups.flatMap(([role, words], g) =>
  Array.from({ length: 8 }, (_, i) => makeProfile(`g${g}-${i}`, role, `${words} ${['alpha', 'beta', 'gamma', 'delta'][i % 4]}`)),
);

beforeEach(() => {
  setServices(fakeServices(async () => ({ profiles, jobs: fixtureJobs })));
  useAppStore.setState({ k: 3 });
});
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

async function renderClustered() {
  render(<App />);
  await waitFor(() => expect(useAppStore.getState().clusterStatus).toBe('ready'));
  await waitFor(() => expect(useAppStore.getState().projection).not.toBeNull());
  return screen.getByTestId('cluster-plot');
}

describe('cluster map', () => {
  it('draws one mark per profile and a legend entry per cluster with its size', async () => {
    const plot = await renderClustered();
    await waitFor(() => expect(plot.querySelectorAll('[data-testid="profile-point"]')).toHaveLength(profiles.length));
    const legend = screen.getAllByTestId('legend-item');
    expect(legend).toHaveLength(3);
    expect(legend.map((l) => l.textContent)).toEqual(expect.arrayContaining([expect.stringMatching(/Registered Nurse 100%.*8$/)]));
    expect(screen.getByTestId('cluster-quality')).toHaveTextContent('purity 1.000');
    expect(plot).toHaveTextContent(/PC1 \(\d+\.\d% of variance\)/);
  });

  it('draws the job description as a star and outlines the top hits after a search', async () => {
    const plot = await renderClustered();
    expect(plot.querySelector('[data-testid="query-point"]')).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('job-input'), 'patient care and medication on the ward');
    await user.click(screen.getByTestId('search-button'));
    await waitFor(() => expect(plot.querySelector('[data-testid="query-point"]')).not.toBeNull());
    expect(plot.querySelectorAll('[data-testid="top-point"], [data-testid="selected-point"]').length).toBeGreaterThan(0);
    const nurseLegend = screen.getAllByTestId('legend-item').find((l) => l.textContent?.includes('Registered Nurse'));
    expect(nurseLegend).toHaveTextContent('job description');
  });

  it('hides and shows a cluster from the legend', async () => {
    const plot = await renderClustered();
    await waitFor(() => expect(plot.querySelectorAll('[data-testid="profile-point"]')).toHaveLength(24));
    const first = screen.getAllByTestId('legend-item')[0];
    await userEvent.click(first);
    expect(first).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(plot.querySelectorAll('[data-testid="profile-point"]')).toHaveLength(16));
    await userEvent.click(first);
    await waitFor(() => expect(plot.querySelectorAll('[data-testid="profile-point"]')).toHaveLength(24));
  });

  it('filters the ranking to the job cluster and lists what the filter hid', async () => {
    await renderClustered();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: /show/i }), '25');
    await user.type(screen.getByTestId('job-input'), 'patient care medication');
    await user.click(screen.getByTestId('search-button'));
    await waitFor(() => expect(screen.getAllByTestId('result-item')).toHaveLength(24));
    await user.click(within(screen.getByTestId('cluster-filter')).getByLabelText(/the job's cluster/));
    await waitFor(() => expect(screen.getAllByTestId('result-item')).toHaveLength(8));
    for (const item of screen.getAllByTestId('result-item')) expect(item).toHaveTextContent('Registered Nurse');
    expect(screen.getByTestId('hidden-hits')).toHaveTextContent('16 strong matches hidden by the cluster filter');
  });

  it('selects a profile by clicking its point, and the result follows', async () => {
    const plot = await renderClustered();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('job-input'), 'ledger audit');
    await user.click(screen.getByTestId('search-button'));
    await screen.findAllByTestId('result-item');
    const point = plot.querySelector('[data-testid="top-point"]')!;
    const index = Number(point.getAttribute('data-index'));
    await user.click(point);
    expect(useAppStore.getState().selectedProfileId).toBe(profiles[index].id);
    const item = screen.getAllByTestId('result-item').find((i) => i.getAttribute('data-profile-id') === profiles[index].id)!;
    expect(item).toHaveClass('selected');
    expect(within(item).getByRole('button', { expanded: true })).toBeInTheDocument();
    await waitFor(() => expect(plot.querySelector('[data-testid="selected-point"]')).toHaveAttribute('data-index', String(index)));
  });

  it('compares k = 2..n with inertia and silhouette off the main thread', async () => {
    await renderClustered();
    await userEvent.click(screen.getByRole('button', { name: /Compare k/ }));
    const chart = await screen.findByTestId('k-sweep');
    const sweep = useAppStore.getState().sweep!;
    // 24 profiles: k from 2 to 20, each with an inertia that falls as k grows
    expect(sweep.map((p) => p.k)).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
    expect(sweep[sweep.length - 1].inertia).toBeLessThan(sweep[0].inertia);
    expect(chart).toHaveTextContent(/Highest silhouette at k = \d+/);
    expect(chart.querySelectorAll('.recharts-line')).toHaveLength(2);
  });

  it('re-clusters when k changes', async () => {
    await renderClustered();
    const input = screen.getByTestId('k-input');
    await userEvent.clear(input);
    await userEvent.type(input, '4{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('legend-item')).toHaveLength(4));
    expect(useAppStore.getState().clustering?.k).toBe(4);
  });
});
