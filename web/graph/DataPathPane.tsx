// The data-path view: the open node's netfilter chains as kube-proxy wrote them (datapath.ts),
// the last edit's new rules highlighted, and a packet trace played hop by hop over them.
import { useTranslation } from 'react-i18next';
import { useCallback, useMemo, useRef, useState } from 'react';
import { objectKey } from '../../core/protocol.ts';
import type { Pod } from '../../core/api/types.ts';
import { boundsOf } from '../classroom/framing.ts';
import { useStore } from '../store/index.ts';
import { Canvas, type FocusRequest } from './Canvas.tsx';
import { chainKey } from './changes.ts';
import { deriveDataPath, focusIds, type DataPathNode, type JumpEdge, type PathCache } from './datapath.ts';
import { edgeTypes } from './edges.tsx';
import { inspect, useLive } from './live.ts';
import { pathNodeTypes } from './pathNodes.tsx';
import { traceMark } from './traceMark.ts';
import { useTracePlayback } from './tracePlayback.ts';

/** 13 px rule text × 0.92 ≈ 12 CSS px: the smallest the first view of the rules is drawn at. */
const READABLE_ZOOM = 0.92;

export function DataPathPane({ table, focus, onFocus }: { table: string; focus: FocusRequest | null; onFocus: (found: boolean) => void }) {
  const { t } = useTranslation();
  const view = useLive((s) => s.nodeView);
  const error = useLive((s) => s.nodeViewError);
  const hot = useLive((s) => s.hot);
  const hotRules = useLive((s) => s.hotRules);
  const snapshot = useStore((s) => s.snapshot);
  const showSystem = useStore((s) => s.showSystem);
  const select = useStore((s) => s.select);
  const playback = useTracePlayback();
  const cache = useRef<PathCache>({});
  const [epoch, setEpoch] = useState(0);

  const pods = useMemo(() => {
    const m = new Map<string, { name: string; node: string; key: string }>();
    for (const o of snapshot?.objects ?? []) {
      const p = o as Pod;
      if (o.kind === 'Pod' && p.status?.podIP && !p.spec.hostNetwork) m.set(p.status.podIP, { name: p.metadata.name, node: p.spec.nodeName ?? '', key: objectKey(p) });
    }
    return m;
  }, [snapshot]);

  const graph = useMemo(() => {
    if (!view) return { nodes: [], edges: [] };
    const hotKeys = new Set([...hotRules, ...[...hot].filter(([k, how]) => k.startsWith('Chain/') && how === 'added').map(([k]) => k)]);
    // The trace's hops on whichever node is open: the packet may cross to another node's chains.
    const trace = playback ? traceMark(playback.trace, view.name, table, playback.step) : undefined;
    const g = deriveDataPath(view, cache.current, { table, pods, showSystem, hot: hotKeys, ...(trace ? { trace } : {}) });
    cache.current = g.cache;
    return g;
    // `epoch` re-derives after "tidy up" cleared the cache.
  }, [view, table, pods, showSystem, hot, hotRules, playback, epoch]);

  // First shown: KUBE-SERVICES → the selected Service's chains, at a zoom where rules read.
  const service = useStore((s) => /^Service\/([^/]+\/[^/]+)$/.exec(s.selected ?? '')?.[1]);
  const first = useMemo(() => focusIds(graph.nodes, graph.edges, service), [graph, service]);
  const focusOn = useCallback((nodes: DataPathNode[]) => {
    const bounds = boundsOf(nodes, (n) => first.has(n.id));
    return bounds && { bounds, minZoom: READABLE_ZOOM };
  }, [first]);

  return (
    <Canvas<DataPathNode, JumpEdge>
      label={t('graph.datapath')}
      nodes={graph.nodes}
      edges={graph.edges}
      nodeTypes={pathNodeTypes}
      edgeTypes={edgeTypes}
      focus={focus}
      onFocus={(n) => onFocus(!!n)}
      focusOn={focusOn}
      onTidy={() => {
        cache.current = {};
        setEpoch((e) => e + 1);
      }}
      onNodeClick={(n) => {
        if (n.type === 'chain') inspect(chainKey(n.data.node, n.data.table, n.data.name));
        else if (n.type === 'endpoint') inspect(pods.get(n.data.address.split(':')[0]!)?.key ?? null);
      }}
      onPaneClick={() => select(null)}
    >
      {!view && <div className="graph-empty">{error ?? t('graph.readingRules')}</div>}
    </Canvas>
  );
}
