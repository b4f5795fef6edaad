import type { ProviderId, ProviderPreset } from '../../api/presets';

/** A labelled picker of endpoint providers (all presets when setting one up, the configured ones when choosing one). */
export function ProviderSelect({ label, testId, providers, value, onChange }: { label: string; testId: string; providers: readonly ProviderPreset[]; value: ProviderId; onChange: (id: ProviderId) => void }) {
  return (
    <label className="inline-field">
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as ProviderId)}>
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}
