// The node-internals view: the open node's NodeView (from the engine, kept fresh by live.ts)
// laid out by internals.ts. Clicking a sandbox or container selects its pod.
import { useTranslation } from 'react-i18next';
import { useMemo, useRef, useState } from 'react';
import { useStore } from '../store/index.ts';
import { Canvas, type FocusRequest } from './Canvas.tsx';
import { edgeTypes } from './edges.tsx';
import { deriveInternals, type InternalsNode, type LinkEdge, type SlotCache } from './internals.ts';
import { internalsNodeTypes } from './internalsNodes.tsx';
import { inspect, useLive } from './live.ts';

export function NodePane({ focus, onFocus }: { focus: FocusRequest | null; onFocus: (found: boolean) => void }) {
  const { t } = useTranslation();
  const view = useLive((s) => s.nodeView);
  const error = useLive((s) => s.nodeViewError);
  const hot = useLive((s) => s.hot);
  const showSystem = useStore((s) => s.showSystem);
  const select = useStore((s) => s.select);
  const cache = useRef<SlotCache>({});
  const [epoch, setEpoch] = useState(0);
  const graph = useMemo(() => {
    if (!view) return { nodes: [], edges: [] };
    const g = deriveInternals(view, cache.current, { showSystem, hot: new Set([...hot].filter(([, k]) => k !== 'removed').map(([key]) => key)) });
    cache.current = g.cache;
    return g;
    // `epoch` re-derives after "tidy up" cleared the cache.
  }, [view, showSystem, hot, epoch]);
  const podOf = (n: InternalsNode): string | undefined =>
    n.type === 'sandbox' ? n.data.key : n.parentId?.startsWith('sandbox:') ? n.parentId.slice('sandbox:'.length) : undefined;

  return (
    <Canvas<InternalsNode, LinkEdge>
      label={t('graph.nodeInternals')}
      nodes={graph.nodes}
      edges={graph.edges}
      nodeTypes={internalsNodeTypes}
      edgeTypes={edgeTypes}
      focus={focus}
      onFocus={(n) => {
        onFocus(!!n);
        const pod = n && podOf(n);
        if (pod) inspect(pod);
      }}
      onTidy={() => {
        cache.current = {};
        setEpoch((e) => e + 1);
      }}
      onNodeClick={(n) => inspect(podOf(n) ?? (n.id === 'kubelet' || n.id === 'proxy' || n.id === 'runtime' ? `Node//${view?.name}` : null))}
      onPaneClick={() => select(null)}
    >
      {!view && <div className="graph-empty">{error ?? t('graph.openingNode')}</div>}
    </Canvas>
  );
}
