// `kubectl get events -w` as a panel: the events at the moment shown, oldest first, newest at
// the bottom (followed unless you scroll up). Click a row to select its object.
import { useTranslation } from 'react-i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KEvent } from '../../core/api/types.ts';
import { useStore } from '../store/index.ts';
import { kubectlAge } from './format.ts';
import { epochOf } from './ticks.ts';

export function EventsPanel() {
  const { t } = useTranslation();
  const snapshot = useStore((s) => s.snapshot);
  const select = useStore((s) => s.select);
  const revealInEditor = useStore((s) => s.revealInEditor);
  const [warningsOnly, setWarningsOnly] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const events = useMemo(() => {
    const all = [...(snapshot?.events ?? [])].sort((a, b) => Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp));
    return warningsOnly ? all.filter((e) => e.type === 'Warning') : all;
  }, [snapshot?.events, warningsOnly]);
  const now = snapshot ? epochOf(snapshot) + snapshot.time : 0;

  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [events]);

  const pick = (e: KEvent) => {
    const o = e.involvedObject;
    const key = `${o.kind}/${o.namespace ?? ''}/${o.name}`;
    select(key);
    const src = snapshot?.sources[key];
    if (src) revealInEditor(src.file, src.line, src.col);
  };

  return (
    <div className="events-panel">
      <div className="events-bar">
        <span className="mono muted">kubectl get events -w</span>
        <label className="check">
          <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} /> {t('events.warningsOnly')}
        </label>
      </div>
      <div
        className="events-scroll"
        ref={box}
        tabIndex={0}
        aria-label={t('events.label')}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
        }}
      >
        <table className="events-table">
          <thead>
            <tr><th>LAST SEEN</th><th>TYPE</th><th>REASON</th><th>OBJECT</th><th>MESSAGE</th></tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr
                key={e.metadata.uid ?? e.metadata.name}
                className={e.type === 'Warning' ? 'warning' : ''}
                tabIndex={0}
                onClick={() => pick(e)}
                onKeyDown={(k) => k.key === 'Enter' && pick(e)}
              >
                <td>{kubectlAge(now - Date.parse(e.lastTimestamp))}</td>
                <td>{e.type}</td>
                <td>{e.reason}</td>
                <td>{`${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`}</td>
                <td className="msg">{e.count > 1 ? `${e.message} (x${e.count})` : e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!events.length && <p className="muted events-empty">{t('events.empty')}</p>}
      </div>
    </div>
  );
}
