import { useState } from 'react';
import { linkToView } from '../../store/urlSync';

type Shared = { link: string; copied: boolean; withJob: boolean };

/**
 * Copies a link to this view (model, precision, ranking, weight, list length, clusters and
 * filter: the address bar always holds it). The job description goes into a link only with
 * the second button; profiles never do. Where the clipboard is refused, the link is shown
 * selected for copying by hand.
 */
export function ShareView() {
  const [shared, setShared] = useState<Shared | null>(null);

  const copy = async (withJob: boolean) => {
    const link = linkToView(withJob);
    // refused without a secure context or permission: the link is then shown for copying by hand
    const copied = await navigator.clipboard?.writeText(link).then(
      () => true,
      () => false,
    );
    setShared({ link, copied: copied ?? false, withJob });
  };

  return (
    <div className="share-view">
      <button type="button" className="link-button" data-testid="copy-view-link" onClick={() => void copy(false)}>
        Copy link to this view
      </button>
      <button type="button" className="link-button" data-testid="copy-view-link-jd" onClick={() => void copy(true)} title="The link will contain the job description's full text">
        Copy link with job description
      </button>
      <p className="hint" role="status" data-testid="share-status">
        {shared?.copied &&
          `Link copied (${shared.link.length.toLocaleString()} characters)${shared.withJob ? ', with the job description: anyone with the link can read it' : ', without the job description'}.`}
      </p>
      {shared && !shared.copied && (
        <label className="share-fallback">
          The browser did not allow copying; copy this link by hand
          <input readOnly value={shared.link} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
        </label>
      )}
    </div>
  );
}
