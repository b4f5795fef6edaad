// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { contentSecurityPolicy } from '../../src/core/csp';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import { MirrorPrompt } from '../../src/ui/models/MirrorPrompt';

function withPolicy(extraConnect: string[] = []) {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = contentSecurityPolicy({ extraConnect });
  document.head.append(meta);
}

afterEach(() => {
  cleanup();
  resetAppStore();
  document.head.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').forEach((m) => m.remove());
});

describe('a mirror the page policy refuses', () => {
  it('is named before it is used, with what to do', () => {
    withPolicy();
    useAppStore.setState({ pendingMirror: 'https://mirror.example.com/' });
    render(<MirrorPrompt />);
    expect(screen.getByTestId('mirror-policy-warning')).toHaveTextContent(/will refuse mirror\.example\.com.*CSP_CONNECT_EXTRA=https:\/\/mirror\.example\.com/);
  });

  it('gets no warning when the build allows it', () => {
    withPolicy(['https://mirror.example.com']);
    useAppStore.setState({ pendingMirror: 'https://mirror.example.com/' });
    render(<MirrorPrompt />);
    expect(screen.getByTestId('mirror-prompt')).toBeInTheDocument();
    expect(screen.queryByTestId('mirror-policy-warning')).toBeNull();
  });
});
