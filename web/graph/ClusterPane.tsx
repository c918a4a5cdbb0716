// The cluster view. Nodes are derived from the snapshot (selectors.ts) and merged with React
// Flow's copies (selection, drags) in the same render, so a new snapshot is one commit. What the
// last edit touched is highlighted; pods it removed linger a moment as ghosts where they were.
// Zoomed out on a big cluster (below FAR_ZOOM) pods are drawn as cells of their node's summary.
import { useTranslation } from 'react-i18next';
import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../store/index.ts';
import { Canvas, type FocusRequest } from './Canvas.tsx';
import { READABLE_ZOOM, workloadFocus } from './clusterFocus.ts';
import { edgeTypes } from './edges.tsx';
import { useJourney } from './journey.ts';
import { inspect, useLive } from './live.ts';
import { nodeTypes } from './nodes.tsx';
import { deriveGraph, emptyCache, mergeNodes, moveInCache, sourceOf, type AppNode, type EndpointEdge, type Graph, type PodFlowNode } from './selectors.ts';

/** The pods drawn last (as derived: position relative to their parent) and their parents' places. */
interface Seen {
  pods: Map<string, PodFlowNode>;
  parents: Map<string, { x: number; y: number }>;
}

/** Remembers where every pod was drawn, so a pod that vanishes can linger as a ghost. */
function remember(seen: Seen, nodes: AppNode[], hot: Map<string, string>): void {
  const now = new Set<string>();
  for (const n of nodes) {
    now.add(n.id);
    if (n.type === 'pod') seen.pods.set(n.id, n);
    else if (!n.parentId) seen.parents.set(n.id, n.position);
  }
  for (const id of seen.pods.keys()) if (!now.has(id) && !hot.has(id)) seen.pods.delete(id);
}

function ghosts(seen: Seen, hot: Map<string, string>): AppNode[] {
  const out: AppNode[] = [];
  for (const [key, how] of hot) {
    const n = how === 'removed' ? seen.pods.get(key) : undefined;
    if (!n) continue;
    const parent = n.parentId ? seen.parents.get(n.parentId) : undefined;
    const position = parent ? { x: parent.x + n.position.x, y: parent.y + n.position.y } : n.position;
    out.push({ ...n, id: `ghost:${key}`, parentId: undefined, position, className: 'chg-removed', selectable: false, data: { ...n.data, status: 'Deleted' } });
  }
  return out;
}

/** Above this many API objects the graph is derived in a render of its own. */
const DEFER_FROM = 600;

/**
 * `value`, from the next task on (when `on`): the render that uses it is an update of its own,
 * at default priority — one task, not time-sliced like a transition (which under load spread the
 * graph's render over several frames).
 */
function useNextTask<T>(value: T, on: boolean): T {
  const [held, setHeld] = useState(value);
  useEffect(() => {
    if (on) setHeld(() => value);
  }, [value, on]);
  return on ? held : value;
}

interface Drawn {
  graph: Graph | null;
  nodes: AppNode[];
  revision: number | undefined;
}

export const ClusterPane = memo(function ClusterPane({ focus, onFocus }: { focus: FocusRequest | null; onFocus: (found: boolean) => void }) {
  const { t } = useTranslation();
  // A big cluster's graph follows a new snapshot in a render of its own, one task later: the
  // message that brought the snapshot ends sooner, and the status and time bars show it at once.
  // A small one is drawn in the same render (no extra hop: it costs next to nothing).
  const latest = useStore((s) => s.snapshot);
  const latestHot = useLive((s) => s.hot);
  const big = (latest?.objects.length ?? 0) > DEFER_FROM;
  const snapshot = useNextTask(latest, big);
  const hot = useNextTask(latestHot, big);
  const select = useStore((s) => s.select);
  // Presentation mode frames the lesson's workload itself (framing.ts).
  const presenting = useStore((s) => s.presenting);
  const revealInEditor = useStore((s) => s.revealInEditor);
  const showSystem = useStore((s) => s.showSystem);
  const journeys = useJourney((s) => s.seq);
  const [far, setFar] = useState(false);
  const cache = useRef(emptyCache());
  const [moves, setMoves] = useState(0);
  const graph = useMemo(() => {
    const g = deriveGraph(snapshot, cache.current, { showSystem, hot, summary: far });
    cache.current = g.cache;
    return g;
    // `moves` re-derives after a drag or a tidy-up, so the cache and the rendered nodes agree.
  }, [snapshot, moves, showSystem, hot, far]);

  // A new graph is merged into what React Flow holds during this render (no second commit).
  const seen = useRef<Seen>({ pods: new Map(), parents: new Map() });
  const [drawn, setDrawn] = useState<Drawn>({ graph: null, nodes: [], revision: undefined });
  let current = drawn;
  if (drawn.graph !== graph) {
    const gone = graph.summary ? [] : ghosts(seen.current, hot);
    if (!graph.summary) remember(seen.current, graph.nodes, hot);
    const kept = drawn.nodes.filter((n) => !n.id.startsWith('ghost:'));
    current = { graph, nodes: [...mergeNodes(kept, drawn.graph?.cache.drawn?.nodes, graph.nodes), ...gone], revision: snapshot?.revision };
    setDrawn(current);
  }

  const onNodesChange = useCallback((changes: NodeChange<AppNode>[]) => {
    setDrawn((d) => ({ ...d, nodes: applyNodeChanges(changes, d.nodes) }));
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

  // The search finds pods inside summaries too: it looks in the full graph (built on demand).
  const searchable = useCallback(
    () => (graph.summary ? deriveGraph(snapshot, { ...cache.current, drawn: undefined }, { showSystem }).nodes : current.nodes),
    [graph, snapshot, showSystem, current.nodes],
  );

  return (
    <Canvas<AppNode, EndpointEdge>
      label={t('graph.label')}
      revision={current.revision}
      nodes={current.nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onTidy={tidy}
      onFar={setFar}
      searchable={searchable}
      refit={journeys}
      focusOn={presenting ? undefined : workloadFocus}
      readableZoom={READABLE_ZOOM}
      focus={focus}
      onFocus={(n) => {
        onFocus(!!n);
        if (n && !n.id.startsWith('group:')) inspect(n.id);
      }}
      onNodeClick={(node) => {
        if (node.id.startsWith('ghost:') || node.id.startsWith('group:')) return;
        inspect(node.id);
        const now = useStore.getState().snapshot;
        const src = now && sourceOf(now, node.id);
        if (src) revealInEditor(src.file, src.line, src.col);
      }}
      onPaneClick={() => select(null)}
    >
      {!snapshot && <div className="graph-empty">{t('graph.starting')}</div>}
    </Canvas>
  );
});
