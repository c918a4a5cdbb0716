// The packet tracer: pick where a packet starts (a pod, a node, outside) and where it goes (a
// Service name:port or IP:port), run it, and watch its path light up on the data-path view;
// the hops are listed here by node and netfilter hook, with the packet's current one marked.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say } from '../i18n/say.ts';
import type { KObject, Pod, Service } from '../../core/api/types.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { ofKind } from '../store/snapshot.ts';
import { podStatus } from '../graph/status.ts';
import { clearTrace, play, showTraceOn, useTracePlayback } from '../graph/tracePlayback.ts';
import type { Hop, TraceResult } from '../graph/viewTypes.ts';
import { TargetCombo } from './TargetCombo.tsx';
import { canSend, groupHops, notRunning, pathFactors } from './traceHops.ts';
import './trace.css';

export interface TraceDraft {
  from: string;
  to: string;
}

const podRef = (p: Pod): string => `pod/${p.metadata.namespace === 'default' ? '' : `${p.metadata.namespace}/`}${p.metadata.name}`;

export function TracePanel({ draft, setDraft }: { draft: TraceDraft; setDraft: (d: TraceDraft) => void }) {
  const { t } = useTranslation();
  const snapshot = useStore((s) => s.snapshot);
  const showSystem = useStore((s) => s.showSystem);
  const publishTrace = useStore((s) => s.publishTrace);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { sources, pods, preferred, targets } = useMemo(() => {
    const of = <T extends KObject>(kind: string): T[] => (snapshot ? ofKind<T>(snapshot, kind) : []);
    const visible = (ns: string | undefined) => showSystem || !(ns ?? '').startsWith('kube-');
    const list = of<Pod>('Pod').filter((o) => visible(o.metadata.namespace) && !!o.status?.podIP);
    const pods = new Map(list.map((p) => [podRef(p), p]));
    const nodes = of('Node').map((n) => `node/${n.metadata.name}`);
    const sources = [...pods.keys(), ...nodes, 'external'];
    // The learner's own Services first (by name, then by ClusterIP), `kubernetes` last.
    const services = of<Service>('Service').filter((o) => visible(o.metadata.namespace))
      .sort((a, b) => Number(a.metadata.name === 'kubernetes') - Number(b.metadata.name === 'kubernetes'));
    const byName = services.flatMap((s) => (s.spec.ports ?? []).map((p) => `${s.metadata.name}${s.metadata.namespace === 'default' ? '' : `.${s.metadata.namespace}`}:${p.port}`));
    const byIP = services.flatMap((s) => (s.spec.clusterIP && s.spec.clusterIP !== 'None' ? (s.spec.ports ?? []).map((p) => `${s.spec.clusterIP}:${p.port}`) : []));
    // A packet is sent by a process: start from a pod that runs one.
    const preferred = list.find(canSend);
    return { sources, pods, preferred: preferred && podRef(preferred), targets: [...byName, ...byIP] };
  }, [snapshot, showSystem]);

  const from = draft.from || preferred || sources[0] || '';
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
  const sender = trace && pods.get(trace.request.from);
  const stopped = sender && notRunning(sender);
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
            {(sources.includes(from) ? sources : [from, ...sources]).map((s) => {
              const p = pods.get(s);
              return <option key={s} value={s}>{p && !canSend(p) ? `${s} (${podStatus(p).status})` : s}</option>;
            })}
          </select>
        </label>
        <label>
          {t('trace.to')}
          <TargetCombo value={to} options={targets} onChange={(v) => setDraft({ ...draft, to: v })} />
        </label>
        <button type="submit" className="act primary" disabled={busy || !from || !to}>{t('trace.run')}</button>
      </form>
      {error && <div className="trace-error" role="alert">{error}</div>}
      {trace && (
        <>
          <div className={`trace-outcome outcome-${trace.outcome.kind}`}>
            <b>{trace.request.from} → {trace.request.to}</b>
            <div>{say(trace.outcome.msg, trace.outcome.text)}</div>
            {trace.probability < 1 && <div className="muted trace-path-p">{t('trace.probability', { p: trace.probability.toFixed(3), factors: pathFactors(trace.hops) })}</div>}
          </div>
          {stopped && <div className="trace-warning" role="note">{t('trace.notRunning', { pod: trace.request.from, status: stopped })}</div>}
          <div className="insp-actions">
            <button type="button" className="act" onClick={() => play(trace)}>{t('trace.replay')}</button>
            <button type="button" className="act" onClick={clearTrace}>{t('trace.clear')}</button>
          </div>
          <HopList trace={trace} />
        </>
      )}
    </div>
  );
}

/** The hops by node, then netfilter hook; what matched nothing folded away. */
function HopList({ trace }: { trace: TraceResult }) {
  const { t } = useTranslation();
  const playback = useTracePlayback();
  const graphView = useStore((s) => s.graphView);
  const viewNode = useStore((s) => s.viewNode);
  const groups = useMemo(() => groupHops(trace.hops), [trace]);
  const step = playback?.trace === trace ? playback.step : undefined;
  const hop = (h: Hop, i: number) => (
    <li key={i} className={`hop hop-${h.kind}${step === undefined || i < step ? ' passed' : ''}${i === (step ?? 0) - 1 ? ' current' : ''}`} title={h.rule?.line}>
      {say(h.msg, h.text)}
      {h.branch && <span className="hop-note"> — {t('trace.branchNote')}</span>}
    </li>
  );
  return (
    <div className="hops" role="list" aria-label={t('trace.hops')}>
      {groups.map((g, gi) => (
        <section key={gi} className="hop-node" role="listitem" aria-label={t('trace.onNode', { node: g.node })}>
          <h4>
            <span>{t('trace.onNode', { node: g.node })}</span>
            {g.node && (graphView === 'datapath' && viewNode === g.node
              ? <span className="muted">{t('trace.shown')}</span>
              : <button type="button" className="act" onClick={() => showTraceOn(g.node)}>{t('trace.showOn', { node: g.node })}</button>)}
          </h4>
          <ol>
            {g.rows.map((r) => r.kind === 'skipped' ? (
              <li key={`s${r.indices[0]}`} className="hop-skipped">
                <details>
                  <summary>{t('trace.skipped', { count: r.count })}</summary>
                  <ol>{r.indices.map((i) => hop(trace.hops[i]!, i))}</ol>
                </details>
              </li>
            ) : r.kind === 'hook' ? (
              <li key={r.index} className="hop-hook">{say(trace.hops[r.index]!.msg, trace.hops[r.index]!.text)}</li>
            ) : hop(trace.hops[r.index]!, r.index))}
          </ol>
        </section>
      ))}
    </div>
  );
}
