import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { shortlistCsv, shortlistFileName, shortlistJson } from '../../core/shortlist';
import { useAppStore } from '../../store/appStore';
import { shortlistOf } from '../../store/shortlistSelectors';
import { downloadText } from '../compare/download';

type Format = 'csv' | 'json';

/**
 * Saves the shown list as CSV or JSON (a small disclosure menu: Enter opens it, Tab reaches
 * both formats, Escape closes it). The file is made in the page: nothing is uploaded.
 */
export function ExportShortlist() {
  const hasRows = useAppStore((s) => (s.result?.hits.length ?? 0) > 0);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  const save = (format: Format) => {
    setOpen(false);
    buttonRef.current?.focus();
    try {
      const list = shortlistOf(useAppStore.getState(), new Date().toISOString());
      if (!list || list.rows.length === 0) throw new Error('there is no ranked list to export yet');
      const name = shortlistFileName(list.context.date);
      if (format === 'csv') downloadText(shortlistCsv(list.rows), `${name}.csv`, 'text/csv;charset=utf-8');
      else downloadText(shortlistJson(list.rows, list.context), `${name}.json`, 'application/json');
      setError(null);
    } catch (err) {
      setError(`Could not export the shortlist: ${err instanceof Error ? err.message : String(err)}.`);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="export-shortlist" onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="link-button"
        data-testid="export-shortlist"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={!hasRows}
        title={hasRows ? 'Save the ranked list as a file' : 'Search first: there is no ranked list to export yet'}
        onClick={() => setOpen((o) => !o)}
      >
        Export shortlist
      </button>
      {open && (
        <div id={menuId} className="export-menu" role="group" aria-label="Export format">
          <button type="button" className="secondary" data-testid="export-shortlist-csv" onClick={() => save('csv')}>
            CSV (spreadsheets)
          </button>
          <button type="button" className="secondary" data-testid="export-shortlist-json" onClick={() => save('json')}>
            JSON
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
