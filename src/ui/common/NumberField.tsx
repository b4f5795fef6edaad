import { useId, useState, type ReactNode } from 'react';
import { parseNumber, ruleText, type NumberRule } from './numberRule';

interface Props extends NumberRule {
  /** Visible label; when omitted, `ariaLabel` names the field. */
  label?: ReactNode;
  ariaLabel?: string;
  /** What is in use now: shown whenever the field is not being edited. */
  value: number;
  onCommit: (n: number) => void;
  /** How to say the value in use in a message, e.g. `k = 10` or `200 tokens`. */
  describeValue?: (n: number) => string;
  testId?: string;
  className?: string;
  /** Ids of help text the input is described by, besides its own message. */
  describedBy?: string;
}

/**
 * A number box that cannot show one value and use another. Typing is free (a half-typed "1" on
 * the way to "12" changes nothing); Enter or leaving the field commits a valid number, and an
 * invalid one is named at once, while typing, with the value still in use. An invalid commit
 * puts the value in use back in the box and keeps the message until the next edit.
 */
export function NumberField({ label, ariaLabel, value, onCommit, describeValue = (n) => n.toLocaleString(), testId, className, describedBy, ...rule }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const messageId = useId();
  const invalid = draft !== null && parseNumber(draft, rule) === null;
  const shownText = invalid ? draft : rejected;
  const message =
    shownText === null
      ? null
      : `${shownText.trim() === '' ? 'Empty' : `“${shownText.length > 24 ? `${shownText.slice(0, 24)}…` : shownText}” is not allowed`}: enter ${ruleText(rule)}. Using ${describeValue(value)}.`;

  const commit = () => {
    if (draft === null) return;
    const n = parseNumber(draft, rule);
    if (n === null) setRejected(draft);
    else if (n !== value) onCommit(n);
    setDraft(null);
  };

  const input = (
    <input
      type="text"
      inputMode={(rule.integer ?? true) ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={draft ?? String(value)}
      aria-label={ariaLabel}
      aria-invalid={invalid || undefined}
      aria-describedby={[describedBy, message ? messageId : null].filter(Boolean).join(' ') || undefined}
      data-testid={testId}
      onChange={(e) => {
        setDraft(e.target.value);
        setRejected(null);
      }}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape' && draft !== null) {
          setDraft(null);
          setRejected(null);
        }
      }}
    />
  );
  return (
    <span className={`number-field${className ? ` ${className}` : ''}`}>
      {label !== undefined ? (
        <label className="inline-field">
          {label}
          {input}
        </label>
      ) : (
        input
      )}
      {message && (
        <span id={messageId} className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {message}
        </span>
      )}
    </span>
  );
}
