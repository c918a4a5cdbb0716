// What the cluster view shows first (its Canvas `focusOn`): not the whole cluster fitted into the
// pane — that leaves pod text at 4–7 px at the default split — but the user's part of it at a zoom
// its text can be read at. What does not fit is a pan (or "fit view") away.
import { SYSTEM, boundsOf, type Focus } from '../classroom/framing.ts';
import { SUMMARY_MIN_PODS, type AppNode } from './selectors.ts';

/** The smallest pod text (13 px, app.css) is 11 px or more on screen at this zoom. */
export const READABLE_ZOOM = 0.86;

/**
 * The worker nodes, pods waiting for one, and the user's Services (not the control plane, not the
 * cluster's own Services). A big cluster is fitted whole instead (null), and drawn as a summary.
 */
export function workloadFocus(nodes: AppNode[]): Focus | null {
  let pods = 0;
  for (const n of nodes) {
    if (n.type === 'pod' && ++pods >= SUMMARY_MIN_PODS) return null;
    if (n.type === 'services' || (n.type === 'node' && n.data.cells)) return null;
  }
  const bounds = boundsOf(nodes, (n) => (n.type === 'node' && !n.data.controlPlane) || n.type === 'unscheduled' || (n.type === 'service' && !SYSTEM.test(n.id)));
  return bounds && { bounds, minZoom: READABLE_ZOOM };
}
