import { formatBytes } from '../../core/format';
import { useAppStore } from '../../store/appStore';
import { CATALOGUE, DTYPES, type DType } from '../../embedding/catalogue';
import { addCustomModel, removeCustomModel, resolveModel, selectModel, setDevicePreference, setDtype } from '../../store/modelActions';
import type { DevicePreference } from '../../store/embeddingSlice';
import { HubIdForm } from './HubIdForm';
import { CustomIds } from './CustomIds';
import { ModelSource } from './ModelSource';

/** Catalogue sizes are in MB of 10^6 bytes, as the Hub lists them. */
function sizeLabel(mb: number): string {
  return mb ? ` · ${formatBytes(mb * 1e6)}` : '';
}

/** Model, quantization and device pickers, plus a field for any other Hub model id. */
export function ModelSelect() {
  const modelId = useAppStore((s) => s.modelId);
  const dtype = useAppStore((s) => s.dtype);
  const devicePreference = useAppStore((s) => s.devicePreference);
  const gpu = useAppStore((s) => s.gpu);
  const customIds = useAppStore((s) => s.customModelIds);
  const apiIds = useAppStore((s) => s.apiModelIds);
  // a Hub model embeds for minutes a chunk at a time: the user may switch meanwhile (the run
  // stops after its chunk, which stays cached); other runs are short, or paid per request
  const busy = useAppStore((s) => s.embeddingStatus === 'loading-model' || (s.embeddingStatus === 'embedding' && resolveModel(s.modelId).source !== 'hub'));
  const model = resolveModel(modelId);
  const available = DTYPES.filter((d) => model.dtypes[d]);
  const webgpuReason = gpu && !gpu.available ? gpu.reason : null;

  return (
    <div className="model-controls">
      <label className="inline-field">
        Model
        <select data-testid="model-select" value={modelId} disabled={busy} onChange={(e) => void selectModel(e.target.value)}>
          {CATALOGUE.map((m) => (
            <option key={m.id} value={m.id} title={m.description}>
              {m.source === 'bundled' ? m.label : `${m.id} · ${m.dims}d${sizeLabel(m.dtypes[m.defaultDtype]?.sizeMB ?? 0)}`}
            </option>
          ))}
          {customIds.map((id) => (
            <option key={id} value={id}>
              {id} (custom)
            </option>
          ))}
          {apiIds.length > 0 && (
            <optgroup label="API models">
              {apiIds.map((id) => (
                <option key={id} value={id}>
                  {resolveModel(id).label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label className="inline-field">
        Precision
        <select data-testid="dtype-select" value={dtype} disabled={busy || available.length < 2} onChange={(e) => void setDtype(e.target.value as DType)}>
          {available.map((d) => (
            <option key={d} value={d}>
              {d}
              {sizeLabel(model.dtypes[d]?.sizeMB ?? 0)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Device
        <select
          data-testid="device-select"
          value={devicePreference}
          disabled={busy}
          onChange={(e) => void setDevicePreference(e.target.value as DevicePreference)}
        >
          <option value="auto">auto</option>
          <option value="wasm">WebAssembly (CPU)</option>
          <option value="webgpu" disabled={!!webgpuReason} title={webgpuReason ?? undefined}>
            WebGPU{webgpuReason ? ' (unavailable)' : gpu?.f16 ? ' (fp16 ok)' : ''}
          </option>
        </select>
      </label>
      <HubIdForm
        placeholder="Other Hub model id, e.g. org/model"
        label="Other Hugging Face model id"
        testId="custom-model-input"
        disabled={busy}
        onUse={addCustomModel}
      />
      <CustomIds ids={customIds} kind="models" onRemove={(id) => void removeCustomModel(id)} />
      <ModelSource />
    </div>
  );
}
