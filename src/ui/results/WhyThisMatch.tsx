import { useEffect } from 'react';
import type { Profile } from '../../data/schema';
import { useAppStore } from '../../store/appStore';
import { explainSentences, sentenceExplanationKey } from '../../store/explainActions';
import type { KeywordExplanationState } from '../../store/whySlice';
import { Highlighted } from './Highlighted';

/**
 * Why a profile matched: its sentences closest to the job description by the model on
 * screen (embedded on demand, so with loading and error states) and the keywords that made
 * up its BM25 score. Both are plain text with the keywords marked.
 */
export function WhyThisMatch({ profile, keywords, onRetryKeywords }: { profile: Profile; keywords: KeywordExplanationState | null; onRetryKeywords: () => void }) {
  const terms = keywords?.status === 'done' ? keywords.explanation.top.map((t) => t.term) : [];
  return (
    <section className="why-match" aria-label="Why this match" data-testid="why-match">
      <ClosestSentences profileId={profile.id} terms={terms} />
      <KeywordList state={keywords} onRetry={onRetryKeywords} />
    </section>
  );
}

function ClosestSentences({ profileId, terms }: { profileId: string; terms: readonly string[] }) {
  const key = useAppStore((s) => sentenceExplanationKey(s, profileId));
  const stored = useAppStore((s) => s.sentenceExplanation);
  useEffect(() => {
    if (key) void explainSentences(profileId);
  }, [key, profileId]);
  const state = stored && stored.key === key ? stored : null;

  return (
    <div className="why-sentences" data-testid="closest-sentences" data-state={state?.status ?? 'loading'}>
      <p className="why-heading">
        <strong>Closest sentences</strong>{' '}
        <span className="muted">(cosine similarity to the job description{state?.status === 'done' ? `, ${state.modelLabel}` : ''})</span>
      </p>
      {!state || state.status === 'loading' ? (
        <p className="notice" role="status">
          Comparing this profile's sentences with the job description…
        </p>
      ) : state.status === 'error' ? (
        <p className="error" role="alert">
          {state.error}{' '}
          <button type="button" className="link-button" onClick={() => void explainSentences(profileId)}>
            Try again
          </button>
        </p>
      ) : state.sentences.length === 0 ? (
        <p className="notice">By this model, no sentence of this profile is close to the job description.</p>
      ) : (
        <ol className="sentence-list">
          {state.sentences.map((s) => (
            <li key={s.text} data-score={s.score.toFixed(4)}>
              <span className="sentence-score">{s.score.toFixed(3)}</span>
              <span className="sentence-text">
                <Highlighted text={s.text} terms={terms} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function KeywordList({ state, onRetry }: { state: KeywordExplanationState | null; onRetry: () => void }) {
  if (!state || state.status === 'loading') {
    return (
      <p className="why-keywords notice" role="status" data-testid="keyword-explanation" data-state="loading">
        Listing the keywords…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="why-keywords error" role="alert" data-testid="keyword-explanation" data-state="error">
        {state.error}{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      </p>
    );
  }
  const keywords = state.explanation;
  if (keywords.matched === 0) {
    return (
      <p className="why-keywords notice" data-testid="keyword-explanation">
        No keyword of the job description is in this profile: the match is by meaning alone.
      </p>
    );
  }
  const { top, total, matched } = keywords;
  return (
    <div className="why-keywords" data-testid="keyword-explanation">
      <p className="why-heading">
        <strong>Keywords</strong>{' '}
        <span className="muted">
          (their part of the profile's BM25 keyword score of {total.toFixed(2)}
          {matched > top.length ? `; the top ${top.length} of ${matched} shared terms` : ''})
        </span>
      </p>
      <ul className="keyword-list">
        {top.map((t) => (
          <li key={t.term} data-term={t.term}>
            <mark>{t.term}</mark>
            {t.count > 1 && <span className="muted"> ×{t.count}</span>} <span className="keyword-share">+{t.contribution.toFixed(2)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
