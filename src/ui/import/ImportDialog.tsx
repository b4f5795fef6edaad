import { useCallback, useEffect, useRef } from 'react';
import { formatBytes } from '../../core/format';
import { useAppStore } from '../../store/appStore';
import { cancelImport, resetImport } from '../../store/importActions';
import { ChooseStep } from './ChooseStep';
import { MappingStep } from './MappingStep';
import { SkippedRows } from './SkippedRows';

function Progress() {
  const state = useAppStore((s) => s.importState);
  if (state.phase !== 'reading') return null;
  const p = state.progress;
  const what = !p
    ? 'Starting…'
    : p.phase === 'downloading'
      ? `Downloaded ${formatBytes(p.done)} of about ${formatBytes(p.total)} · ${(p.rows?.done ?? 0).toLocaleString('en-US')} of ${(p.rows?.total ?? 0).toLocaleString('en-US')} rows`
      : p.phase === 'reading'
        ? `Reading ${formatBytes(p.done)} of ${formatBytes(p.total)}`
        : `Parsing: ${Math.round((100 * p.done) / Math.max(1, p.total))}%`;
  // a download's byte total is an estimate from the footers; its rows are exact
  const bar = p?.rows ?? p;
  return (
    <div className="import-progress" data-testid="import-progress">
      <p aria-live="polite">
        {state.fileName}: {what}
      </p>
      <progress max={bar?.total ?? 1} value={bar?.done ?? 0} aria-label="Import progress" />
      <button type="button" onClick={cancelImport} data-testid="import-cancel">
        Cancel
      </button>
    </div>
  );
}

function Outcome() {
  const state = useAppStore((s) => s.importState);
  if (state.phase === 'done') {
    return (
      <div data-testid="import-done">
        <p role="status">
          {state.kind === 'jobs'
            ? `Imported ${state.imported.toLocaleString('en-US')} job descriptions from ${state.name}; the examples and the comparison lab use them with these profiles.`
            : state.vectorsFrom
              ? `Imported ${state.imported.toLocaleString('en-US')} profiles as “${state.name}” with the file's own vectors, made by ${state.vectorsFrom}: the profiles are not embedded again, only job descriptions are.`
              : `Imported ${state.imported.toLocaleString('en-US')} profiles as “${state.name}”. They are being embedded now.`}
        </p>
        {state.notices.map((n) => (
          <p key={n} className="notice">
            {n}
          </p>
        ))}
        {state.saveError && (
          <p className="error" role="alert">
            {state.saveError}
          </p>
        )}
        <SkippedRows columns={state.columns} skipped={state.skipped} />
        <button type="button" onClick={resetImport}>
          Import another file
        </button>
      </div>
    );
  }
  if (state.phase === 'error') {
    return (
      <div>
        <p className="error" role="alert" data-testid="import-error">
          {state.message}
        </p>
        <SkippedRows columns={state.columns} skipped={state.skipped} />
      </div>
    );
  }
  if (state.phase === 'idle' && state.notice) return <p className="notice">{state.notice}</p>;
  return null;
}

/** The import panel: choose or paste, progress with cancel, mapping, outcome. Escape closes it (and cancels a parse). */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const phase = useAppStore((s) => s.importState.phase);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // a step replaces the control that had focus (the file input, the paste button): keep keyboard users in the panel
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  }, [phase]);
  const close = useCallback(() => {
    if (phase === 'reading') cancelImport();
    else if (phase !== 'mapping' && phase !== 'building') resetImport();
    onClose();
  }, [phase, onClose]);
  return (
    <section
      className="import-dialog"
      role="dialog"
      aria-labelledby="import-heading"
      data-testid="import-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <div className="import-head">
        <h2 id="import-heading" tabIndex={-1} ref={heading}>
          Import profiles
        </h2>
        <button type="button" onClick={close} aria-label="Close the import panel">
          Close
        </button>
      </div>
      {(phase === 'idle' || phase === 'error') && <ChooseStep />}
      <Progress />
      <MappingStep />
      <Outcome />
    </section>
  );
}
