// How a graph view is framed (web/classroom/framing.ts) and which theme is in force (themes.ts).
import { describe, expect, it } from 'vitest';
import type { Node } from '@xyflow/react';
import { boundsOf, frameBounds, matches, PRESENT_ZOOM } from '../../../web/classroom/framing.ts';
import { parseTheme, themeOf } from '../../../web/classroom/themes.ts';

const box = (id: string, x: number, y: number, w: number, h: number, parentId?: string): Node =>
  ({ id, position: { x, y }, width: w, height: h, data: {}, ...(parentId ? { parentId } : {}) });
const nodes = [box('node', 100, 200, 300, 400), box('pod', 20, 50, 200, 80, 'node'), box('svc', 600, 0, 160, 90)];

describe('boundsOf', () => {
  const cases: { name: string; given: string[]; want: ReturnType<typeof boundsOf> }[] = [
    { name: 'a child sits relative to its parent', given: ['pod'], want: { x: 120, y: 250, width: 200, height: 80 } },
    { name: 'several boxes: their union', given: ['pod', 'svc'], want: { x: 120, y: 0, width: 640, height: 330 } },
    { name: 'none picked', given: [], want: null },
  ];
  for (const t of cases) it(t.name, () => expect(boundsOf(nodes, (n) => t.given.includes(n.id))).toEqual(t.want));
});

describe('frameBounds', () => {
  const cases: { name: string; given: { bounds: { x: number; y: number; width: number; height: number }; min: number; max: number }; want: { zoom: number; x?: number; y?: number } }[] = [
    // 200×100 in 1000×500 would fit at 4.4: the largest zoom allowed, centred.
    { name: 'small region: the largest zoom, centred', given: { bounds: { x: 0, y: 0, width: 200, height: 100 }, min: 1.25, max: 2 }, want: { zoom: 2, x: 300, y: 150 } },
    // 4000 wide would fit at 0.24; the smallest legible zoom wins and the left edge shows.
    { name: 'wide region: the smallest legible zoom, its left edge in view', given: { bounds: { x: 500, y: 0, width: 4000, height: 200 }, min: PRESENT_ZOOM, max: 2 }, want: { zoom: PRESENT_ZOOM, x: 18 - 500 * PRESENT_ZOOM } },
    { name: 'tall region: its top edge in view', given: { bounds: { x: 0, y: 300, width: 100, height: 3000 }, min: 1, max: 1.25 }, want: { zoom: 1, y: 18 - 300 } },
  ];
  for (const t of cases) it(t.name, () => expect(frameBounds(t.given.bounds, 1000, 500, t.given.min, t.given.max)).toMatchObject(t.want));
});

describe('matches', () => {
  const ids = [{ id: 'Service/default/web', prefix: false }, { id: 'chain:nat/KUBE-SVC-', prefix: true }];
  const cases = [
    { name: 'exact id', given: 'Service/default/web', want: true },
    { name: 'exact id is not a prefix', given: 'Service/default/web2', want: false },
    { name: 'prefix', given: 'chain:nat/KUBE-SVC-ABC', want: true },
  ];
  for (const t of cases) it(t.name, () => expect(matches(ids, t.given)).toBe(t.want));
});

describe('themes', () => {
  const cases: { name: string; given: { presenting: boolean; present: 'light' | 'dark'; url: string | null }; want: string }[] = [
    { name: 'the page: light by default', given: { presenting: false, present: 'dark', url: null }, want: 'light' },
    { name: 'the page: ?theme=dark', given: { presenting: false, present: 'light', url: 'dark' }, want: 'dark' },
    { name: 'the page: an unknown theme is light', given: { presenting: false, present: 'light', url: 'neon' }, want: 'light' },
    { name: 'presentation: high-contrast', given: { presenting: true, present: 'light', url: 'dark' }, want: 'high-contrast' },
    { name: 'presentation after T: dark', given: { presenting: true, present: 'dark', url: null }, want: 'dark' },
  ];
  for (const t of cases) it(t.name, () => expect(themeOf(t.given.presenting, t.given.present, parseTheme(t.given.url) ?? 'light')).toBe(t.want));
});
