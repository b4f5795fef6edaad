import { formatUsd } from '../../api/cost';
import { PRICES_CHECKED } from '../../data/pricing';
import { usageRows } from '../../store/apiSelectors';
import { useAppStore } from '../../store/appStore';

const n = (x: number | null) => (x === null ? '–' : x.toLocaleString('en-US'));

/** Tokens and cost per API model this session: the estimate beside what the replies billed. */
export function ApiUsageTable() {
  const apiUsage = useAppStore((s) => s.apiUsage);
  const rows = usageRows({ apiUsage });
  const notice = useAppStore((s) => s.apiNotice);
  if (!rows.length && !notice) return null;
  return (
    <div className="table-scroll">
      {notice && (
        <p className="notice" role="status" data-testid="api-notice">
          {notice}
        </p>
      )}
      {rows.length > 0 && (
        <table data-testid="api-usage">
          <caption>Sent this session (prices of {PRICES_CHECKED}; billed = what the replies reported)</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Texts</th>
              <th scope="col">Requests</th>
              <th scope="col">Tokens, estimated</th>
              <th scope="col">Tokens, billed</th>
              <th scope="col">Cost, estimated</th>
              <th scope="col">Cost, billed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.modelId}>
                <th scope="row">{r.modelId}</th>
                <td>{n(r.texts)}</td>
                <td>{n(r.requests)}</td>
                <td>{n(r.estimatedTokens)}</td>
                <td data-testid="api-billed-tokens">{n(r.billedTokens)}</td>
                <td>{formatUsd(r.estimatedUsd)}</td>
                <td data-testid="api-billed-usd">{formatUsd(r.billedUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
