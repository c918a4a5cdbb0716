// The timeline slider: 0 … head of the recorded history. Click or drag to rewind (the worker
// replays to that moment); ←/→ move by a second, Shift by ten, PageUp/PageDown to just before the
// previous/next marker, Home/End to the ends. Over it, the
// markers (events, warnings, your edits and commands) each say what happened when, and a click on
// one rewinds to just before it. They sit beside the slider, not in it: a slider's children are
// presentational, and their names would be lost to screen readers.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { memo, useRef, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { formatClock } from './format.ts';
import { before, markerStep } from './moments.ts';
import type { Tick } from './ticks.ts';

/** The visible span: at least a minute, so the first seconds do not fill the bar. */
const MIN_SPAN_MS = 60_000;

const place = (t: number, span: number): string => `${Math.min(100, (t / span) * 100)}%`;
/** The end of the recorded history now (read when a marker is clicked, not when it was drawn). */
const recordedHead = () => {
  const clock = useStore.getState().clock;
  return Math.max(clock?.head ?? 0, clock?.time ?? 0);
};
const seekTo = (t: number, head: number) => engine()?.seek(Math.round(Math.max(0, Math.min(head, t))));

export function Timeline() {
  const { t } = useTranslation();
  const clock = useStore((s) => s.clock);
  const ticks = useStore((s) => s.ticks);
  const bar = useRef<HTMLDivElement>(null);
  const time = clock?.time ?? 0;
  const head = Math.max(clock?.head ?? 0, time);
  const span = Math.max(MIN_SPAN_MS, head * 1.04);

  const fromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const r = bar.current!.getBoundingClientRect();
    seekTo(((e.clientX - r.left) / r.width) * span, head);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by = e.shiftKey ? 10_000 : 1_000;
    const step = (dir: -1 | 1) => markerStep([...ticks.map((k) => k.t), ...(clock?.inputs ?? [])], time, dir);
    const to = { ArrowLeft: time - by, ArrowRight: time + by, Home: 0, End: head, PageUp: step(-1), PageDown: step(1) }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    seekTo(to, head);
  };

  return (
    <div className="timeline-box">
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
          <div className="timeline-recorded" style={{ width: place(head, span) }} />
          <div className="timeline-past" style={{ width: place(time, span) }} />
          <div className="timeline-thumb" style={{ left: place(time, span) }} />
        </div>
      </div>
      <Markers ticks={ticks} inputs={clock?.inputs} span={span} />
      <div className="timeline-legend" aria-hidden="true">
        <span><i className="swatch input" />{t('time.legendInput')}</span>
        <span><i className="swatch warning" />{t('time.legendWarning')}</span>
        <span><i className="swatch normal" />{t('time.legendNormal')}</span>
      </div>
    </div>
  );
}

/**
 * Rendered again only when the ticks, the inputs or the span change, not at every clock update.
 * Each marker is rendered once: its place follows the span through a CSS variable, so an edit (new
 * ticks, a longer span) renders only the new markers — not thousands of labels again.
 */
const Markers = memo(function Markers({ ticks, inputs, span }: { ticks: Tick[]; inputs: number[] | undefined; span: number }) {
  const { t } = useTranslation();
  const input = t('time.input');
  return (
    <div className="timeline-marks" role="group" aria-label={t('time.marks')} style={{ '--span': span } as CSSProperties}>
      {ticks.map((k) => (
        <Mark key={k.id} t={t} className={k.warning ? 'tick warning' : 'tick'} at={k.t}
          what={`${k.warning ? 'Warning' : 'Normal'} ${k.reason} ${k.object.replace(/^[^/]+/, (kind) => kind.toLowerCase())}: ${k.message}`} />
      ))}
      {(inputs ?? []).map((at, i) => <Mark key={`input-${i}`} t={t} className="input-mark" at={at} what={input} />)}
    </div>
  );
});

const Mark = memo(function Mark({ t, className, at, what }: { t: TFunction; className: string; at: number; what: string }) {
  const label = t('time.mark', { time: formatClock(at), what });
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`mark ${className}`}
      style={{ left: `min(100%, calc(${at} * 100% / var(--span)))` }}
      aria-label={label}
      title={`${label}\n${t('time.markClick')}`}
      onClick={() => seekTo(before(at), recordedHead())}
    />
  );
});
