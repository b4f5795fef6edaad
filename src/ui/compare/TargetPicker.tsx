import { useAppStore } from '../../store/appStore';
import { CATALOGUE, DTYPES } from '../../embedding/catalogue';
import { toggleCompareTarget } from '../../store/compareActions';
import { resolveModel } from '../../store/modelActions';

/** A grid of models × precisions to compare; only precisions a model has can be ticked. */
export function TargetPicker({ disabled }: { disabled: boolean }) {
  const targets = useAppStore((s) => s.compareTargets);
  const customIds = useAppStore((s) => s.customModelIds);
  const apiIds = useAppStore((s) => s.apiModelIds);
  const isChosen = (modelId: string, dtype: string) => targets.some((t) => t.modelId === modelId && t.dtype === dtype);
  const rows = [...CATALOGUE.map((m) => ({ id: m.id, label: m.source === 'bundled' ? m.label : m.id, dtypes: m.dtypes })), ...customIds.map((id) => ({ id, label: `${id} (custom)`, dtypes: null })), ...apiIds.map((id) => ({ id, label: resolveModel(id).label, dtypes: resolveModel(id).dtypes }))];
  return (
    <table className="target-picker">
      <caption>Models and precisions to compare</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          {DTYPES.map((d) => (
            <th key={d} scope="col">
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <th scope="row">{m.label}</th>
            {DTYPES.map((d) => {
              const file = m.dtypes?.[d];
              const offered = m.dtypes === null || file !== undefined;
              return (
                <td key={d}>
                  {offered && (
                    <label title={file?.sizeMB ? `${file.sizeMB} MB download` : undefined}>
                      <input
                        type="checkbox"
                        data-testid={`target-${m.id}-${d}`}
                        checked={isChosen(m.id, d)}
                        disabled={disabled}
                        onChange={() => toggleCompareTarget({ modelId: m.id, dtype: d })}
                      />
                      <span className="visually-hidden">
                        {m.id} {d}
                      </span>
                      {file?.sizeMB ? <span className="size"> {file.sizeMB >= 1000 ? `${(file.sizeMB / 1000).toFixed(1)} GB` : `${Math.round(file.sizeMB)} MB`}</span> : null}
                    </label>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
