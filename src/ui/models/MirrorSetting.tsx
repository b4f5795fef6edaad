import { useState } from 'react';
import { useAppStore } from '../../store/appStore';
import { setSavedMirror } from '../../store/modelActions';
import { policyWarning } from '../../store/pagePolicy';

/** The model mirror the user chooses (remembered); empty means the Hugging Face Hub itself. */
export function MirrorSetting() {
  const saved = useAppStore((s) => s.savedMirror);
  const [value, setValue] = useState(saved ?? '');
  const [error, setError] = useState<string | null>(null);
  const refused = saved ? policyWarning(saved) : null;
  return (
    <form
      className="mirror-setting"
      onSubmit={(e) => {
        e.preventDefault();
        setError(setSavedMirror(value));
      }}
    >
      <label className="inline-field">
        Model mirror
        <input type="url" value={value} placeholder="https://huggingface.co/ (default)" data-testid="mirror-input" onChange={(e) => setValue(e.target.value)} />
      </label>{' '}
      <button type="submit" className="secondary" data-testid="mirror-save">
        Save
      </button>
      {error && (
        <p className="error" role="alert" data-testid="mirror-error">
          {error}
        </p>
      )}
      {!error && refused && (
        <p className="error" data-testid="mirror-policy-warning">
          {refused}
        </p>
      )}
    </form>
  );
}
