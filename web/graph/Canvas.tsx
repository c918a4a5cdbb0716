// The React Flow canvas every graph view uses: pan/zoom, fit-to-view that keeps following the
// graph until the user pans or zooms, a minimap, "tidy up", and jump-to-object for the search.
import { useTranslation } from 'react-i18next';
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  getViewportForBounds,
  type Edge,
  type EdgeTypes,
  type Node,
  type NodeChange,
  type NodeTypes,
  type ReactFlowInstance,
  useStore as useFlowStore,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useFraming, type Focus } from '../classroom/framing.ts';
import { graphBounds } from './selectors.ts';

const fitOptions = { padding: 0.08, maxZoom: 1.25 };
/**
 * Above this many nodes only those in view are rendered. Below it every node stays mounted:
 * culling a few dozen costs more than it saves (each pan mounts and unmounts nodes at the edges).
 */
const CULL_FROM = 400;
/** Low enough to fit a 50-node cluster whole (its pods then drawn as summaries). */
const MIN_ZOOM = 0.02;
/** Below this pane size the minimap is left out: it would cover a good part of the graph. */
const MINIMAP_MIN_W = 640;
const MINIMAP_MIN_H = 480;
/** Below this zoom a view is "far": text is unreadable, so views may draw less (with a little hysteresis). */
export const FAR_ZOOM = 0.3;
const FAR_IN = FAR_ZOOM - 0.02;
const FAR_OUT = FAR_ZOOM + 0.02;

/** Reports when the zoom crosses FAR_ZOOM; re-renders only then, not on every frame of a pan. */
function ZoomBand({ onChange }: { onChange: (far: boolean) => void }) {
  const band = useFlowStore((s) => (s.transform[2] < FAR_IN ? 'far' : s.transform[2] > FAR_OUT ? 'near' : 'mid'));
  useEffect(() => {
    if (band !== 'mid') onChange(band === 'far');
  }, [band, onChange]);
  return null;
}

export interface FocusRequest {
  text: string;
  seq: number;
}

interface CanvasProps<N extends Node, E extends Edge> {
  label: string;
  nodes: N[];
  edges: E[];
  nodeTypes: NodeTypes;
  edgeTypes: EdgeTypes;
  onNodesChange?: (changes: NodeChange<N>[]) => void;
  onNodeClick?: (node: N) => void;
  onPaneClick?: () => void;
  onTidy?: () => void;
  /** Centre on the first node whose label or id contains the text; reports whether one did. */
  focus?: FocusRequest | null;
  onFocus?: (node: N | null) => void;
  /** A change of this number fits the whole graph into view again (and follows it). */
  refit?: number;
  /** The snapshot revision the nodes show (data-revision: benchmarks wait for it to be drawn). */
  revision?: number;
  /** Told when the zoom goes below FAR_ZOOM (true) or back above it (false). */
  onFar?: (far: boolean) => void;
  /** What the search looks in, when not (only) the nodes drawn now (e.g. pods inside summaries). */
  searchable?: () => N[];
  /** Zoomed out below this, a click on a node also brings it up to this zoom (its text readable). */
  readableZoom?: number;
  /** The region to show first, and the zoom its text needs (instead of the whole graph); framing.ts. */
  focusOn?: (nodes: N[]) => Focus | null;
  children?: ReactNode;
}

