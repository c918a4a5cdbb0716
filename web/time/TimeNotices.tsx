// What the clock did that the user did not ask for, said where they look (above the time bar):
// an edit made while paused runs the clock until the cluster settles, and an edit made while
// viewing the past starts a new timeline from that moment (the engine replays inputs; what was
// recorded later is dropped, as in any time-travelling debugger that lets you change the past).
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import type { ClockState } from '../../core/protocol.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { formatClock } from './format.ts';
import { laterInputs, settledEdit, type Settled } from './moments.ts';

/** Long enough to read two short sentences. */
const SHOW_MS = 8000;

export function TimeNotices() {
  const { t } = useTranslation();
  const clock = useStore((s) => s.clock);
  const prev = useRef<ClockState | null>(null);
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    if (!clock) return;
    // The journal arrives before the clock: its last input is the one this clock follows.
    const s = settledEdit(prev.current, clock, engine()?.timeline().inputs.at(-1));
    prev.current = clock;
    if (s) setSettled(s);
  }, [clock]);
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => setSettled(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [settled]);

  const rewound = !!clock && clock.time < clock.head;
  return (
    <div className="time-notices">
      {settled && (
        <div className="time-notice" role="status" data-testid="settled-notice">
          <span>
            {t('time.settled', { by: formatClock(settled.to - settled.at), to: formatClock(settled.to) })}
            {settled.branched && ` ${t('time.branched', { at: formatClock(settled.at) })}`}
          </span>
          <button type="button" onClick={() => setSettled(null)}>{t('time.dismiss')}</button>
        </div>
      )}
      {rewound && (
        <div className="time-notice past" role="status" data-testid="past-notice">
          <span>
            {t('time.viewingPast', { time: formatClock(clock.time), head: formatClock(clock.head) })}
            {laterInputs(clock) > 0 && ` ${t('time.dropsInputs', { count: laterInputs(clock) })}`}
          </span>
          <button type="button" onClick={() => engine()?.seek(clock.head)}>{t('time.backToLatest', { head: formatClock(clock.head) })}</button>
        </div>
      )}
    </div>
  );
}
