import { moveLabel, type Move } from '../../core/rerankOrder';

/** Where a result was before re-ranking, in words (the colour only repeats them). */
export function MoveBadge({ move, rerankScore }: { move: Move; rerankScore: number | null }) {
  const before = `#${move.from} before re-ranking`;
  const title = rerankScore === null ? `${before}; below the re-ranked top, so not re-scored` : `${before}; re-ranker score ${rerankScore.toFixed(3)}`;
  return (
    <span className={`move-badge move-${move.kind}`} data-testid="move-badge" data-move={move.kind} title={title}>
      {move.kind === 'up' || move.kind === 'down' ? <span aria-hidden="true">{move.kind === 'up' ? '▲ ' : '▼ '}</span> : null}
      {moveLabel(move)}
    </span>
  );
}
