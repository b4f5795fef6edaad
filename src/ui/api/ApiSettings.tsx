import { useId, useState } from 'react';
import { PROVIDER_PRESETS, findPreset, isLocalUrl, type ProviderId } from '../../api/presets';
import { addApiModel, forgetEndpoint } from '../../store/apiActions';
import { useAppStore } from '../../store/appStore';
import { ApiUsageTable } from './ApiUsageTable';
import { ProviderSelect } from './ProviderSelect';

const REMEMBER_WARNING =
  'The key is then stored unencrypted in this browser\'s storage for this site: anyone using this browser profile, ' +
  'and any script running on this page, can read it. Leave it unticked on a shared computer; untick it (or Forget) to remove it.';

/**
 * Set up an OpenAI-compatible endpoint (OpenAI with a key, or a model server on this machine)
 * and add its models to the picker. Saving sends nothing: texts leave only after the consent
 * dialog, the first time a model of the endpoint embeds.
 */
export function ApiSettings() {
  const endpoints = useAppStore((s) => s.apiEndpoints);
  const modelIds = useAppStore((s) => s.apiModelIds);
  const [provider, setProvider] = useState<ProviderId>('openai');
  const preset = findPreset(provider) ?? PROVIDER_PRESETS[0];
  const saved = endpoints[provider];
  const [baseUrl, setBaseUrl] = useState(saved?.baseUrl ?? preset.baseUrl);
  const [apiKey, setApiKey] = useState(saved?.apiKey ?? '');
  const [remember, setRemember] = useState(saved?.remember ?? false);
  const [model, setModel] = useState(preset.models[0]?.model ?? '');
  const [dimensions, setDimensions] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const ids = useId();
  const presetModel = preset.models.find((m) => m.model === model);

  const choose = (id: ProviderId) => {
    const p = findPreset(id) ?? PROVIDER_PRESETS[0];
    const e = endpoints[id];
    setProvider(id);
    setBaseUrl(e?.baseUrl ?? p.baseUrl);
    setApiKey(e?.apiKey ?? '');
    setRemember(e?.remember ?? false);
    setModel(p.models[0]?.model ?? '');
    setDimensions(null);
    setMessage(null);
  };

  const add = () => {
    const r = addApiModel({ provider, baseUrl, apiKey, remember, model, dimensions });
    setMessage('error' in r ? { text: r.error, error: true } : { text: `Added ${r.id} to the model picker. Nothing has been sent yet.`, error: false });
  };

  return (
    <details className="api-settings" data-testid="api-settings">
      <summary>API models{modelIds.length ? ` (${modelIds.length})` : ''}</summary>
      <p className="notice">
        Use an OpenAI-compatible embeddings endpoint: OpenAI with your own key, or a model server on this computer. Profiles and job
        descriptions are sent to it only after you confirm, the first time.
      </p>
      <div className="api-form">
        <ProviderSelect label="Provider" testId="api-provider" providers={PROVIDER_PRESETS} value={provider} onChange={choose} />
        <label className="inline-field">
          Base URL
          <input data-testid="api-base-url" type="url" value={baseUrl} placeholder="https://…/v1" onChange={(e) => setBaseUrl(e.target.value)} spellCheck={false} />
          {isLocalUrl(baseUrl) && <span className="api-badge" data-testid="api-local-badge">local</span>}
        </label>
        <label className="inline-field">
          API key{preset.needsKey ? '' : ' (if the server wants one)'}
          <input data-testid="api-key" type="password" value={apiKey} autoComplete="off" onChange={(e) => setApiKey(e.target.value)} />
        </label>
        <label className="inline-field" title={REMEMBER_WARNING}>
          <input data-testid="api-remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} aria-describedby={`${ids}-remember`} />
          Remember on this device
        </label>
        {remember && (
          <p className="notice error" id={`${ids}-remember`} data-testid="api-remember-warning">
            {REMEMBER_WARNING}
          </p>
        )}
        <label className="inline-field">
          Model
          <input data-testid="api-model" list={`${ids}-models`} value={model} onChange={(e) => (setModel(e.target.value), setDimensions(null))} spellCheck={false} />
          <datalist id={`${ids}-models`}>
            {preset.models.map((m) => (
              <option key={m.model} value={m.model} />
            ))}
          </datalist>
        </label>
        {presetModel?.dimensionOptions && (
          <label className="inline-field">
            Dimensions
            <select data-testid="api-dimensions" value={dimensions ?? ''} onChange={(e) => setDimensions(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{presetModel.dims} (full)</option>
              {presetModel.dimensionOptions
                .filter((d) => d !== presetModel.dims)
                .map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
            </select>
          </label>
        )}
        <button type="button" className="link-button" data-testid="api-add" onClick={add}>
          Add model
        </button>
      </div>
      <p className="notice" data-testid="api-cors-note">
        {preset.cors}
        {preset.start && (
          <>
            {' '}
            Start: <code>{preset.start}</code>
          </>
        )}{' '}
        <a href={preset.docs} target="_blank" rel="noreferrer">
          docs
        </a>
      </p>
      {message && (
        <p className={message.error ? 'notice error' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="api-message">
          {message.text}
        </p>
      )}
      {Object.entries(endpoints).length > 0 && (
        <ul className="api-endpoints" aria-label="Endpoints set up">
          {Object.entries(endpoints).map(([id, e]) =>
            e ? (
              <li key={id}>
                {findPreset(id)?.label ?? id}: <code>{e.baseUrl}</code> {isLocalUrl(e.baseUrl) ? <span className="api-badge">local</span> : <span className="api-badge">external</span>}{' '}
                {e.apiKey ? (e.remember ? 'key remembered on this device' : 'key in memory only') : 'no key'}{' '}
                <button type="button" className="link-button" onClick={() => forgetEndpoint(id as ProviderId)}>
                  Forget
                </button>
              </li>
            ) : null,
          )}
        </ul>
      )}
      <ApiUsageTable />
    </details>
  );
}
