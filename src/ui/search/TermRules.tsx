import { useId, useMemo, useState } from 'react';
import { describeKind, type TermRuleKind } from '../../core/termRules';
import { useAppStore } from '../../store/appStore';
import { addTermRule, removeTermRule } from '../../store/ruleActions';
import { ruleOutcomeFor } from '../../store/ruleOutcome';

const KIND_LABEL: Record<TermRuleKind, string> = { require: 'Must have', exclude: 'Exclude' };

/**
 * Must-have and excluded terms: typed in and added with Enter, each listed with how many
 * profiles it removes, and removable with a labelled button.
 */
export function TermRules() {
  const rules = useAppStore((s) => s.termRules);
  const profiles = useAppStore((s) => s.profiles);
  const outcome = useMemo(() => ruleOutcomeFor(profiles, rules), [profiles, rules]);
  const [term, setTerm] = useState('');
  const [kind, setKind] = useState<TermRuleKind>('require');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  const add = () => {
    const why = addTermRule(term, kind);
    setError(why);
    if (!why) setTerm('');
  };

  return (
    <fieldset className="term-rules" data-testid="term-rules">
      <legend>Must-have and excluded terms</legend>
      <div className="term-rule-input">
        <select aria-label="Rule type" value={kind} onChange={(e) => setKind(e.target.value as TermRuleKind)}>
          <option value="require">Must have</option>
          <option value="exclude">Exclude</option>
        </select>
        <input
          type="text"
          aria-label="Term or phrase"
          placeholder='e.g. SQL, "machine learning", intern'
          value={term}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setTerm(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="secondary" onClick={add}>
          Add
        </button>
      </div>
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      {rules.length > 0 && (
        <>
          <ul className="term-rule-list" aria-label="Term rules">
            {rules.map((rule, i) => {
              const removed = outcome.removedBy[i] ?? 0;
              return (
                <li key={`${rule.kind}:${rule.term}`} className={`term-rule ${rule.kind}`} data-testid="term-rule" data-removed={removed}>
                  <span className="term-rule-kind">{KIND_LABEL[rule.kind]}</span> <q>{rule.term}</q>{' '}
                  <span className="muted">
                    removes {removed.toLocaleString()} {removed === 1 ? 'profile' : 'profiles'}
                  </span>
                  <button type="button" className="remove-rule" aria-label={`Remove ${describeKind(rule.kind)} “${rule.term}”`} onClick={() => removeTermRule(i)}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="notice" data-testid="rules-summary">
            {(profiles.length - outcome.removedTotal).toLocaleString()} of {profiles.length.toLocaleString()} profiles pass every rule
            {rules.length > 1 && ' (a profile failing two rules counts under both)'}.
          </p>
        </>
      )}
    </fieldset>
  );
}
