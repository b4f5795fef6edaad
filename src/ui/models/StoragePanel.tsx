import { useCallback, useState } from 'react';
import { clearDownloadedModels, clearEmbeddings, readStorage, type StorageReport } from '../../store/storageActions';
import { formatBytes } from '../../core/format';

/** Cached embeddings (IndexedDB) and downloaded model files (Cache Storage), with clear buttons. */
export function StoragePanel() {
  const [report, setReport] = useState<StorageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    readStorage()
      .then((r) => {
        setReport(r);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, []);
  const run = (action: () => Promise<void>) => () => void action().then(refresh, refresh);

  return (
    <details className="storage" data-testid="storage-panel" onToggle={(e) => (e.currentTarget.open ? refresh() : undefined)}>
      <summary>Storage</summary>
      {error && <p className="error">{error}</p>}
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
                <th scope="col">Model · precision · dims</th>
                <th scope="col">Profiles</th>
                <th scope="col">Size</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {report.embeddings.length === 0 && (
                <tr>
                  <td colSpan={4}>Nothing cached yet.</td>
                </tr>
              )}
              {report.embeddings.map((m) => (
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
            Downloaded model files: {report.modelFiles.length} ({formatBytes(report.modelFiles.reduce((a, f) => a + f.bytes, 0))}){' '}
            <button type="button" className="link-button" disabled={report.modelFiles.length === 0} onClick={run(clearDownloadedModels)}>
              Clear model files
            </button>{' '}
            <button type="button" className="link-button" disabled={report.embeddings.length === 0} onClick={run(() => clearEmbeddings())}>
              Clear all embeddings
            </button>
          </p>
        </div>
      )}
    </details>
  );
}
