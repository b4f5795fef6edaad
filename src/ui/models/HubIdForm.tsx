import { useState } from 'react';

interface Props {
  placeholder: string;
  label: string;
  testId: string;
  disabled?: boolean;
  /** Called with the typed id; false means it was refused, and the field keeps it for correction. */
  onUse: (id: string) => Promise<boolean>;
}

/** A field for any Hugging Face model id, submitted with Enter or its Use button. */
export function HubIdForm({ placeholder, label, testId, disabled = false, onUse }: Props) {
  const [value, setValue] = useState('');
  return (
    <form
      className="custom-model"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) void onUse(value).then((accepted) => accepted && setValue(''));
      }}
    >
      <input type="text" value={value} placeholder={placeholder} aria-label={label} data-testid={testId} disabled={disabled} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="secondary" disabled={disabled || !value.trim()}>
        Use
      </button>
    </form>
  );
}
