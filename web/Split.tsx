// Editor | graph split with a draggable, keyboard-operable divider. A teacher widens the graph
// for the room; the choice is remembered. The separator and the remembered size are shared with
// the dock's top edge (Dock.tsx), which sizes the terminal the same way.
import { useTranslation } from 'react-i18next';
import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

const KEY = 'kubeplay.split.v1';
const MIN = 20;
const MAX = 75;

/** A size kept in localStorage across reloads, clamped to [min, max] (read when set). */
export function useRemembered(key: string, fallback: () => number, min: number, max: () => number): [number, (v: number) => void] {
  const clamp = (v: number) => Math.min(max(), Math.max(min, Math.round(v * 10) / 10));
  const [value, setValue] = useState(() => clamp(Number(globalThis.localStorage?.getItem(key)) || fallback()));
  const set = (v: number) => {
    const c = clamp(v);
    setValue(c);
    try {
      localStorage.setItem(key, String(c));
    } catch {
      /* not remembered; still applied */
    }
  };
  return [value, set];
}

interface SeparatorProps {
  className: string;
  /** `vertical`: a divider between columns (←/→); `horizontal`: between rows (↑/↓, ↑ grows what is below). */
  orientation: 'vertical' | 'horizontal';
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  /** The value for a pointer at (x, y) while dragging. */
  fromPointer: (x: number, y: number) => number;
}

/** A separator (role="separator", aria-valuenow): drag it, or focus it and use the arrows, Home, End. */
export function Separator({ className, orientation, label, value, min, max, step, onChange, fromPointer }: SeparatorProps) {
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) onChange(fromPointer(e.clientX, e.clientY));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, number> = orientation === 'vertical'
      ? { ArrowLeft: value - step, ArrowRight: value + step, Home: min, End: max }
      : { ArrowUp: value + step, ArrowDown: value - step, Home: min, End: max };
    const next = keys[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onChange(next);
  };
  return (
    <div
      className={className}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
      onPointerMove={onPointerMove}
      onKeyDown={onKeyDown}
    />
  );
}

export function Split({ left, right }: { left: ReactNode; right: ReactNode }) {
  const { t } = useTranslation();
  const [pct, setPct] = useRemembered(KEY, () => 40, MIN, () => MAX);
  const box = useRef<HTMLElement>(null);
  const fromPointer = (x: number) => {
    const r = box.current?.getBoundingClientRect();
    return r ? ((x - r.left) / r.width) * 100 : pct;
  };

  return (
    <main className="split" ref={box} style={{ gridTemplateColumns: `${pct}% auto 1fr` }}>
      {left}
      <Separator className="splitter" orientation="vertical" label={t('split.resize')} value={pct} min={MIN} max={MAX} step={5} onChange={setPct} fromPointer={fromPointer} />
      {right}
    </main>
  );
}
