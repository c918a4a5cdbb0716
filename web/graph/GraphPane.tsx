// The live cluster graph. Nodes are derived from the snapshot (selectors.ts) and merged into
// local state so React Flow keeps measurements, selection and drags between snapshots.
import {
  Background,
  ControlButton,
  Controls,
  ReactFlow,
  applyNodeChanges,
  getViewportForBounds,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../store/index.ts';
import { edgeTypes } from './edges.tsx';
import { nodeTypes } from './nodes.tsx';
import { deriveGraph, emptyCache, moveInCache, graphBounds, reuseNodes, sourceOf, type AppNode, type EndpointEdge } from './selectors.ts';

const fitOptions = { padding: 0.1, maxZoom: 1.25 };
const MIN_ZOOM = 0.2;

export function GraphPane() {
  const snapshot = useStore((s) => s.snapshot);
  const select = useStore((s) => s.select);
  const revealInEditor = useStore((s) => s.revealInEditor);
  const showSystem = useStore((s) => s.showSystem);
  const toggleSystem = useStore((s) => s.toggleSystem);
  const cache = useRef(emptyCache());
  const flow = useRef<ReactFlowInstance<AppNode, EndpointEdge> | null>(null);
  const autoFit = useRef(true);
  const firstFit = useRef(true);
  const [moves, setMoves] = useState(0);
  const graph = useMemo(() => {
    const g = deriveGraph(snapshot, cache.current, { showSystem });
    cache.current = g.cache;
    return g;
    // `moves` re-derives after a drag or a tidy-up, so the cache and the rendered nodes agree.
  }, [snapshot, moves, showSystem]);

  const [nodes, setNodes] = useState<AppNode[]>([]);
  useEffect(() => setNodes((prev) => reuseNodes(prev, graph.nodes)), [graph]);

  const onNodesChange = useCallback((changes: NodeChange<AppNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    for (const c of changes) {
      if (c.type === 'position' && c.dragging) autoFit.current = false;
      if (c.type === 'position' && c.position && c.dragging === false) {
        cache.current = moveInCache(cache.current, c.id, c.position);
        setMoves((m) => m + 1);
      }
    }
  }, []);

  // Keep the whole cluster in view as it changes, until the user pans, zooms or drags.
  // Bounds come from the layout, not from React Flow's measurements: off-screen nodes are not
  // rendered (onlyRenderVisibleElements), so they would never be measured and never fitted.
  const pane = useRef<HTMLDivElement>(null);
  const fit = useCallback((nodes: AppNode[], duration: number) => {
    const bounds = graphBounds(nodes);
    if (!autoFit.current || !flow.current || !pane.current || !bounds) return;
    const { clientWidth, clientHeight } = pane.current;
    const viewport = getViewportForBounds(bounds, clientWidth, clientHeight, MIN_ZOOM, fitOptions.maxZoom, fitOptions.padding);
    void flow.current.setViewport(viewport, { duration });
  }, []);
  useEffect(() => {
    fit(graph.nodes, firstFit.current ? 0 : 250);
    if (graph.nodes.length) firstFit.current = false;
  }, [graph, fit]);
  const latest = useRef(graph.nodes);
  latest.current = graph.nodes;
  useEffect(() => {
    const observer = new ResizeObserver(() => fit(latest.current, 0));
    if (pane.current) observer.observe(pane.current);
    return () => observer.disconnect();
  }, [fit]);

  // Positions are sticky by design; this starts the layout afresh when it has drifted apart.
  const tidy = useCallback(() => {
    cache.current = emptyCache();
    autoFit.current = true;
    setMoves((m) => m + 1);
  }, []);

  return (
    <section className="graph-pane" aria-label="Cluster graph">
      <div className="pane-bar">
        <span className="pane-title">Cluster</span>
        <button type="button" className="graph-toggle" aria-pressed={showSystem} onClick={toggleSystem}>
          {showSystem ? 'Hide' : 'Show'} system pods
        </button>
      </div>
      <div className="flow-host" ref={pane}>
        <ReactFlow<AppNode, EndpointEdge>
          nodes={nodes}
          edges={graph.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onMove={(event) => {
            if (event) autoFit.current = false; // a user pan or zoom; a click on a node does not move
          }}
          onInit={(instance) => {
            flow.current = instance;
            fit(latest.current, 0);
          }}
          onNodeClick={(_, node) => {
            select(node.id);
            const src = snapshot && sourceOf(snapshot, node.id);
            if (src) revealInEditor(src.file, src.line, src.col);
          }}
          onPaneClick={() => select(null)}
          nodesConnectable={false}
          onlyRenderVisibleElements
          edgesFocusable={false}
          minZoom={MIN_ZOOM}
        >
          <Background gap={24} color="#d5dbe5" />
          <Controls
            showInteractive={false}
            fitViewOptions={fitOptions}
            onFitView={() => {
              autoFit.current = true; // "fit view" also means: keep following the cluster
              fit(latest.current, 250);
            }}
          >
            <ControlButton onClick={tidy} aria-label="Tidy up the layout" title="Tidy up the layout (forget positions)">
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9 9h5v5H9z" />
              </svg>
            </ControlButton>
          </Controls>
        </ReactFlow>
        {!snapshot && <div className="graph-empty">Starting the simulated cluster…</div>}
      </div>
    </section>
  );
}
