// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { setServices } from '../../src/store/services';
import { fakeServices } from '../helpers/services';
import { fixtureJobs, fixtureProfiles } from '../helpers/fixtures';

beforeEach(() => setServices(fakeServices(async () => ({ profiles: fixtureProfiles, jobs: fixtureJobs }))));
afterEach(() => {
  cleanup();
  resetAppStore();
  setServices(null);
});

const ids = (testId: string) => screen.queryAllByTestId(testId).map((i) => i.getAttribute('data-profile-id'));

async function searchFor(user: ReturnType<typeof userEvent.setup>, query: string) {
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('status')).toHaveAttribute('data-state', 'ready'));
  await user.type(screen.getByTestId('job-input'), query);
  await user.click(screen.getByTestId('search-button'));
  await screen.findAllByTestId('result-item');
}

describe('must-have and excluded terms', () => {
  it('adds rules with Enter, says what each removed, re-ranks, and lists the strong matches removed', async () => {
    const user = userEvent.setup();
    await searchFor(user, 'roadmap discovery');
    expect(ids('result-item')).toHaveLength(5);
    const rules = screen.getByTestId('term-rules');

    await user.selectOptions(within(rules).getByRole('combobox', { name: 'Rule type' }), 'exclude');
    await user.type(within(rules).getByRole('textbox', { name: 'Term or phrase' }), 'Experiments{Enter}');
    const listed = within(rules).getAllByTestId('term-rule');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toHaveTextContent(/^Exclude\s*Experiments\s*removes 1 profile/);
    expect(within(rules).getByRole('textbox', { name: 'Term or phrase' })).toHaveValue('');
    expect(ids('result-item')).not.toContain('pm2');
    expect(ids('result-item')).toHaveLength(4);
    // nothing vanishes silently: the removed strong match is listed, and can be opened
    const hidden = screen.getByTestId('rule-hidden-hits');
    expect(within(hidden).getByText('1 strong match removed by your term rules')).toBeInTheDocument();
    expect(ids('hidden-item')).toEqual(['pm2']);
    expect(screen.getByText(/your term rules removed 1/)).toBeInTheDocument();

    // a must-have term; a profile failing both rules counts under both
    await user.selectOptions(within(rules).getByRole('combobox', { name: 'Rule type' }), 'require');
    await user.type(within(rules).getByRole('textbox', { name: 'Term or phrase' }), 'ledger{Enter}');
    expect(within(rules).getAllByTestId('term-rule').map((r) => r.getAttribute('data-removed'))).toEqual(['1', '3']);
    expect(within(rules).getByTestId('rules-summary')).toHaveTextContent('2 of 5 profiles pass every rule');
    expect(ids('result-item').sort()).toEqual(['acc1', 'evil']);
  });

  it('explains a term it cannot add and keeps what was typed', async () => {
    const user = userEvent.setup();
    await searchFor(user, 'roadmap');
    const box = screen.getByRole('textbox', { name: 'Term or phrase' });
    await user.type(box, 'roadmap{Enter}');
    await user.type(box, 'ROADMAP{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('"roadmap" is already in the list.');
    expect(box).toHaveValue('ROADMAP');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    await user.clear(box);
    await user.type(box, '  {Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Type a word or phrase first.');
  });

  it('removes a rule with its labelled button from the keyboard, restoring the ranking', async () => {
    const user = userEvent.setup();
    await searchFor(user, 'roadmap discovery');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rule type' }), 'exclude');
    await user.type(screen.getByRole('textbox', { name: 'Term or phrase' }), 'roadmap{Enter}');
    expect(ids('result-item')).not.toContain('pm1');
    screen.getByRole('button', { name: 'Remove an excluded term “roadmap”' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.queryAllByTestId('term-rule')).toHaveLength(0);
    expect(ids('result-item')).toHaveLength(5);
    expect(screen.queryByTestId('rule-hidden-hits')).toBeNull();
  });

  it('says so when the rules leave nothing to rank', async () => {
    const user = userEvent.setup();
    await searchFor(user, 'roadmap');
    await user.type(screen.getByRole('textbox', { name: 'Term or phrase' }), 'quantum{Enter}');
    expect(ids('result-item')).toHaveLength(0);
    expect(screen.getByTestId('rules-removed-all')).toHaveTextContent('leave no profile to rank');
    expect(screen.getByTestId('term-rule')).toHaveTextContent('removes 5 profiles');
  });

  it('keeps the rules across a reload', async () => {
    const user = userEvent.setup();
    await searchFor(user, 'roadmap');
    await user.type(screen.getByRole('textbox', { name: 'Term or phrase' }), 'machine   learning{Enter}');
    const saved = localStorage.getItem(useAppStore.persist.getOptions().name!);
    expect(JSON.parse(saved!).state.termRules).toEqual([{ kind: 'require', term: 'machine learning' }]);
    // a fresh page: empty state, then the saved settings read back
    useAppStore.setState({ termRules: [] });
    localStorage.setItem(useAppStore.persist.getOptions().name!, saved!);
    await useAppStore.persist.rehydrate();
    expect(useAppStore.getState().termRules).toEqual([{ kind: 'require', term: 'machine learning' }]);
  });
});
