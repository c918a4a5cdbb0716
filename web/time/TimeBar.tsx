// The simulated clock in view: play, pause, step to the next event, speed, and the timeline
// (events as ticks, edits and commands as markers) to rewind to any moment and replay from it.
import { useTranslation } from 'react-i18next';
import { engine } from '../engine/client.ts';
import { SPEEDS } from '../store/time.ts';
import { useStore } from '../store/index.ts';
import { Icon } from '../icons.tsx';
import { formatClock } from './format.ts';
import { Timeline } from './Timeline.tsx';
import { TimeNotices } from './TimeNotices.tsx';
import './time.css';

export function TimeBar() {
  const { t } = useTranslation();
  const clock = useStore((s) => s.clock);
  const speed = useStore((s) => s.speed);
  const setSpeed = useStore((s) => s.setSpeed);
  const playing = clock?.playing ?? false;
  const rewound = !!clock && clock.time < clock.head;

  const changeSpeed = (v: number) => {
    setSpeed(v);
    if (playing) engine()?.play(); // picks the new speed up at once
  };

  return (
    <div className="timebar" role="toolbar" aria-label={t('time.label')}>
      <TimeNotices />
      <button
        type="button"
        className={`time-btn primary${playing ? ' on' : ''}`}
        aria-label={playing ? t('time.pause') : t('time.play')}
        title={playing ? t('time.pauseTitle') : t('time.playTitle')}
        disabled={!clock}
        onClick={() => (playing ? engine()?.pause() : engine()?.play())}
      >
        <Icon name={playing ? 'pause' : 'play'} /> {playing ? t('time.pause') : t('time.play')}
      </button>
      <button type="button" className="time-btn" title={t('time.stepTitle')} disabled={!clock} onClick={() => engine()?.step()}>
        <Icon name="step" /> {t('time.step')}
      </button>
      <label className="time-speed">
        <span>{t('time.speed')}</span>
        <select value={speed} onChange={(e) => changeSpeed(Number(e.target.value))} aria-label={t('time.speedLabel')}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <Timeline />
      {/* Fixed width, the head on a second line: the slider never changes size. */}
      <span className="time-now" data-testid="clock" aria-live="off">
        <span>t = {formatClock(clock?.time ?? 0)}</span>
        <span className="muted time-of">{rewound ? t('time.of', { head: formatClock(clock.head) }) : '\u00a0'}</span>
      </span>
      <button type="button" className="time-btn" disabled={!rewound} onClick={() => clock && engine()?.seek(clock.head)} title={t('time.latestTitle')}>
        {t('time.latest')} <Icon name="latest" />
      </button>
    </div>
  );
}
