// "Rewind to before this crash" for a pod that has restarted: one click to the second before its
// last container exit, paused, so Play shows the crash again. Clicked again there, it goes back to
// the crash before (the pod's status at that moment names the earlier exit).
import { useTranslation } from 'react-i18next';
import type { Pod } from '../../core/api/types.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { formatClock } from './format.ts';
import { before, lastCrash } from './moments.ts';
import { epochOf } from './ticks.ts';

export function RewindToCrash({ pod }: { pod: Pod }) {
  const { t } = useTranslation();
  const epoch = useStore((s) => (s.snapshot ? epochOf(s.snapshot) : null));
  const crash = epoch === null ? null : lastCrash(pod, epoch);
  if (crash === null) return null;
  const to = before(crash);
  return (
    <button
      type="button"
      className="act"
      title={t('inspector.rewindCrashTitle', { crash: formatClock(crash) })}
      onClick={() => {
        engine()?.pause();
        engine()?.seek(to);
      }}
    >
      {t('inspector.rewindCrash', { time: formatClock(to) })}
    </button>
  );
}
