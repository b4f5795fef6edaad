import { useId } from 'react';
import { DEFAULT_FUSION, type BaseRanking } from '../../core/fusion';
import { useAppStore } from '../../store/appStore';
import { setFusionWeight, setRankingKind } from '../../store/actions';

const CHOICES: { kind: BaseRanking; label: string; hint: string }[] = [
  { kind: 'hybrid', label: 'Meaning + keywords', hint: 'hybrid, the default: best on held-out job descriptions' },
  { kind: 'embedding', label: 'Meaning only', hint: 'cosine similarity of the embeddings' },
  { kind: 'bm25', label: 'Keywords only', hint: 'BM25 with word pairs' },
];

/** Chooses the ranking (embedding, keywords or both fused) and the hybrid's weight; changes re-rank at once. */
export function RankingControl() {
  const kind = useAppStore((s) => s.rankingKind);
  const weight = useAppStore((s) => s.fusionWeight);
  const index = useAppStore((s) => s.keywordIndex);
  const id = useId();
  const off = index.status === 'off';
  const pct = Math.round(weight * 100);
  const defaultPct = Math.round(DEFAULT_FUSION.weight * 100);
  return (
    <fieldset className="ranking-control" data-testid="ranking-control">
      <legend>Rank by</legend>
      <div className="ranking-choices">
        {CHOICES.map((c) => (
          <label key={c.kind} className="ranking-choice">
            <input
              type="radio"
              name={`${id}-ranking`}
              value={c.kind}
              checked={kind === c.kind}
              disabled={off && c.kind !== 'embedding'}
              aria-describedby={off && c.kind !== 'embedding' ? `${id}-off` : undefined}
              onChange={() => setRankingKind(c.kind)}
              data-testid={`ranking-${c.kind}`}
            />
            <span>
              {c.label} <span className="hint">({c.hint})</span>
            </span>
          </label>
        ))}
      </div>
      {off && (
        <p className="hint" role="status" id={`${id}-off`} data-testid="keywords-off">
          Meaning only: {index.error}.
        </p>
      )}
      {kind === 'hybrid' && !off && (
        <div className="fusion-weight">
          <label htmlFor={`${id}-weight`}>Weight of meaning</label>
          <input
            id={`${id}-weight`}
            type="range"
            min={0}
            max={100}
            step={5}
            value={pct}
            onChange={(e) => setFusionWeight(Number(e.target.value) / 100)}
            aria-valuetext={`${pct}% meaning, ${100 - pct}% keywords`}
            data-testid="fusion-weight"
          />
          <output htmlFor={`${id}-weight`} data-testid="fusion-weight-value">
            {pct}% meaning · {100 - pct}% keywords
          </output>
          {pct !== defaultPct && (
            <button type="button" className="link-button" onClick={() => setFusionWeight(DEFAULT_FUSION.weight)}>
              Back to {defaultPct}% (measured best)
            </button>
          )}
        </div>
      )}
      {kind !== 'embedding' && index.status === 'building' && (
        <p className="hint" role="status">
          Building the keyword index…
        </p>
      )}
      {kind !== 'embedding' && index.status === 'error' && (
        <p className="error" role="alert">
          The keyword index could not be built ({index.error}); results are ranked by meaning only.
        </p>
      )}
    </fieldset>
  );
}
