// What an idle cluster is waiting for, for the status bar: "Cluster settled" is not true while the
// kubelet holds a crash-looping container back; the engine's next timer is its back-off.
import { useTranslation } from 'react-i18next';
import type { Pod } from '../../core/api/types.ts';
import type { Snapshot } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';
import { ofKind } from '../store/snapshot.ts';
import { formatClock } from './format.ts';
import { nextBackOff, type BackOff } from './moments.ts';
import { epochOf } from './ticks.ts';

/**
 * One answer per list of pods: the selector runs at every store change, and ofKind hands back the
 * same array while no patch touched a pod (the epoch only changes with a new timeline, and so do
 * the pods).
 */
const cache = new WeakMap<Pod[], BackOff | null>();
function waitOf(s: Snapshot): BackOff | null {
  const pods = ofKind<Pod>(s, 'Pod');
  let w = cache.get(pods);
  if (w === undefined) {
    w = nextBackOff(pods, epochOf(s));
    cache.set(pods, w);
  }
  return w;
}

/** The status bar's words for the wait, or null when nothing is held back. */
export function useWaiting(): string | null {
  const { t } = useTranslation();
  const text = useStore((s) => {
    const w = s.snapshot && waitOf(s.snapshot);
    if (!w || !s.snapshot) return null;
    const what = { pod: `pod/${w.pod}`, reason: w.reason };
    return w.until !== undefined && w.until > s.snapshot.time
      ? t('status.waitingUntil', { ...what, time: formatClock(w.until) })
      : t('status.waiting', what);
  });
  return text;
}
