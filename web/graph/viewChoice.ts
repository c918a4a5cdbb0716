// What the Canvas's "fit view" press shows, and which new nodes landed out of sight. Pure, so the
// choices are unit-tested without a browser (tests/unit/web/viewChoice.test.ts).
import type { Rect, Viewport } from '@xyflow/react';

export type FitTarget = 'frame' | 'whole';

export interface FitChoice {
  to: FitTarget;
  viewport: Viewport;
  /** A second press would show something else (the frame and the whole graph differ). */
  toggles: boolean;
}

/** Viewports a user could not tell apart: zoom within 2 %, offset within 4 screen px. */
export function sameView(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.zoom - b.zoom) <= 0.02 * b.zoom && Math.abs(a.x - b.x) <= 4 && Math.abs(a.y - b.y) <= 4;
}

/**
 * A press of "fit view": the view's own frame (the workload at a readable zoom), or, when that is
 * what is on screen already, the whole graph — so every press changes what is seen. Null when
 * both are on screen already (a graph small enough to show whole at a readable zoom).
 */
export function nextFit(now: Viewport, framed: Viewport | null, whole: Viewport): FitChoice | null {
  const toggles = !!framed && !sameView(framed, whole);
  if (framed && toggles && !sameView(now, framed)) return { to: 'frame', viewport: framed, toggles };
  if (!sameView(now, whole)) return { to: 'whole', viewport: whole, toggles };
  return null;
}

/** Whether the middle of `r` (graph coordinates) is outside the pane seen through `v`. */
export function outOfSight(r: Rect, v: Viewport, width: number, height: number): boolean {
  const x = (r.x + r.width / 2) * v.zoom + v.x;
  const y = (r.y + r.height / 2) * v.zoom + v.y;
  return x < 0 || y < 0 || x > width || y > height;
}

/** The viewport that brings `r` into sight: centred on it, zoomed out only as far as it needs. */
export function bringIntoSight(r: Rect, v: Viewport, width: number, height: number, minZoom: number): Viewport {
  const pad = 0.85;
  const zoom = Math.max(minZoom, Math.min(v.zoom, (width * pad) / Math.max(1, r.width), (height * pad) / Math.max(1, r.height)));
  return { zoom, x: width / 2 - (r.x + r.width / 2) * zoom, y: height / 2 - (r.y + r.height / 2) * zoom };
}
