// An inline path field for new files, folders and renames: Enter commits, Escape cancels, and
// a refused name says why right under the field.
import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  initial: string;
  onSubmit: (value: string) => string | null;
  onCancel: () => void;
}

export function NameInput({ label, initial, onSubmit, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    // Select the name, not the folder or the extension: what one usually retypes.
    const slash = initial.lastIndexOf('/') + 1;
    const dot = initial.lastIndexOf('.');
    el.setSelectionRange(slash, dot > slash ? dot : initial.length);
  }, [initial]);
  return (
    <div className="name-input">
      <input
        ref={input}
        aria-label={label}
        aria-invalid={!!error}
        value={value}
        spellCheck={false}
        onChange={(e) => (setValue(e.target.value), setError(null))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setError(onSubmit(value));
          else if (e.key === 'Escape') onCancel();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
        onBlur={() => !error && value === initial && onCancel()}
      />
      {error && <div className="name-error" role="alert">{error}</div>}
    </div>
  );
}
