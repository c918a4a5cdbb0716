// Editor | graph split with a draggable, keyboard-operable divider. A teacher widens the graph
// for the room; the choice is remembered.
import { useTranslation } from 'react-i18next';
import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

const KEY = 'kubeplay.split.v1';
const MIN = 20;
const MAX = 75;
const clamp = (pct: number) => Math.min(MAX, Math.max(MIN, pct));

function saved(): number {
  const n = Number(globalThis.localStorage?.getItem(KEY));
  return n ? clamp(n) : 40;
}

export function Split({ left, right }: { left: ReactNode; right: ReactNode }) {
  const { t } = useTranslation();
  const [pct, setPct] = useState(saved);
  const box = useRef<HTMLElement>(null);
  const commit = (next: number) => {
    const v = clamp(Math.round(next * 10) / 10);
    setPct(v);
    try {
      localStorage.setItem(KEY, String(v));
    } catch {
      /* not remembered; still applied */
    }
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId) || !box.current) return;
    const r = box.current.getBoundingClientRect();
    commit(((e.clientX - r.left) / r.width) * 100);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowLeft: -5, ArrowRight: 5 }[e.key];
    if (step) {
      e.preventDefault();
      commit(pct + step);
    }
  };

  return (
    <main className="split" ref={box} style={{ gridTemplateColumns: `${pct}% auto 1fr` }}>
      {left}
      <div
        className="splitter"
        role="separator"
        aria-orientation="vertical"
        aria-label={t('split.resize')}
        aria-valuenow={pct}
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        tabIndex={0}
        onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      {right}
    </main>
  );
}
