// The simulated clock in view: play, pause, step to the next event, speed, and the timeline
// (events as ticks, edits and commands as markers) to rewind to any moment and replay from it.
import { engine } from '../engine/client.ts';
import { SPEEDS } from '../store/time.ts';
import { useStore } from '../store/index.ts';
import { Icon } from '../icons.tsx';
import { formatClock } from './format.ts';
import { Timeline } from './Timeline.tsx';

export function TimeBar() {
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
    <div className="timebar" role="toolbar" aria-label="Simulated time">
      <button
        type="button"
        className={`time-btn primary${playing ? ' on' : ''}`}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause the simulated clock' : 'Run the simulated clock'}
        disabled={!clock}
        onClick={() => (playing ? engine()?.pause() : engine()?.play())}
      >
        <Icon name={playing ? 'pause' : 'play'} /> {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" className="time-btn" title="Run to the next thing that happens (a timer, an event, a recorded edit)" disabled={!clock} onClick={() => engine()?.step()}>
        <Icon name="step" /> Step
      </button>
      <label className="time-speed">
        <span>Speed</span>
        <select value={speed} onChange={(e) => changeSpeed(Number(e.target.value))} aria-label="Playing speed">
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <Timeline />
      <span className="time-now" data-testid="clock" aria-live="off">
        t = {formatClock(clock?.time ?? 0)}
        {rewound && <span className="muted"> of {formatClock(clock.head)}</span>}
      </span>
      <button type="button" className="time-btn" disabled={!rewound} onClick={() => clock && engine()?.seek(clock.head)} title="Jump to the latest moment recorded">
        Latest <Icon name="latest" />
      </button>
    </div>
  );
}
