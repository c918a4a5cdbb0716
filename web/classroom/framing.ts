// How a graph view is framed when it fits itself to the pane. By default the whole graph (the
// Canvas's own fit). A view may name the region that matters and the zoom below which its text
// is unreadable (the data path: KUBE-SERVICES and one Service's chains, not forty chains at 30 %).
// In presentation mode every view is framed at PRESENT_ZOOM or closer, on what the lesson step
// highlights if it shows here, else on the view's region, else on the workload (Services and pods, not the cluster's own):
// every label is then at least 16 CSS px on the projector (the presentation styles keep node text
// at ≥ 13 px, classroom.css). What does not fit stays a pan away.
import { getViewportForBounds, type Node, type Rect, type Viewport } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { create } from 'zustand';
import { useStore } from '../store/index.ts';

/** 13 px (the smallest node text in presentation mode) × 1.25 ≥ 16 CSS px. */
export const PRESENT_ZOOM = 1.25;
const PRESENT_MAX_ZOOM = 2;
const MAX_ZOOM = 1.25;
const PADDING = 0.06;
/** The cluster's own objects: not what a lesson is about unless it highlights them. */
export const SYSTEM = /^(Service\/default\/kubernetes|[A-Za-z]+\/kube-[a-z-]+\/)/;
/** Screen pixels kept free beside a region too big for the pane (its top-left corner shows). */
const EDGE = 18;

/** Matches React Flow node ids: exactly, or by prefix (`chain:nat/KUBE-SVC-`). */
export interface IdMatch {
  id: string;
  prefix: boolean;
}

/** What the current lesson step highlights, as node ids (LessonRunner sets it). */
export const useHighlights = create<{ ids: IdMatch[]; set: (ids: IdMatch[]) => void }>((set) => ({
  ids: [],
  set: (ids) => set({ ids }),
}));

/** A view's own idea of what to show first: a region and the zoom its text needs. */
export interface Focus {
  bounds: Rect;
  minZoom: number;
}

export type Frame<N extends Node> = (nodes: N[], width: number, height: number) => Viewport | null;

/** Bounds of the nodes `pick` accepts, in graph coordinates (children sit relative to parents). */
export function boundsOf<N extends Node>(nodes: N[], pick: (n: N) => boolean): Rect | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    if (!pick(n)) continue;
    let { x, y } = n.position;
    for (let p = n.parentId ? byId.get(n.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) {
      x += p.position.x;
      y += p.position.y;
    }
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + (n.width ?? 0));
    y1 = Math.max(y1, y + (n.height ?? 0));
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The viewport showing `bounds` at a zoom in [min, max]; too big for the pane, its top-left corner. */
export function frameBounds(bounds: Rect, width: number, height: number, minZoom: number, maxZoom: number): Viewport {
  const v = getViewportForBounds(bounds, width, height, minZoom, Math.max(minZoom, maxZoom), PADDING);
  if (bounds.width * v.zoom > width - 2 * EDGE) v.x = EDGE - bounds.x * v.zoom;
  if (bounds.height * v.zoom > height - 2 * EDGE) v.y = EDGE - bounds.y * v.zoom;
  return v;
}

export const matches = (ids: IdMatch[], id: string): boolean => ids.some((m) => (m.prefix ? id.startsWith(m.id) : id === m.id));

/**
 * The Canvas's frame for one view (null: fit the whole graph) and a key that changes whenever the
 * framing should be applied again (presentation switched, another step's highlights).
 */
export function useFraming<N extends Node>(focusOn?: (nodes: N[]) => Focus | null): { frame: Frame<N> | null; key: string } {
  const presenting = useStore((s) => s.presenting);
  const ids = useHighlights((s) => s.ids);
  const frame = useCallback<Frame<N>>((nodes, width, height) => {
    const own = focusOn?.(nodes) ?? null;
    if (!presenting) return own && frameBounds(own.bounds, width, height, own.minZoom, MAX_ZOOM);
    const region = (ids.length ? boundsOf(nodes, (n) => matches(ids, n.id)) : null)
      ?? own?.bounds
      ?? boundsOf(nodes, (n) => (n.type === 'service' || n.type === 'pod') && !SYSTEM.test(n.id))
      ?? boundsOf(nodes, (n) => !n.parentId);
    return region && frameBounds(region, width, height, Math.max(PRESENT_ZOOM, own?.minZoom ?? 0), PRESENT_MAX_ZOOM);
  }, [presenting, ids, focusOn]);
  const key = useMemo(() => `${presenting}|${ids.map((m) => m.id).join()}`, [presenting, ids]);
  return { frame: presenting || focusOn ? frame : null, key };
}
