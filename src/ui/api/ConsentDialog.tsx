import { useEffect, useRef } from 'react';
import { formatUsd } from '../../api/cost';
import { PRICES_CHECKED } from '../../data/pricing';
import { answerConsent } from '../../store/apiActions';
import { originLabel, originOf, reachOf } from '../../store/pagePolicy';
import { useAppStore } from '../../store/appStore';
import { useFocusTrap } from '../hooks/useFocusTrap';

/**
 * Asked the first time texts would go to an endpoint: what goes where, how much, at what
 * estimated price. Nothing is sent until "Send". Escape declines; Tab stays in the dialog.
 */
export function ConsentDialog() {
  const request = useAppStore((s) => s.consentRequest);
  const sendRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  // a modal dialog: Tab stays inside it, and focus goes back where it was when it closes
  useFocusTrap(dialogRef, request !== null);
  useEffect(() => {
    if (request) sendRef.current?.focus();
  }, [request]);
  if (!request) return null;
  const where = request.local ? 'a server on this computer (local)' : `${request.providerLabel}, outside this computer`;
  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="consent-title"
        data-testid="consent-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') answerConsent(false);
        }}
      >
        <h2 id="consent-title">Send texts to {request.providerLabel}?</h2>
        <p>
          <strong data-testid="consent-count">{request.texts.toLocaleString('en-US')}</strong> text{request.texts === 1 ? '' : 's'} (profiles, or a job
          description) will go to <code data-testid="consent-url">{request.baseUrl}/embeddings</code>: {where}.
        </p>
        <p>
          About <strong>{request.tokens.toLocaleString('en-US')}</strong> tokens (estimated at 4 characters a token); estimated price{' '}
          <strong data-testid="consent-price">{formatUsd(request.usd)}</strong>
          {request.usd === null ? ' (this model is not on the price list)' : request.local ? '' : ` at list prices of ${PRICES_CHECKED}`}.
        </p>
        {reachOf(`${request.baseUrl}/embeddings`) === 'confirm' && (
          <p className="notice" data-testid="consent-policy">
            This page&apos;s Content-Security-Policy does not allow {originLabel(originOf(request.baseUrl) ?? request.baseUrl)} yet: Send allows it in this browser, and
            the page must then reload once before anything is sent (a button will offer it; nothing is lost).
          </p>
        )}
        <p className="notice">
          If you send, later profiles and job descriptions for this endpoint go there too until you reload the page. Vectors are kept in this browser, so the
          same text is never sent twice.
        </p>
        <div className="dialog-actions">
          <button type="button" ref={sendRef} className="primary" data-testid="consent-send" onClick={() => answerConsent(true)}>
            Send
          </button>
          <button type="button" data-testid="consent-decline" onClick={() => answerConsent(false)}>
            Don&apos;t send
          </button>
        </div>
      </div>
    </div>
  );
}
