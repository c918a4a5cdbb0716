// The timeline slider: 0 … head of the recorded history. Click or drag to rewind (the worker
// replays to that moment); ←/→ move by a second, Shift by ten, Home/End to the ends.
import { useTranslation } from 'react-i18next';
import { useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { formatClock } from './format.ts';

/** The visible span: at least a minute, so the first seconds do not fill the bar. */
const MIN_SPAN_MS = 60_000;

export function Timeline() {
  const { t } = useTranslation();
  const clock = useStore((s) => s.clock);
  const ticks = useStore((s) => s.ticks);
  const bar = useRef<HTMLDivElement>(null);
  const time = clock?.time ?? 0;
  const head = Math.max(clock?.head ?? 0, time);
  const span = Math.max(MIN_SPAN_MS, head * 1.04);
  const pct = (t: number) => `${Math.min(100, (t / span) * 100)}%`;
  const seek = (t: number) => engine()?.seek(Math.round(Math.max(0, Math.min(head, t))));

  const fromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const r = bar.current!.getBoundingClientRect();
    seek(((e.clientX - r.left) / r.width) * span);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by = e.shiftKey ? 10_000 : 1_000;
    const to = { ArrowLeft: time - by, ArrowRight: time + by, Home: 0, End: head }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    seek(to);
  };
  // Ticks rendered once per list, not per clock update.
  const marks = useMemo(
    () =>
      ticks.map((k) => (
        <span key={k.id} className={`tick${k.warning ? ' warning' : ''}`} style={{ left: pct(k.t) }} title={`${formatClock(k.t)}  ${k.reason}  ${k.object}`} />
      )),
    [ticks, span],
  );

  return (
    <div
      ref={bar}
      className="timeline"
      role="slider"
      tabIndex={0}
      aria-label={t('time.timeline')}
      aria-valuemin={0}
      aria-valuemax={Math.round(head / 1000)}
      aria-valuenow={Math.round(time / 1000)}
      aria-valuetext={formatClock(time)}
      onPointerDown={(e) => (e.currentTarget.setPointerCapture(e.pointerId), fromPointer(e))}
      onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && fromPointer(e)}
      onKeyDown={onKeyDown}
    >
      <div className="timeline-track">
        <div className="timeline-recorded" style={{ width: pct(head) }} />
        <div className="timeline-past" style={{ width: pct(time) }} />
        {marks}
        {(clock?.inputs ?? []).map((at, i) => <span key={i} className="input-mark" style={{ left: pct(at) }} title={t('time.input', { time: formatClock(at) })} />)}
        <div className="timeline-thumb" style={{ left: pct(time) }} />
      </div>
    </div>
  );
}
