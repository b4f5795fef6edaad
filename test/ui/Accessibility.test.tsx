// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';

beforeEach(() => setServices(fakeServices(async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs }))));
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

async function searchFor(text: string) {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
  const user = userEvent.setup();
  await user.type(screen.getByTestId('job-input'), text);
  await user.click(screen.getByTestId('search-button'));
  return { user, items: await screen.findAllByTestId('result-item') };
}

describe('keyboard and screen readers', () => {
  it('names a result in words: "rank 1, score 0.814, name, headline, ..." and not the digits run together', async () => {
    const { items } = await searchFor('roadmap backlog discovery');
    const first = items[0];
    const profile = fixtureProfiles.find((p) => p.id === first.getAttribute('data-profile-id'))!;
    const score = Number(first.getAttribute('data-score'));
    const button = within(first).getByRole('button', { expanded: false });
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(button).toHaveAccessibleName(
      new RegExp(`^rank 1, score ${escape(score.toFixed(3))}, ${escape(profile.name)}, ${escape(profile.headline)}, .*true role ${escape(profile.label.role)}, cluster C\\d+$`),
    );
    // the laid-out parts are not read a second time
    expect(within(button).getByText(profile.name).closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('offers a skip link past the results to the map, which takes the focus there', async () => {
    const { user } = await searchFor('ledger audit');
    const skip = screen.getByRole('link', { name: 'Skip past the results to the cluster map' });
    expect(skip).toHaveAttribute('href', '#cluster-map');
    const target = document.getElementById('cluster-map')!;
    expect(target).toHaveAttribute('tabindex', '-1');
    expect(within(target).getByRole('heading', { name: 'Cluster map' })).toBeInTheDocument();
    // the link comes after the controls above the list and before the first result
    skip.focus();
    await user.tab();
    expect(document.activeElement).toBe(within(screen.getAllByTestId('result-item')[0]).getByRole('button'));
    expect(screen.getByRole('link', { name: 'Skip to the cluster map' })).toHaveAttribute('href', '#cluster-map');
  });

  it('describes the map in words and gives it no tab stop that does nothing', async () => {
    await searchFor('ledger audit');
    const plot = await screen.findByTestId('cluster-plot');
    await waitFor(() => expect(plot.querySelector('svg')).not.toBeNull());
    expect(plot).toHaveAttribute('role', 'img');
    expect(plot.getAttribute('aria-label')).toMatch(/^Scatter plot of \d+ profiles coloured by cluster, with the job description as a star\. The top hits drawn on it are the ranked candidates list/);
    expect(plot.querySelectorAll('[tabindex]:not([tabindex="-1"])')).toHaveLength(0);
  });
});
