// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { ConsentDialog } from '../../src/ui/api/ConsentDialog';

afterEach(() => {
  cleanup();
  resetAppStore();
});

const request = { baseUrl: 'http://127.0.0.1:9/v1', providerLabel: 'Stand-in', local: true, modelId: 'x:y', texts: 3, tokens: 30, usd: 0 };

describe('the consent dialog and the keyboard', () => {
  it('keeps Tab inside the dialog and gives focus back when it closes', async () => {
    render(
      <>
        <button type="button">Search</button>
        <ConsentDialog />
      </>,
    );
    const outside = screen.getByRole('button', { name: 'Search' });
    outside.focus();
    act(() => useAppStore.setState({ consentRequest: request }));
    const send = screen.getByTestId('consent-send');
    const decline = screen.getByTestId('consent-decline');
    expect(send).toHaveFocus();
    const user = userEvent.setup();
    await user.tab();
    expect(decline).toHaveFocus();
    await user.tab();
    expect(send).toHaveFocus(); // wrapped, never out to the page behind
    await user.tab({ shift: true });
    expect(decline).toHaveFocus();
    act(() => useAppStore.setState({ consentRequest: null }));
    expect(outside).toHaveFocus();
  });
});
