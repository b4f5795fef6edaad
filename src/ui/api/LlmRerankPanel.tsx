import { chatPriceFor } from '../../api/cost';
import { isLocalUrl, PROVIDER_PRESETS } from '../../api/presets';
import { HOSTED_CHAT_PRICES } from '../../data/pricing';
import { useAppStore } from '../../store/appStore';
import { cancelLlmRerank, LLM_TOP_N_OPTIONS, runLlmRerank, setLlmChoice } from '../../store/llmRerankActions';
import { ProviderSelect } from './ProviderSelect';

const outcomeText = (o: -1 | 0 | 1, x: string, y: string) => (o > 0 ? `${x} fits better` : o < 0 ? `${y} fits better` : 'tie (the two orders disagreed)');

/**
 * Re-ranks the top N of the shown result by asking a chat model about pairs, both orders each;
 * shows each profile's move and every verdict with the model's reason (as plain text).
 */
export function LlmRerankPanel() {
  const endpoints = useAppStore((s) => s.apiEndpoints);
  const provider = useAppStore((s) => s.llmProvider);
  const model = useAppStore((s) => s.llmModel);
  const topN = useAppStore((s) => s.llmTopN);
  const run = useAppStore((s) => s.llmRerank);
  const result = useAppStore((s) => s.result);
  const profiles = useAppStore((s) => s.profiles);
  const configured = PROVIDER_PRESETS.filter((p) => endpoints[p.id]);
  if (!configured.length || !result) return null;
  const chosen = provider && endpoints[provider] ? provider : configured[0].id;
  const name = (row: number) => profiles[row]?.name ?? `#${row}`;
  const stale = run && run.query !== result.query;
  const local = isLocalUrl(endpoints[chosen]?.baseUrl ?? '');
  const price = chatPriceFor(chosen, model);
  return (
    <section className="panel llm-rerank" aria-label="LLM pairwise re-ranking" data-testid="llm-rerank">
      <h2>Re-rank the top with a chat model</h2>
      <p className="notice">
        Each compared pair is shown to the model twice, in both orders; a pair whose two answers disagree counts as a tie. A merge sort asks at most 25 pairs for the top
        10 (50 calls) and 119 for the top 30.
      </p>
      <div className="api-form">
        <ProviderSelect label="Endpoint" testId="llm-provider" providers={configured} value={chosen} onChange={(id) => setLlmChoice({ llmProvider: id })} />
        <label className="inline-field">
          Chat model
          <input data-testid="llm-model" list="llm-chat-models" value={model} onChange={(e) => setLlmChoice({ llmModel: e.target.value })} spellCheck={false} />
          <datalist id="llm-chat-models">
            {chosen === 'openai' && HOSTED_CHAT_PRICES.map((p) => <option key={p.id} value={p.id} />)}
          </datalist>
        </label>
        <span className="notice" data-testid="llm-price">
          {local ? 'List price: $0 (a server on this computer)' : price ? `List price: $${price.inputUsdPer1M} in / $${price.outputUsdPer1M} out per 1M tokens (checked ${price.checked})` : 'List price: – (not on the price list)'}
        </span>
        <label className="inline-field">
          Top
          <select data-testid="llm-top-n" value={topN} onChange={(e) => setLlmChoice({ llmTopN: Number(e.target.value) })}>
            {LLM_TOP_N_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {run?.status === 'running' ? (
          <button type="button" className="secondary" data-testid="llm-cancel" onClick={cancelLlmRerank}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="link-button"
            data-testid="llm-run"
            onClick={() => {
              if (!provider) setLlmChoice({ llmProvider: chosen });
              void runLlmRerank();
            }}
          >
            Re-rank top {topN}
          </button>
        )}
      </div>
      {run && (
        <div role="status" data-testid="llm-status" data-state={run.status}>
          {run.status === 'running' && `Comparing pairs: ${run.done} of at most ${run.bound}.`}
          {run.status === 'done' &&
            `${run.pairs.length} pairs compared, ${run.calls} chat calls now (${run.pairs.filter((p) => p.fromCache).length} pairs from the cache), ${run.billedTokens === null ? 'tokens not reported' : `${run.billedTokens.toLocaleString('en-US')} tokens billed`}.`}
          {run.error && <span className={run.status === 'cancelled' ? 'notice' : 'error'}> {run.error}</span>}
          {stale && <span className="notice"> (for an earlier job description)</span>}
        </div>
      )}
      {run?.after && (
        <>
          <ol className="llm-order" data-testid="llm-order">
            {run.after.map((row, i) => {
              const move = run.before.indexOf(row) - i;
              return (
                <li key={row} data-testid="llm-item" data-move={move}>
                  {name(row)} <span className="move-badge">{move > 0 ? `↑${move}` : move < 0 ? `↓${-move}` : '='}</span>
                </li>
              );
            })}
          </ol>
          <details>
            <summary>Every verdict ({run.pairs.length})</summary>
            <ul className="llm-verdicts" data-testid="llm-verdicts">
              {run.pairs.map((p) => {
                const [x, y] = [name(Number(p.x)), name(Number(p.y))];
                return (
                  <li key={`${p.x}-${p.y}`}>
                    <strong>{x}</strong> vs <strong>{y}</strong>: {outcomeText(p.outcome, x, y)}. {x} first: {p.verdicts.first.winner === 'A' ? x : p.verdicts.first.winner === 'B' ? y : '?'} ({p.verdicts.first.reason || 'no reason'}); {y} first:{' '}
                    {p.verdicts.second.winner === 'A' ? y : p.verdicts.second.winner === 'B' ? x : '?'} ({p.verdicts.second.reason || 'no reason'})
                  </li>
                );
              })}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
