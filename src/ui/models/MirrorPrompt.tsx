import { mirrorLabel } from '../../embedding/mirror';
import { useAppStore } from '../../store/appStore';
import { acceptLinkMirror, ignoreLinkMirror } from '../../store/modelActions';
import { policyWarning } from '../../store/pagePolicy';

/**
 * Asks before a mirror that came with the link is used: a link can name any host, and the
 * page would download and run model files from it. Nothing is fetched from it until "Use".
 */
export function MirrorPrompt() {
  const pending = useAppStore((s) => s.pendingMirror);
  const current = useAppStore((s) => s.remoteHost);
  const waiting = useAppStore((s) => s.embeddingStatus === 'idle' && s.datasetStatus !== 'error');
  if (!pending) return null;
  const refused = policyWarning(pending);
  return (
    <div className="mirror-prompt notice" role="alertdialog" aria-labelledby="mirror-prompt-title" aria-describedby="mirror-prompt-text" data-testid="mirror-prompt">
      <p id="mirror-prompt-title">
        <strong>This link asks to download Hub models from another host: {mirrorLabel(pending)}</strong>
      </p>
      <p id="mirror-prompt-text" className="mirror-address">
        Address: <code>{pending}</code>. Use it only if you trust it; otherwise models keep downloading from {mirrorLabel(current)}.
        {waiting && ' Your remembered model waits for your answer.'}
      </p>
      {refused && (
        <p className="error" data-testid="mirror-policy-warning">
          {refused}
        </p>
      )}
      <div className="mirror-actions">
        <button type="button" data-testid="mirror-use" onClick={acceptLinkMirror}>
          Use {mirrorLabel(pending)}
        </button>{' '}
        <button type="button" className="secondary" data-testid="mirror-ignore" onClick={ignoreLinkMirror}>
          Ignore
        </button>
      </div>
    </div>
  );
}
