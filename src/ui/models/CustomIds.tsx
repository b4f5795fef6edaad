interface Props {
  ids: readonly string[];
  /** What the ids are, e.g. "models": used in the list's label. */
  kind: string;
  onRemove: (id: string) => void;
}

/** The Hub ids the user typed in, each with a button that forgets it. */
export function CustomIds({ ids, kind, onRemove }: Props) {
  if (ids.length === 0) return null;
  return (
    <ul className="custom-ids" aria-label={`Your ${kind}`} data-testid={`custom-${kind.replace(/\s+/g, '-')}`}>
      {ids.map((id) => (
        <li key={id}>
          <code>{id}</code>{' '}
          <button type="button" className="link-button" aria-label={`Remove ${id}`} onClick={() => onRemove(id)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
