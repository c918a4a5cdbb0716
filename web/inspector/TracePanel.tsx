// The packet tracer: pick where a packet starts (a pod, a node, outside) and where it goes (a
// Service name:port or IP:port), run it, and watch its path light up on the data-path view;
// the hops are listed here with the packet's current one marked.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say } from '../i18n/say.ts';
import type { Pod, Service } from '../../core/api/types.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { play, useTracePlayback } from '../graph/tracePlayback.ts';

export interface TraceDraft {
  from: string;
  to: string;
}

export function TracePanel({ draft, setDraft }: { draft: TraceDraft; setDraft: (d: TraceDraft) => void }) {
  const { t } = useTranslation();
  const snapshot = useStore((s) => s.snapshot);
  const showSystem = useStore((s) => s.showSystem);
  const publishTrace = useStore((s) => s.publishTrace);
  const playback = useTracePlayback();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { sources, targets } = useMemo(() => {
    const objects = snapshot?.objects ?? [];
    const visible = (ns: string | undefined) => showSystem || !(ns ?? '').startsWith('kube-');
    const pods = objects.filter((o): o is Pod => o.kind === 'Pod' && visible(o.metadata.namespace) && !!(o as Pod).status?.podIP);
    const nodes = objects.filter((o) => o.kind === 'Node').map((n) => `node/${n.metadata.name}`);
    const sources = [...pods.map((p) => `pod/${p.metadata.namespace === 'default' ? '' : `${p.metadata.namespace}/`}${p.metadata.name}`), ...nodes, 'external'];
    // The learner's own Services first (by name, then by ClusterIP), `kubernetes` last.
    const services = objects.filter((o): o is Service => o.kind === 'Service' && visible(o.metadata.namespace))
      .sort((a, b) => Number(a.metadata.name === 'kubernetes') - Number(b.metadata.name === 'kubernetes'));
    const byName = services.flatMap((s) => (s.spec.ports ?? []).map((p) => `${s.metadata.name}${s.metadata.namespace === 'default' ? '' : `.${s.metadata.namespace}`}:${p.port}`));
    const byIP = services.flatMap((s) => (s.spec.clusterIP && s.spec.clusterIP !== 'None' ? (s.spec.ports ?? []).map((p) => `${s.spec.clusterIP}:${p.port}`) : []));
    return { sources, targets: [...byName, ...byIP] };
  }, [snapshot, showSystem]);

  const from = draft.from || sources[0] || '';
  const to = draft.to || targets[0] || '';
  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await engine()?.view({ kind: 'trace', from, to });
    setBusy(false);
    if (r?.kind === 'trace') publishTrace(r.trace);
    else setError(r?.kind === 'error' ? r.message : t('trace.noAnswer'));
  };

  const trace = useStore((s) => s.lastTrace?.trace);
  const step = playback?.trace === trace ? playback?.step : undefined;
  return (
    <div className="tracer">
      <form
        className="trace-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          {t('trace.from')}
          <select aria-label={t('trace.fromLabel')} value={from} onChange={(e) => setDraft({ ...draft, from: e.target.value })}>
            {(sources.includes(from) ? sources : [from, ...sources]).map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>
          {t('trace.to')}
          <input aria-label={t('trace.toLabel')} list="trace-targets" value={to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} placeholder={t('trace.toPlaceholder')} />
          <datalist id="trace-targets">{targets.map((x) => <option key={x} value={x} />)}</datalist>
        </label>
        <button type="submit" className="act primary" disabled={busy || !from || !to}>{t('trace.run')}</button>
      </form>
      {error && <div className="trace-error" role="alert">{error}</div>}
      {trace && (
        <>
          <div className={`trace-outcome outcome-${trace.outcome.kind}`}>
            <b>{trace.request.from} → {trace.request.to}</b>
            <div>{say(trace.outcome.msg, trace.outcome.text)}</div>
            {trace.probability < 1 && <div className="muted">{t('trace.probability', { p: trace.probability.toFixed(3) })}</div>}
          </div>
          <div className="insp-actions">
            <button type="button" className="act" onClick={() => play(trace)}>{t('trace.replay')}</button>
          </div>
          <ol className="hops" aria-label={t('trace.hops')}>
            {trace.hops.map((h, i) => (
              <li key={i} className={`hop hop-${h.kind}${step === undefined || i < step ? ' passed' : ''}${i === (step ?? 0) - 1 ? ' current' : ''}`} title={h.rule?.line}>
                {say(h.msg, h.text)}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
