// The React Flow canvas every graph view uses: pan/zoom, fit-to-view that keeps following the
// graph until the user pans or zooms (a press shows the view's frame, or the whole graph when the
// frame is on screen already), a notice with "show" when an edit adds something out of sight, a
// minimap, "tidy up", and jump-to-object for the search.
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
  type Viewport,
  useStore as useFlowStore,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { boundsOf, useFraming, type Focus } from '../classroom/framing.ts';
import { graphBounds } from './selectors.ts';
import { bringIntoSight, nextFit, outOfSight, type FitTarget } from './viewChoice.ts';

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
  const target = useCallback((to: FitTarget): Viewport | null => {
    const bounds = graphBounds(latest.current);
    const at = paneSize();
    if (!at || !bounds) return null;
    const framed = to === 'frame' ? frame.current?.(latest.current, at.width, at.height) : null;
    return framed ?? getViewportForBounds(bounds, at.width, at.height, MIN_ZOOM, fitOptions.maxZoom, fitOptions.padding);
  }, [paneSize]);
  // What the fit follows: the view's frame, or the whole graph once "fit view" asked for it.
  const fitTo = useRef<FitTarget>('frame');
  const fit = useCallback((duration: number) => {
    const v = autoFit.current && flow.current ? target(fitTo.current) : null;
    if (v) void flow.current!.setViewport(v, { duration });
  }, [target]);
  // Says what a press of "fit view" did (and what the next one would), or that all is in view.
  const [note, setNote] = useState<{ text: string; seq: number } | null>(null);
  useEffect(() => {
    if (!note) return;
    const t = setTimeout(() => setNote(null), 2600);
    return () => clearTimeout(t);
  }, [note]);
  const pressFit = useCallback(() => {
    if (!flow.current) return;
    const whole = target('whole');
    if (!whole) return;
    const choice = nextFit(flow.current.getViewport(), target('frame'), whole);
    autoFit.current = true; // "fit view" also means: keep following the graph
    const text = !choice ? 'graph.fitAlready' : choice.to === 'frame' ? 'graph.fitFramed' : choice.toggles ? 'graph.fitWhole' : 'graph.fitWholeOnly';
    setNote((n) => ({ text, seq: (n?.seq ?? 0) + 1 }));
    if (!choice) return;
    fitTo.current = choice.to;
    void flow.current.setViewport(choice.viewport, { duration: 300 });
  }, [target]);
  // An edit added something out of sight: a notice with "show" (the view never moves by itself for
  // it — typing would yank it about). Looked at once the fit that follows the edit has ended.
  const [away, setAway] = useState<{ ids: string[]; label: string; more: number } | null>(null);
  const told = useRef(new Set<string>());
  const looking = useRef<ReturnType<typeof setTimeout>>(undefined);
  const opened = useRef(false);
  useEffect(() => {
    const isNew = (n: N) => !!n.className?.includes('chg-added');
    // What is new when the view opens is not news of this view (the data path after a new Service).
    if (!opened.current) {
      if (nodes.length) opened.current = true;
      for (const n of nodes) if (isNew(n)) told.current.add(n.id);
      return;
    }
    if (looking.current || !nodes.some((n) => isNew(n) && !told.current.has(n.id))) return;
    looking.current = setTimeout(() => {
      looking.current = undefined;
      if (!flow.current || !pane.current) return;
      const all = latest.current;
      const byId = new Map(all.map((n) => [n.id, n]));
      const fresh = all.filter((n) => isNew(n) && !told.current.has(n.id));
      // Remembered while highlighted: added again by a later edit, it is news again.
      const hot = new Set(all.filter(isNew).map((n) => n.id));
      for (const id of told.current) if (!hot.has(id)) told.current.delete(id);
      fresh.forEach((n) => told.current.add(n.id));
      const v = flow.current.getViewport();
      const out = fresh.filter((n) => outOfSight({ ...absolute(byId, n), width: n.width ?? 0, height: n.height ?? 0 }, v, pane.current!.clientWidth, pane.current!.clientHeight));
      if (out.length) setAway({ ids: out.map((n) => n.id), label: (out[0]!.ariaLabel ?? out[0]!.id).split(':')[0]!, more: out.length - 1 });
    }, 900);
  }, [nodes]);
  useEffect(() => () => clearTimeout(looking.current), []);
  useEffect(() => {
    if (!away) return;
    const t = setTimeout(() => setAway(null), 12000);
    return () => clearTimeout(t);
  }, [away]);
  const showAway = useCallback(() => {
    const ids = away?.ids ?? [];
    setAway(null);
    const byId = new Map(latest.current.map((n) => [n.id, n]));
    const bounds = boundsOf(latest.current, (n) => ids.includes(n.id));
    if (!bounds || !flow.current || !pane.current) return;
    autoFit.current = false;
    void flow.current.setViewport(bringIntoSight(bounds, flow.current.getViewport(), pane.current.clientWidth, pane.current.clientHeight, MIN_ZOOM), { duration: 400 }).then(() => {
      // A brief pulse on what was added (data-pulse: React leaves attributes it did not set alone).
      const els = ids.filter((id) => byId.has(id)).map((id) => pane.current?.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)).filter((e): e is Element => !!e);
      els.forEach((e) => e.setAttribute('data-pulse', ''));
      setTimeout(() => els.forEach((e) => e.removeAttribute('data-pulse')), 2000);
    });
  }, [away]);
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
    fitTo.current = 'frame';
    fit(250);
  }, [props.refit, fit]);
  useEffect(() => {
    autoFit.current = true;
    fitTo.current = 'frame';
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
        {/* Our own fit button: React Flow's queues its own whole-graph fit for the next frame,
            which would override whatever this press chose. */}
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton className="react-flow__controls-fitview" onClick={pressFit} aria-label={t('graph.fitView')} title={t('graph.fitViewTitle')}>
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M1 1h5v2H3v3H1zM10 1h5v5h-2V3h-3zM1 10h2v3h3v2H1zM13 10h2v5h-5v-2h3z" />
            </svg>
          </ControlButton>
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
      {away && (
        <div className="away-note" role="status">
          <span>{away.more ? t('graph.addedAwayMany', { what: away.label, n: away.more }) : t('graph.addedAway', { what: away.label })}</span>
          <button type="button" className="act" onClick={showAway}>{t('graph.showAdded')}</button>
          <button type="button" className="away-close" onClick={() => setAway(null)} aria-label={t('graph.dismiss')}>×</button>
        </div>
      )}
      {note && <div key={note.seq} className="fit-note" role="status">{t(note.text as 'graph.fitFramed')}</div>}
      {props.children}
    </div>
  );
}
