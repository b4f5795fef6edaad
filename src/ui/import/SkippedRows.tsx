import type { SkippedRow } from '../../data/import/issues';
import { where } from '../../data/import/issues';
import { skippedRowsCsv } from '../../data/import/skippedCsv';
import { downloadText } from '../compare/download';

/** Rows shown in the list; the download has them all. */
const SHOWN = 50;

/** The rows an import left out, with why, and a CSV of them to fix and import again. */
export function SkippedRows({ columns, skipped }: { columns: string[]; skipped: SkippedRow[] }) {
  if (skipped.length === 0) return null;
  return (
    <div className="import-skipped" data-testid="import-skipped">
      <p>
        {skipped.length.toLocaleString('en-US')} row{skipped.length === 1 ? ' was' : 's were'} skipped:{' '}
        <button type="button" className="link" data-testid="import-skipped-download" onClick={() => downloadText(skippedRowsCsv(columns, skipped), 'skipped-rows.csv', 'text/csv')}>
          download them as CSV
        </button>
      </p>
      <ul>
        {skipped.slice(0, SHOWN).map((s) => (
          <li key={`${s.row}-${s.reason}`}>
            <strong>{where(s.row, s.line)}</strong> {s.reason}
          </li>
        ))}
      </ul>
      {skipped.length > SHOWN && <p className="meta">…and {(skipped.length - SHOWN).toLocaleString('en-US')} more in the download.</p>}
    </div>
  );
}
