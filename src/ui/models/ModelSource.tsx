import { mirrorLabel } from '../../embedding/mirror';
import { useAppStore } from '../../store/appStore';

const SOURCE: Record<'hub' | 'settings' | 'link', string> = {
  hub: '',
  settings: ' (the mirror set in Storage)',
  link: ' (the mirror from the link, accepted by you)',
};

/** Where Hub models are downloaded from, shown wherever a model may be downloaded. */
export function ModelSource() {
  const host = useAppStore((s) => s.remoteHost);
  const source = useAppStore((s) => s.remoteHostSource);
  return (
    <p className="meta model-source" data-testid="model-source" data-host={host}>
      Hub models download from <strong>{mirrorLabel(host)}</strong>
      {SOURCE[source]}
    </p>
  );
}
