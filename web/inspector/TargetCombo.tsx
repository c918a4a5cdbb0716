// Where a traced packet goes: one text box that always stays a text box (type any IP:port), with
// the Services' name:port and ClusterIP:port as suggestions below it (ARIA combobox pattern:
// ↓/↑ move through them, Enter picks, Escape closes).
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function TargetCombo({ value, options, onChange }: { value: string; options: string[]; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // All suggestions while the text is one of them (just picked), else those containing it.
  const shown = options.includes(value) ? options : options.filter((o) => o.includes(value));
  const pick = (v: string) => {
    onChange(v);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const by = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (shown.length ? (a + by + shown.length) % shown.length : -1));
    } else if (e.key === 'Enter' && open && shown[active]) {
      e.preventDefault();
      pick(shown[active]);
    } else if (e.key === 'Enter') {
      setOpen(false); // the form traces: the list would cover the outcome
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };
  const expanded = open && shown.length > 0;
  return (
    <span className="combo">
      <input
        role="combobox"
        aria-label={t('trace.toLabel')}
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        {...(expanded && shown[active] ? { 'aria-activedescendant': `${id}-${active}` } : {})}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={t('trace.toPlaceholder')}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={t('trace.targets')} className="combo-list" hidden={!expanded}>
        {shown.map((o, i) => (
          <li
            key={o}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            // Before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(o);
            }}
          >
            {o}
          </li>
        ))}
      </ul>
    </span>
  );
}
