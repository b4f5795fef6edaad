import { useCallback, useState } from 'react';
import { clearDownloadedModels, clearEmbeddings, clearVerdicts, readStorage, type StorageReport } from '../../store/storageActions';
import { formatBytes } from '../../core/format';
import { MirrorSetting } from './MirrorSetting';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Cached embeddings (IndexedDB) and downloaded model files (Cache Storage), with clear buttons. Every failure is shown. */
export function StoragePanel() {
  const [report, setReport] = useState<StorageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback((keepError = false) => {
    readStorage()
      .then((r) => {
        setReport(r);
        if (!keepError) setError(null);
      })
      .catch((err: unknown) => setError(message(err)));
  }, []);
  // a failed clear keeps its message on screen; the listing is read again either way
  const run = (action: () => Promise<void>) => () =>
    void action().then(
      () => refresh(),
      (err: unknown) => {
        setError(message(err));
        refresh(true);
      },
    );
  const embeddings = report?.embeddings.ok ? report.embeddings.items : [];
  const files = report?.modelFiles.ok ? report.modelFiles.items : [];

  return (
    <details className="storage" data-testid="storage-panel" onToggle={(e) => (e.currentTarget.open ? refresh() : undefined)}>
      <summary>Storage</summary>
      <MirrorSetting />
      {error && (
        <p className="error" role="alert" data-testid="storage-error">
          {error}
        </p>
      )}
      {report && (
        <div className="storage-body">
          <p className="meta">
            Embedding cache: {report.cacheState}
            {report.usage && ` · this site uses ${formatBytes(report.usage.usage)} of ${formatBytes(report.usage.quota)} allowed`}
          </p>
          <table>
            <caption>Cached embeddings</caption>
            <thead>
              <tr>
                <th scope="col">Model · precision · device · dims</th>
                <th scope="col">Profiles</th>
                <th scope="col">Size</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {!report.embeddings.ok && (
                <tr>
                  <td colSpan={4} className="error" data-testid="embeddings-error">
                    {report.embeddings.error}
                  </td>
                </tr>
              )}
              {report.embeddings.ok && embeddings.length === 0 && (
                <tr>
                  <td colSpan={4}>Nothing cached yet.</td>
                </tr>
              )}
              {embeddings.map((m) => (
                <tr key={m.modelKey} data-testid="cached-model">
                  <td>
                    <code>{m.modelKey}</code>
                  </td>
                  <td>{m.count.toLocaleString()}</td>
                  <td>{formatBytes(m.bytes)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={run(() => clearEmbeddings(m.modelKey))}>
                      Clear
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="meta">
            {report.modelFiles.ok ? (
              <>
                Downloaded model files: {files.length} ({formatBytes(files.reduce((a, f) => a + f.bytes, 0))})
              </>
            ) : (
              <span className="error" data-testid="model-files-error">
                {report.modelFiles.error}
              </span>
            )}{' '}
            <button type="button" className="link-button" disabled={report.modelFiles.ok && files.length === 0} onClick={run(clearDownloadedModels)}>
              Clear model files
            </button>{' '}
            <button type="button" className="link-button" disabled={report.embeddings.ok && embeddings.length === 0} onClick={run(() => clearEmbeddings())}>
              Clear all embeddings
            </button>
          </p>
          <p className="meta" data-testid="stored-verdicts">
            {report.verdicts.ok ? (
              <>LLM re-ranking verdicts kept (asked once, never paid for twice): {report.verdicts.count.toLocaleString()}</>
            ) : (
              <span className="error">{report.verdicts.error}</span>
            )}{' '}
            <button type="button" className="link-button" disabled={report.verdicts.ok && report.verdicts.count === 0} onClick={run(clearVerdicts)}>
              Clear verdicts
            </button>
          </p>
        </div>
      )}
    </details>
  );
}
