// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CONFIRMED_ORIGINS_KEY, contentSecurityPolicy } from '../../src/core/csp';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { addApiModel, answerConsent, connectProblem, forgetEndpoint, requestConsent } from '../../src/store/apiActions';
import { CONSENT_CARRY_KEY, reloadToAllow, takeCarriedConsent } from '../../src/store/connectActions';
import { applyLinkParams, setSavedMirror } from '../../src/store/modelActions';
import { MirrorPrompt } from '../../src/ui/models/MirrorPrompt';
import { AllowedOrigins } from '../../src/ui/api/AllowedOrigins';

/** The meta tag /csp-boot.js writes: the build's policy plus what was confirmed when the page loaded. */
function withPolicy(extraConnect: string[] = []) {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = contentSecurityPolicy({ extraConnect });
  document.head.append(meta);
}

const stored = () => JSON.parse(localStorage.getItem(CONFIRMED_ORIGINS_KEY) ?? '[]') as string[];

afterEach(() => {
  cleanup();
  resetAppStore();
  localStorage.clear();
  sessionStorage.clear();
  document.head.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').forEach((m) => m.remove());
});

describe('a mirror the running policy does not allow yet', () => {
  it('is named before it is used; a link alone allows nothing, "Use" allows it from the next load and offers the reload', async () => {
    withPolicy();
    applyLinkParams('?hub=https://mirror.example.com/');
    expect(useAppStore.getState().pendingMirror).toBe('https://mirror.example.com/');
    expect(stored()).toEqual([]);
    render(
      <>
        <MirrorPrompt />
        <AllowedOrigins />
      </>,
    );
    expect(screen.getByTestId('mirror-policy-warning')).toHaveTextContent(/does not allow mirror\.example\.com yet.*must reload/);
    expect(screen.queryByTestId('allowed-origins')).toBeNull();

    await userEvent.setup().click(screen.getByTestId('mirror-use'));
    expect(stored()).toEqual(['https://mirror.example.com']);
    expect(screen.getByTestId('reload-to-allow-button')).toHaveTextContent('Reload to allow mirror.example.com');

    await userEvent.setup().click(screen.getByTestId('allowed-origin-remove'));
    expect(stored()).toEqual([]);
    expect(screen.queryByTestId('allowed-origins')).toBeNull();
  });

  it('gets no warning and writes nothing when the policy allows it', async () => {
    withPolicy(['https://mirror.example.com']);
    useAppStore.setState({ pendingMirror: 'https://mirror.example.com/' });
    render(<MirrorPrompt />);
    expect(screen.queryByTestId('mirror-policy-warning')).toBeNull();
    await userEvent.setup().click(screen.getByTestId('mirror-use'));
    expect(stored()).toEqual([]);
  });

  it('a saved mirror is allowed from the next load, a cleared one is withdrawn, plain http to another machine is refused', () => {
    withPolicy();
    expect(setSavedMirror('http://192.168.1.5:8080/')).toMatch(/only to https:\/\/ addresses and to this computer/);
    expect(setSavedMirror('https://mirror.example.com/hf/')).toBeNull();
    expect(stored()).toEqual(['https://mirror.example.com']);
    expect(setSavedMirror('')).toBeNull();
    expect(stored()).toEqual([]);
  });
});

describe('an endpoint the running policy does not allow yet', () => {
  const BASE = 'http://127.0.0.1:5190/v1';

  it('is allowed by the consent "Send", needs a reload, and is refused again once forgotten', async () => {
    withPolicy();
    expect(addApiModel({ provider: 'custom', baseUrl: BASE, apiKey: '', remember: false, model: 'm', dimensions: null })).toEqual({ id: 'custom:m' });
    expect(stored()).toEqual([]);
    expect(connectProblem(BASE)).toMatch(/does not allow http:\/\/127\.0\.0\.1:5190 yet/);

    const asked = requestConsent({ baseUrl: BASE, providerLabel: 'Custom', local: true, modelId: 'custom:m', texts: 1, tokens: 1, usd: 0 });
    answerConsent(true);
    await expect(asked).resolves.toBe(true);
    expect(stored()).toEqual(['http://127.0.0.1:5190']);
    expect(connectProblem(BASE)).toMatch(/allows http:\/\/127\.0\.0\.1:5190 from the next page load.*Reload to allow 127\.0\.0\.1:5190/);

    // the reload keeps the consent for this endpoint (read once)
    let reloaded = 0;
    reloadToAllow(() => reloaded++);
    expect(reloaded).toBe(1);
    expect(sessionStorage.getItem(CONSENT_CARRY_KEY)).toContain(BASE);
    expect(takeCarriedConsent()).toEqual([BASE]);
    expect(takeCarriedConsent()).toEqual([]);

    forgetEndpoint('custom');
    expect(stored()).toEqual([]);
  });

  it('a declined consent allows nothing', async () => {
    withPolicy();
    addApiModel({ provider: 'custom', baseUrl: BASE, apiKey: '', remember: false, model: 'm', dimensions: null });
    const asked = requestConsent({ baseUrl: BASE, providerLabel: 'Custom', local: true, modelId: 'custom:m', texts: 1, tokens: 1, usd: 0 });
    answerConsent(false);
    await expect(asked).resolves.toBe(false);
    expect(stored()).toEqual([]);
  });
});