/** Absolute position of a node (children are placed relative to their parent). */
function absolute<N extends Node>(byId: Map<string, N>, n: N): { x: number; y: number } {
  let { x, y } = n.position;
  for (let p = n.parentId ? byId.get(n.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) {
    x += p.position.x;
    y += p.position.y;
  }
  return { x, y };
}

export function Canvas<N extends Node, E extends Edge>(props: CanvasProps<N, E>) {
  const { t } = useTranslation();
  const { nodes, focus, onFocus } = props;
  const flow = useRef<ReactFlowInstance<N, E> | null>(null);
  const pane = useRef<HTMLDivElement>(null);
  // The pane's size as the ResizeObserver last saw it: reading clientWidth after each new graph
  // would force a layout in the middle of the commit (a few ms per snapshot).
  const size = useRef<{ width: number; height: number } | null>(null);
  const paneSize = useCallback(() => (size.current ??= pane.current && { width: pane.current.clientWidth, height: pane.current.clientHeight }), []);
  const autoFit = useRef(true);
  const firstFit = useRef(true);
  const latest = useRef(nodes);
  latest.current = nodes;
  const [far, setFar] = useState(false);
  // Handlers reach React Flow as stable functions: a new one per render would re-render every
  // node wrapper (they take the click handler as a prop) at every snapshot.
  const handlers = useRef(props);
  handlers.current = props;
  // Presentation mode and a view's own focus frame the graph (framing.ts); null: the whole graph.
  const framing = useFraming(props.focusOn);
  const frame = useRef(framing.frame);
  frame.current = framing.frame;
  const onBand = useCallback((f: boolean) => {
    setFar(f);
    handlers.current.onFar?.(f);
  }, []);
  const onNodeClick = useCallback((_: unknown, node: N) => {
    handlers.current.onNodeClick?.(node);
    const readable = handlers.current.readableZoom;
    if (!readable || !flow.current || flow.current.getZoom() >= readable) return;
    autoFit.current = false;
    const at = absolute(new Map(latest.current.map((n) => [n.id, n])), node);
    void flow.current.setCenter(at.x + (node.width ?? 0) / 2, at.y + (node.height ?? 0) / 2, { zoom: readable, duration: 300 });
  }, []);
  const onPaneClick = useCallback(() => handlers.current.onPaneClick?.(), []);
  const onMove = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) autoFit.current = false; // a user pan or zoom; a click on a node does not move
  }, []);

  // Bounds come from the layout, not from React Flow's measurements: off-screen nodes are not
  // rendered (onlyRenderVisibleElements), so they would never be measured and never fitted.
  const fit = useCallback((duration: number) => {
    const bounds = graphBounds(latest.current);
    const at = paneSize();
    if (!autoFit.current || !flow.current || !at || !bounds) return;
    const framed = frame.current?.(latest.current, at.width, at.height);
    void flow.current.setViewport(framed ?? getViewportForBounds(bounds, at.width, at.height, MIN_ZOOM, fitOptions.maxZoom, fitOptions.padding), { duration });
  }, [paneSize]);
  // Follows the graph when its outline changes (not at every snapshot: an animated fit costs a
  // frame of work per step).
  const fitted = useRef('');
  useEffect(() => {
    const b = graphBounds(nodes);
    let outline = b ? `${b.x} ${b.y} ${b.width} ${b.height}` : '';
    // A view's own region may move while the whole outline stays (a ghost holding a corner).
    const at = paneSize();
    const own = at && frame.current?.(nodes, at.width, at.height);
    if (own) outline += ` ${own.x} ${own.y} ${own.zoom}`;
    if (outline === fitted.current) return;
    fitted.current = outline;
    fit(firstFit.current ? 0 : 250);
    if (nodes.length) firstFit.current = false;
  }, [nodes, fit, paneSize]);
  // A small pane (a 1280×720 laptop) gives the minimap's corner back to the graph.
  const [roomy, setRoomy] = useState(true);
  useEffect(() => {
    const observer = new ResizeObserver(() => {
      size.current = null;
      const at = paneSize();
      fit(0);
      if (at) setRoomy(at.width >= MINIMAP_MIN_W && at.height >= MINIMAP_MIN_H);
    });
    if (pane.current) observer.observe(pane.current);
    return () => observer.disconnect();
  }, [fit, paneSize]);

  useEffect(() => {
    if (!props.refit) return;
    autoFit.current = true;
    fit(250);
  }, [props.refit, fit]);
  useEffect(() => {
    autoFit.current = true;
    fit(250);
  }, [framing.key, fit]);

  useEffect(() => {
    if (!focus?.text) return;
    const q = focus.text.toLowerCase();
    const all = props.searchable?.() ?? latest.current;
    const hit = all.find((n) => (n.ariaLabel ?? '').toLowerCase().split(' ').pop() === q) ?? all.find((n) => `${n.ariaLabel ?? ''} ${n.id}`.toLowerCase().includes(q));
    onFocus?.(hit ?? null);
    if (!hit || !flow.current) return;
    autoFit.current = false;
    const at = absolute(new Map(all.map((n) => [n.id, n])), hit);
    void flow.current.setCenter(at.x + (hit.width ?? 0) / 2, at.y + (hit.height ?? 0) / 2, { zoom: Math.max(flow.current.getZoom(), 1), duration: 400 });
    // Only `seq` asks again: the same text twice is two requests.
  }, [focus?.seq]);

  return (
    <div className={far ? 'flow-host far' : 'flow-host'} ref={pane} aria-label={props.label} data-revision={props.revision}>
      <ReactFlow<N, E>
        nodes={nodes}
        edges={props.edges}
        nodeTypes={props.nodeTypes}
        edgeTypes={props.edgeTypes}
        onNodesChange={props.onNodesChange}
        onMove={onMove}
        onInit={(instance) => {
          flow.current = instance;
          fit(0);
        }}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodesConnectable={false}
        onlyRenderVisibleElements={nodes.length > CULL_FROM}
        edgesFocusable={false}
        minZoom={MIN_ZOOM}
      >
        <ZoomBand onChange={onBand} />
        {/* Zoomed far out the dots would be a dense haze, repainted at every frame of a pan. */}
        {!far && <Background gap={24} color="#d5dbe5" />}
        {roomy && <MiniMap pannable zoomable ariaLabel={t('graph.minimap', { label: props.label })} nodeStrokeWidth={3} style={{ width: 132, height: 88 }} />}
        <Controls
          showInteractive={false}
          fitViewOptions={fitOptions}
          onFitView={() => {
            autoFit.current = true; // "fit view" also means: keep following the graph
            fit(250);
          }}
        >
          {props.onTidy && (
            <ControlButton
              onClick={() => {
                autoFit.current = true;
                props.onTidy!();
              }}
              aria-label={t('graph.tidy')}
              title={t('graph.tidyTitle')}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9 9h5v5H9z" />
              </svg>
            </ControlButton>
          )}
        </Controls>
      </ReactFlow>
      {props.children}
    </div>
  );
}
