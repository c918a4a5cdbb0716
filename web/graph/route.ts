// Orthogonal routing for Service → pod edges: down from the Service to a bus line above the
// nodes, along the bus, down the node's left gutter, then right into the pod. Pure geometry.

export interface Pt {
  x: number;
  y: number;
}

/** The corner points of an edge; the bus moves halfway down if the Service sits below it. */
export function endpointRoute(source: Pt, target: Pt, busY: number, gutter: number): Pt[] {
  const bus = source.y < busY && busY < target.y ? busY : (source.y + target.y) / 2;
  const gx = target.x - gutter;
  return [source, { x: source.x, y: bus }, { x: gx, y: bus }, { x: gx, y: target.y }, target];
}

/** An SVG path through the points with rounded corners; repeated and collinear points are dropped. */
export function roundedPath(points: Pt[], radius: number): string {
  const pts = points.filter((p, i) => {
    const a = points[i - 1];
    const b = points[i + 1];
    if (a && a.x === p.x && a.y === p.y) return false;
    return !(a && b && ((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y)));
  });
  if (pts.length < 2) return '';
  let d = `M ${pts[0]!.x} ${pts[0]!.y}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [a, p, b] = [pts[i - 1]!, pts[i]!, pts[i + 1]!];
    const r = Math.min(radius, Math.hypot(p.x - a.x, p.y - a.y) / 2, Math.hypot(b.x - p.x, b.y - p.y) / 2);
    const towards = (q: Pt) => {
      const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: p.x + ((q.x - p.x) / len) * r, y: p.y + ((q.y - p.y) / len) * r };
    };
    const [s, e] = [towards(a), towards(b)];
    d += ` L ${s.x} ${s.y} Q ${p.x} ${p.y} ${e.x} ${e.y}`;
  }
  const last = pts[pts.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}
