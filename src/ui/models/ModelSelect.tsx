import { useAppStore } from '../../store/appStore';
import { CATALOGUE } from '../../embedding/catalogue';

export function ModelSelect() {
  const modelId = useAppStore((s) => s.modelId);
  return (
    <label className="inline-field model-select">
      Model
      <select data-testid="model-select" value={modelId} onChange={() => undefined}>
        {CATALOGUE.map((m) => (
          <option key={m.id} value={m.id} title={m.description}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );
}
