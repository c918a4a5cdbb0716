import { describe, expect, it } from 'vitest';
import { endpointRoute, roundedPath } from '../../../web/graph/route.ts';

describe('endpointRoute', () => {
  it('goes down to the bus, along it, down the gutter and into the pod', () => {
    expect(endpointRoute({ x: 100, y: -100 }, { x: 300, y: 150 }, -20, 13)).toEqual([
      { x: 100, y: -100 },
      { x: 100, y: -20 },
      { x: 287, y: -20 },
      { x: 287, y: 150 },
      { x: 300, y: 150 },
    ]);
  });
  it('moves the bus between the ends when the Service sits below it', () => {
    expect(endpointRoute({ x: 0, y: 100 }, { x: 50, y: 300 }, -20, 13)[1]).toEqual({ x: 0, y: 200 });
  });
});

describe('roundedPath', () => {
  it('rounds corners and drops collinear points', () => {
    const d = roundedPath([{ x: 0, y: 0 }, { x: 0, y: 50 }, { x: 0, y: 100 }, { x: 100, y: 100 }], 10);
    expect(d).toBe('M 0 0 L 0 90 Q 0 100 10 100 L 100 100');
  });
  it('draws nothing for a single point', () => {
    expect(roundedPath([{ x: 1, y: 1 }, { x: 1, y: 1 }], 10)).toBe('');
  });
});
