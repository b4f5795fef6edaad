// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, makeProfile } from '../helpers/fixtures';
import { recordCanvasDrawing, type RecordedDot } from '../helpers/recordingCanvas';
import { clusterColour } from '../../src/ui/plot/palette';

/** Three clear groups of profiles, so k = 3 finds them. */
const groups = [
  ['Product Manager', 'roadmap backlog discovery prioritisation sprint'],
  ['Accountant', 'ledger reconciliation audit tax close'],
  ['Registered Nurse', 'patient care ward medication triage'],
] as const;
const profiles = groups.flatMap(([role, words], g) =>
  Array.from({ length: 8 }, (_, i) => makeProfile(`g${g}-${i}`, role, `${words} ${['alpha', 'beta', 'gamma', 'delta'][i % 4]}`)),
);

let dots: RecordedDot[] = [];
let canvasCounts = { clears: 0 };

beforeEach(() => {
  ({ dots, counts: canvasCounts } = recordCanvasDrawing());
  setServices(fakeServices(async () => ({ profiles, jobs: fixtureJobs })));
  useAppStore.setState({ k: 3 });
});
afterEach(() => {
  vi.restoreAllMocks();
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

/** What the point canvas says it drew. */
const drawn = (plot: HTMLElement) => Number(plot.querySelector('[data-testid="points-canvas"]')?.getAttribute('data-drawn'));

describe('cluster map', () => {
  it('draws every profile as a dot of its cluster colour on the canvas, and a legend entry per cluster with its size', async () => {
    const plot = await renderClustered();
    await waitFor(() => expect(drawn(plot)).toBe(profiles.length));
    expect(dots).toHaveLength(profiles.length);
    const labels = useAppStore.getState().clustering!.labels;
    expect(new Set(dots.map((d) => d.fill))).toEqual(new Set([...new Set(labels)].map(clusterColour)));
    const legend = screen.getAllByTestId('legend-item');
    expect(legend).toHaveLength(3);
    expect(legend.map((l) => l.textContent)).toEqual(expect.arrayContaining([expect.stringMatching(/Registered Nurse 100%.*8$/)]));
    expect(screen.getByTestId('cluster-quality')).toHaveTextContent('purity 1.000');
    expect(plot).toHaveTextContent(/PC1 \(\d+\.\d% of variance\)/);
  });

  it('draws the job description as a star and outlines the top hits after a search', async () => {
    const plot = await renderClustered();
    await waitFor(() => expect(drawn(plot)).toBe(profiles.length));
    const drawsBefore = canvasCounts.clears;
    expect(plot.querySelector('[data-testid="query-point"]')).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('job-input'), 'patient care and medication on the ward');
    await user.click(screen.getByTestId('search-button'));
    await waitFor(() => expect(plot.querySelector('[data-testid="query-point"]')).not.toBeNull());
    expect(plot.querySelectorAll('[data-testid="top-point"], [data-testid="selected-point"]').length).toBeGreaterThan(0);
    // the star and the outlined hits are SVG marks after (so above) the canvas of dots
    const canvas = plot.querySelector('[data-testid="points-canvas"]')!;
    for (const mark of plot.querySelectorAll('[data-testid="query-point"], [data-testid="top-point"]')) {
      expect(canvas.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    // a new query redraws only those marks, not the dots
    expect(canvasCounts.clears).toBe(drawsBefore);
    const nurseLegend = screen.getAllByTestId('legend-item').find((l) => l.textContent?.includes('Registered Nurse'));
    expect(nurseLegend).toHaveTextContent('job description');
  });

  it('hides and shows a cluster from the legend', async () => {
    const plot = await renderClustered();
    await waitFor(() => expect(drawn(plot)).toBe(24));
    const first = screen.getAllByTestId('legend-item')[0];
    await userEvent.click(first);
    expect(first).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(drawn(plot)).toBe(16));
    expect(dots.some((d) => d.fill === clusterColour(0))).toBe(false);
    await userEvent.click(first);
    await waitFor(() => expect(drawn(plot)).toBe(24));
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

  it('selects the profile whose canvas dot is clicked, and shows its tooltip on hover', async () => {
    const plot = await renderClustered();
    await waitFor(() => expect(drawn(plot)).toBe(24));
    const scatter = plot.querySelector('.scatter')!;
    // jsdom places the plot at (0, 0), so a dot's canvas position is its client position
    const dot = dots[5];
    fireEvent.mouseMove(scatter, { clientX: dot.x + 1, clientY: dot.y });
    const tip = await screen.findByTestId('plot-tooltip');
    fireEvent.click(scatter, { clientX: dot.x + 1, clientY: dot.y });
    const id = useAppStore.getState().selectedProfileId;
    const index = profiles.findIndex((p) => p.id === id);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(tip).toHaveTextContent(profiles[index].name);
    // the selection ring is drawn where the clicked dot is
    const ring = await waitFor(() => plot.querySelector('[data-testid="selected-point"]')!);
    expect(ring).toHaveAttribute('data-index', String(index));
    expect(Number(ring.getAttribute('cx'))).toBeCloseTo(dot.x, 3);
    expect(Number(ring.getAttribute('cy'))).toBeCloseTo(dot.y, 3);
    // empty space selects nothing else and hides the tooltip
    fireEvent.mouseMove(scatter, { clientX: 1, clientY: 1 });
    expect(screen.queryByTestId('plot-tooltip')).toBeNull();
    fireEvent.click(scatter, { clientX: 1, clientY: 1 });
    expect(useAppStore.getState().selectedProfileId).toBe(id);
  });

  it('reports a failed PNG export of the map instead of failing silently', async () => {
    await renderClustered();
    // jsdom lays nothing out and cannot turn the SVG into an image: the export must say so
    await userEvent.click(screen.getByRole('button', { name: 'Export PNG' }));
    expect(await screen.findByTestId('map-export-error')).toHaveTextContent(/^PNG export failed: .+/);
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
