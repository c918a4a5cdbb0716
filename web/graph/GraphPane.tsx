// The live cluster graph. Nodes are derived from the snapshot (selectors.ts) and merged into
// local state so React Flow keeps measurements, selection and drags between snapshots.
import {
  Background,
  Controls,
  ReactFlow,
  applyNodeChanges,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../store/index.ts';
import { nodeTypes } from './nodes.tsx';
import { deriveGraph, emptyCache, moveInCache, reuseNodes, sourceOf, type AppNode, type EndpointEdge } from './selectors.ts';

const fitOptions = { padding: 0.12, maxZoom: 1.1 };

export function GraphPane() {
  const snapshot = useStore((s) => s.snapshot);
  const select = useStore((s) => s.select);
  const revealInEditor = useStore((s) => s.revealInEditor);
  const cache = useRef(emptyCache());
  const [moves, setMoves] = useState(0);
  const graph = useMemo(() => {
    const g = deriveGraph(snapshot, cache.current);
    cache.current = g.cache;
    return g;
    // `moves` re-derives after a drag so the cache and the rendered nodes agree.
  }, [snapshot, moves]); // eslint-disable-line react-hooks/exhaustive-deps

  const [nodes, setNodes] = useState<AppNode[]>([]);
  useEffect(() => setNodes((prev) => reuseNodes(prev, graph.nodes)), [graph]);

  const onNodesChange = useCallback((changes: NodeChange<AppNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    for (const c of changes) {
      if (c.type === 'position' && c.position && c.dragging === false) {
        cache.current = moveInCache(cache.current, c.id, c.position);
        setMoves((m) => m + 1);
      }
    }
  }, []);

  // Fit the view when the cluster first appears; afterwards the user's viewport is theirs.
  const flow = useRef<ReactFlowInstance<AppNode, EndpointEdge> | null>(null);
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || !flow.current || nodes.length === 0) return;
    fitted.current = true;
    requestAnimationFrame(() => void flow.current?.fitView(fitOptions));
  }, [nodes]);

  return (
    <section className="graph-pane" aria-label="Cluster graph">
      <ReactFlow<AppNode, EndpointEdge>
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onInit={(instance) => (flow.current = instance)}
        onNodeClick={(_, node) => {
          select(node.id);
          const src = snapshot && sourceOf(snapshot, node.id);
          if (src) revealInEditor(src.file, src.line, src.col);
        }}
        onPaneClick={() => select(null)}
        nodesConnectable={false}
        edgesFocusable={false}
        minZoom={0.2}
      >
        <Background gap={24} color="#d5dbe5" />
        <Controls showInteractive={false} fitViewOptions={fitOptions} />
      </ReactFlow>
      {!snapshot && <div className="graph-empty">Starting the simulated cluster…</div>}
    </section>
  );
}
