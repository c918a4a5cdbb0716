// One API object: why it is as it is (scheduler verdicts per node, endpoint reasons), what to do
// next (play the pod's journey, trace a packet, open the node), its events, describe and YAML.
import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import type { Pod } from '../../core/api/types.ts';
import type { MessageId } from '../../core/protocol.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { framesOf, playJourney } from '../graph/journey.ts';
import { lastExit, podStatus } from '../graph/status.ts';
import { ageAt } from '../time/format.ts';
import type { TraceDraft } from './TracePanel.tsx';
import { useView } from './useView.ts';
import { verdict } from './why.ts';
import { say, sayId } from '../i18n/say.ts';
import { RewindToCrash } from '../time/RewindToCrash.tsx';

export function ObjectInspector({ objectKey, onTrace }: { objectKey: string; onTrace: (d: Partial<TraceDraft>) => void }) {
  const { t } = useTranslation();
  const [kind, ns, ...rest] = objectKey.split('/');
  const name = rest.join('/');
  const request = useMemo(() => ({ kind: 'explain' as const, objectKind: kind!, ...(ns ? { namespace: ns } : {}), name }), [kind, ns, name]);
  const result = useView(request);
  const [detail, setDetail] = useState<'describe' | 'yaml'>('describe');
  const setGraphView = useStore((s) => s.setGraphView);
  const now = useStore((s) => s.snapshot?.timeIso ?? '');

  if (!result) return <div className="insp-hint">{t('inspector.asking', { what: `${kind?.toLowerCase()}/${name}` })}</div>;
  if (result.kind !== 'explain') {
    const gone = result.kind === 'error' && /not found/.test(result.message);
    return <div className="insp-hint">{gone ? t('inspector.gone', { what: `${kind?.toLowerCase()}/${name}` }) : result.kind === 'error' ? result.message : t('inspector.nothing')}</div>;
  }
  const e = result.explain;
  const pod = kind === 'Pod' ? (e.object as Pod) : undefined;
  const st = pod ? podStatus(pod) : undefined;
  const last = pod && lastExit(pod);
  const restarts = pod?.status?.containerStatuses?.reduce((n, c) => n + c.restartCount, 0) ?? 0;

  const journey = async () => {
    const r = await engine()?.view({ kind: 'journey', namespace: ns ?? 'default', name });
    if (r?.kind === 'journey') {
      setGraphView('cluster');
      // Captions in the page's language: step names and actions translated before framing.
      const j = r.journey;
      const names = j.names.map((n, step) => (step ? sayId(`journey.step.${step}` as MessageId, n) : n));
      playJourney(framesOf(objectKey, { ...j, names, steps: j.steps.map((s) => ({ ...s, action: say(s.msg, s.action) })) }, pod?.spec.nodeName));
    }
  };
  const svcPort = kind === 'Service' ? (e.object as { spec?: { ports?: { port: number }[] } }).spec?.ports?.[0]?.port : undefined;

  return (
    <div className="obj">
      <h2 className="insp-title">
        <span className="insp-kind">{kind}</span> {name}
        {st && <span className={`pill tone-${st.tone}`}>{st.status}</span>}
      </h2>
      {ns && <div className="insp-sub">{t('inspector.namespace', { namespace: ns })}</div>}
      {last && (
        <div className="insp-last" title={t('nodes.lastExitTitle')}>
          {t('nodes.restarts', { n: restarts })} · {t('nodes.lastExit', { reason: last.reason, code: last.code, ago: ageAt(now, last.at) })}
        </div>
      )}
      <div className="insp-actions">
        {pod && <button type="button" className="act" onClick={() => void journey()}>{t('inspector.journey')}</button>}
        {pod && <RewindToCrash pod={pod} />}
        {pod?.status?.podIP && <button type="button" className="act" onClick={() => onTrace({ from: `pod/${ns === 'default' ? '' : `${ns}/`}${name}` })}>{t('inspector.traceFrom')}</button>}
        {svcPort !== undefined && <button type="button" className="act" onClick={() => onTrace({ to: `${name}${ns === 'default' ? '' : `.${ns}`}:${svcPort}` })}>{t('inspector.traceTo')}</button>}
        {kind === 'Node' && <button type="button" className="act" onClick={() => setGraphView('node', name)}>{t('inspector.openNode')}</button>}
        {kind === 'Node' && <button type="button" className="act" onClick={() => setGraphView('datapath', name)}>{t('inspector.openPath')}</button>}
      </div>
      {e.why.length > 0 && (
        <section className="why" aria-label={t('inspector.why')}>
          <h3>{t('inspector.why')}</h3>
          <ul>
            {e.why.map((line, i) => {
              const v = verdict(line.msg);
              return (
                <li key={i} className={`why-${v}`}>
                  <span className="why-icon" aria-hidden="true">{v === 'yes' ? '✓' : v === 'no' ? '✗' : '•'}</span>
                  <span>{say(line.msg, line.text)}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section aria-label={t('inspector.events')}>
        <h3>{t('inspector.events')}</h3>
        {e.events.length === 0 ? <div className="muted">{t('inspector.noEvents')}</div> : (
          <table className="events">
            <tbody>
              {e.events.slice(-12).reverse().map((ev, i) => (
                <tr key={i} className={ev.type === 'Warning' ? 'warn' : ''}>
                  <td className="ev-reason">{ev.reason}</td>
                  <td>{ev.message}{(ev.count ?? 1) > 1 && <span className="muted"> (×{ev.count})</span>}</td>
                  <td className="ev-age mono">{ageAt(now, ev.lastTimestamp ?? ev.eventTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label={t('inspector.details')}>
        <div className="detail-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={detail === 'describe'} onClick={() => setDetail('describe')}>kubectl describe</button>
          <button type="button" role="tab" aria-selected={detail === 'yaml'} onClick={() => setDetail('yaml')}>YAML</button>
        </div>
        <pre className="insp-pre" tabIndex={0}>{detail === 'describe' ? e.describe : e.yaml}</pre>
      </section>
    </div>
  );
}
