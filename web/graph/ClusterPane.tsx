// The cluster view. Nodes are derived from the snapshot (selectors.ts) and merged into local
// state so React Flow keeps measurements, selection and drags between snapshots. What the last
// edit touched is highlighted; pods it removed linger a moment as ghosts where they were.
import { useTranslation } from 'react-i18next';
import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../store/index.ts';
import { Canvas, type FocusRequest } from './Canvas.tsx';
import { edgeTypes } from './edges.tsx';
import { useJourney } from './journey.ts';
import { inspect, useLive } from './live.ts';
import { nodeTypes } from './nodes.tsx';
import { deriveGraph, emptyCache, moveInCache, reuseNodes, sourceOf, type AppNode, type EndpointEdge, type PodFlowNode } from './selectors.ts';

/** Where every pod was last drawn (absolute), so a pod that vanishes can linger as a ghost. */
function remember(seen: Map<string, PodFlowNode>, nodes: AppNode[], hot: Map<string, string>): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    if (n.type !== 'pod') continue;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const position = parent ? { x: parent.position.x + n.position.x, y: parent.position.y + n.position.y } : n.position;
    seen.set(n.id, { ...n, parentId: undefined, position });
  }
  for (const id of seen.keys()) if (!byId.has(id) && !hot.has(id)) seen.delete(id);
}

function ghosts(seen: Map<string, PodFlowNode>, hot: Map<string, string>): AppNode[] {
  const out: AppNode[] = [];
  for (const [key, how] of hot) {
    const n = seen.get(key);
    if (how === 'removed' && n) out.push({ ...n, id: `ghost:${key}`, className: 'chg-removed', selectable: false, data: { ...n.data, status: 'Deleted' } });
  }
  return out;
}

export function ClusterPane({ focus, onFocus }: { focus: FocusRequest | null; onFocus: (found: boolean) => void }) {
  const { t } = useTranslation();
  const snapshot = useStore((s) => s.snapshot);
  const select = useStore((s) => s.select);
  const revealInEditor = useStore((s) => s.revealInEditor);
  const showSystem = useStore((s) => s.showSystem);
  const hot = useLive((s) => s.hot);
  const journeys = useJourney((s) => s.seq);
  const cache = useRef(emptyCache());
  const [moves, setMoves] = useState(0);
  const graph = useMemo(() => {
    const g = deriveGraph(snapshot, cache.current, { showSystem, hot });
    cache.current = g.cache;
    return g;
    // `moves` re-derives after a drag or a tidy-up, so the cache and the rendered nodes agree.
  }, [snapshot, moves, showSystem, hot]);

  const [nodes, setNodes] = useState<AppNode[]>([]);
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const seen = useRef(new Map<string, PodFlowNode>());
  useEffect(() => {
    const gone = ghosts(seen.current, hot);
    remember(seen.current, graph.nodes, hot);
    setNodes((prev) => [...reuseNodes(prev.filter((n) => !n.id.startsWith('ghost:')), graph.nodes), ...gone]);
    setRevision(snapshot?.revision);
  }, [graph, hot]);

  const onNodesChange = useCallback((changes: NodeChange<AppNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    for (const c of changes) {
      if (c.type === 'position' && c.position && c.dragging === false) {
        cache.current = moveInCache(cache.current, c.id, c.position);
        setMoves((m) => m + 1);
      }
    }
  }, []);

  // Positions are sticky by design; this starts the layout afresh when it has drifted apart.
  const tidy = useCallback(() => {
    cache.current = emptyCache();
    setMoves((m) => m + 1);
  }, []);

  return (
    <Canvas<AppNode, EndpointEdge>
      label={t('graph.label')}
      revision={revision}
      nodes={nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onTidy={tidy}
      refit={journeys}
      focus={focus}
      onFocus={(n) => {
        onFocus(!!n);
        if (n && !n.id.startsWith('group:')) inspect(n.id);
      }}
      onNodeClick={(node) => {
        if (node.id.startsWith('ghost:') || node.id.startsWith('group:')) return;
        inspect(node.id);
        const src = snapshot && sourceOf(snapshot, node.id);
        if (src) revealInEditor(src.file, src.line, src.col);
      }}
      onPaneClick={() => select(null)}
    >
      {!snapshot && <div className="graph-empty">{t('graph.starting')}</div>}
    </Canvas>
  );
}
