// The right-hand side of the page: a bar to switch views (cluster, node internals, data path),
// pick the node and table, search and show system pods; the view; and the inspector beside it.
// GraphPane.tsx loads this on demand.
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { KObject } from '../../core/api/types.ts';
import type { Snapshot } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';
import { ofKind } from '../store/snapshot.ts';
import type { GraphView } from '../store/ui.ts';
import type { FocusRequest } from './Canvas.tsx';
import { ClusterPane } from './ClusterPane.tsx';
import { useJourneyStep } from './journey.ts';
import { say } from '../i18n/say.ts';
import { startLive, useLive } from './live.ts';
import { startTracePlayback, useTracePlayback } from './tracePlayback.ts';
import './graph.css';

// Only the cluster view is needed on first load; the rest comes when asked for.
const Inspector = lazy(() => import('../inspector/Inspector.tsx').then((m) => ({ default: m.Inspector })));
const NodePane = lazy(() => import('./NodePane.tsx').then((m) => ({ default: m.NodePane })));
const DataPathPane = lazy(() => import('./DataPathPane.tsx').then((m) => ({ default: m.DataPathPane })));

const VIEWS: GraphView[] = ['cluster', 'node', 'datapath'];

/** Names of the Kubernetes nodes, worked out when they change (the bar re-renders only then). */
const names = new WeakMap<KObject[], string[]>();
function nodeNames(s: Snapshot | null): string[] {
  if (!s) return [];
  const nodes = ofKind(s, 'Node');
  let n = names.get(nodes);
  if (!n) names.set(nodes, (n = nodes.map((o) => o.metadata.name)));
  return n;
}

export function Workbench() {
  const { t } = useTranslation();
  const graphView = useStore((s) => s.graphView);
  const viewNode = useStore((s) => s.viewNode);
  const setGraphView = useStore((s) => s.setGraphView);
  const showSystem = useStore((s) => s.showSystem);
  const toggleSystem = useStore((s) => s.toggleSystem);
  const nodes = useStore(useShallow((s) => nodeNames(s.snapshot)));
  const changes = useLive((s) => s.changes.length);
  const journey = useJourneyStep();
  const playback = useTracePlayback();
  const [table, setTable] = useState('nat');
  const [query, setQuery] = useState('');
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [missed, setMissed] = useState(false);
  const [inspectorOpen, setInspectorOpen] = useState(true);
  // Another view (or node) starts with an empty Find box: a query for pods means nothing among
  // chains. Reset during render, so the new view's canvas never mounts with the old request.
  const place = graphView === 'cluster' ? graphView : `${graphView}/${viewNode}`;
  const [searchedIn, setSearchedIn] = useState(place);
  if (searchedIn !== place) {
    setSearchedIn(place);
    setQuery('');
    setFocus(null);
    setMissed(false);
  }

  useEffect(() => {
    const stops = [startLive(), startTracePlayback()];
    return () => stops.forEach((s) => s());
  }, []);
  // Stable, so the views (memoised) do not re-render when only the bar does.
  const onFocus = useCallback((found: boolean) => setMissed(!found), []);
  const ask = () => setFocus({ text: query.trim(), seq: (focus?.seq ?? 0) + 1 });
  const mode = useLive((s) => s.nodeView?.proxy.mode);

  return (
    <section className="workbench" aria-label={t('graph.label')}>
      <div className="pane-bar wb-bar">
        <div className="view-tabs" role="tablist" aria-label={t('graph.viewLabel')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" role="tab" aria-selected={graphView === v} className="view-tab" title={t(`graph.${v}Title`)} onClick={() => setGraphView(v)}>
              {t(`graph.${v}`)}
            </button>
          ))}
        </div>
        {graphView !== 'cluster' && (
          <select className="wb-select" aria-label={t('graph.pickNode')} value={viewNode} onChange={(e) => setGraphView(graphView, e.target.value)}>
            {(nodes.includes(viewNode) ? nodes : [viewNode, ...nodes]).map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        )}
        {graphView === 'datapath' && (
          <select className="wb-select" aria-label={t('graph.table')} value={table} onChange={(e) => setTable(e.target.value)} title={t('graph.mode', { mode: mode ?? '…' })}>
            {['nat', 'filter', 'mangle'].map((tb) => <option key={tb} value={tb}>{t('graph.tableName', { table: tb })}</option>)}
          </select>
        )}
        <form
          className="wb-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            ask();
          }}
        >
          <input
            type="search"
            aria-label={t('graph.find')}
            placeholder={t('graph.findPlaceholder')} title={t('graph.findTitle')}
            value={query}
            className={missed ? 'missed' : ''}
            onChange={(e) => {
              setQuery(e.target.value);
              setMissed(false);
            }}
          />
        </form>
        <span className="spacer" />
        <button type="button" className="graph-toggle" aria-pressed={showSystem} onClick={toggleSystem}>
          {showSystem ? t('graph.hideSystem') : t('graph.showSystem')}
        </button>
      </div>
      <div className="wb-body">
        <div className="wb-view">
          {graphView === 'cluster' && <ClusterPane focus={focus} onFocus={onFocus} />}
          <Suspense fallback={<div className="graph-empty">{t('graph.loading')}</div>}>
            {graphView === 'node' && <NodePane focus={focus} onFocus={onFocus} />}
            {graphView === 'datapath' && <DataPathPane table={table} focus={focus} onFocus={onFocus} />}
          </Suspense>
          {journey && graphView === 'cluster' && <div className="caption journey-caption" role="status">{journey.caption}</div>}
          {playback && graphView === 'datapath' && playback.step > 0 && (
            <div className="caption trace-caption" role="status">
              {say(playback.trace.hops[playback.step - 1]?.msg, playback.trace.hops[playback.step - 1]?.text ?? '')}
            </div>
          )}
        </div>
        {inspectorOpen ? (
          <Suspense fallback={<aside className="inspector" aria-label={t('inspector.label')} />}>
            <Inspector table={table} onClose={() => setInspectorOpen(false)} />
          </Suspense>
        ) : (
          <button type="button" className="insp-open" onClick={() => setInspectorOpen(true)} title={t('graph.inspectorTitle')}>
            {t('graph.inspector')}{changes ? ` · ${changes}` : ''}
          </button>
        )}
      </div>
    </section>
  );
}
