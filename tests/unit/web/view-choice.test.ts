// What a press of "fit view" shows, which additions are out of sight, how a rule line is cut for
// the narrow "What changed" column, and how a restarted pod's last exit is read.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../core/api/types.ts';
import { lastExit } from '../../../web/graph/status.ts';
import { bringIntoSight, nextFit, outOfSight, type FitChoice } from '../../../web/graph/viewChoice.ts';
import { splitRule } from '../../../web/inspector/ruleText.ts';
import { ageAt } from '../../../web/time/format.ts';

const v = (x: number, y: number, zoom: number) => ({ x, y, zoom });
const framed = v(-260, 222, 0.86);
const whole = v(124, 251, 0.37);

describe('fit view press', () => {
  const cases: { name: string; given: { now: ReturnType<typeof v>; framed: ReturnType<typeof v> | null }; want: Pick<FitChoice, 'to' | 'toggles'> | null }[] = [
    { name: 'panned away: back to the frame', given: { now: v(0, 0, 1), framed }, want: { to: 'frame', toggles: true } },
    { name: 'the frame on screen: the whole graph (regression: the press looked like it did nothing)', given: { now: framed, framed }, want: { to: 'whole', toggles: true } },
    { name: 'the frame on screen, a pixel off after its animation: still the whole graph', given: { now: v(-261.5, 223, 0.861), framed }, want: { to: 'whole', toggles: true } },
    { name: 'the whole graph on screen: the frame again', given: { now: whole, framed }, want: { to: 'frame', toggles: true } },
    { name: 'no frame (a big cluster): the whole graph', given: { now: v(0, 0, 1), framed: null }, want: { to: 'whole', toggles: false } },
    { name: 'no frame, the whole graph on screen: nothing to move (the page says so)', given: { now: whole, framed: null }, want: null },
    { name: 'the frame is the whole graph and on screen: nothing to move', given: { now: whole, framed: v(125, 252, 0.371) }, want: null },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const got = nextFit(given.now, given.framed, whole);
    expect(got && { to: got.to, toggles: got.toggles }).toEqual(want);
  });
});

describe('out of sight', () => {
  const pane = { w: 800, h: 600 };
  const cases: { name: string; given: { x: number; y: number }; want: boolean }[] = [
    { name: 'in the pane', given: { x: 100, y: 100 }, want: false },
    { name: 'below the pane', given: { x: 100, y: 900 }, want: true },
    { name: 'left of it', given: { x: -400, y: 100 }, want: true },
    { name: 'half in: its middle decides', given: { x: 700, y: 100 }, want: false },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(outOfSight({ ...given, width: 200, height: 90 }, v(0, 0, 1), pane.w, pane.h)).toBe(want));

  it('brings a far box to the middle, zoomed out only as far as it needs', () => {
    const near = bringIntoSight({ x: 1000, y: 1000, width: 200, height: 90 }, v(0, 0, 1), 800, 600, 0.02);
    expect(near).toEqual({ zoom: 1, x: 400 - 1100, y: 300 - 1045 });
    const big = bringIntoSight({ x: 0, y: 0, width: 1600, height: 100 }, v(0, 0, 1), 800, 600, 0.02);
    expect(big.zoom).toBeCloseTo(0.425);
  });
});

describe('a rule line cut for a narrow column', () => {
  const cases: { name: string; given: [string, string]; want: [string, string] }[] = [
    {
      name: 'its own chain dropped, the target kept apart',
      given: ['-A KUBE-SVC-ABC -m comment --comment "default/web -> 10.244.1.3:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-XYZ', 'KUBE-SVC-ABC'],
      want: ['-m comment --comment "default/web -> 10.244.1.3:80" -m statistic --mode random --probability 0.33333333349', '-j KUBE-SEP-XYZ'],
    },
    { name: 'a target with options stays whole', given: ['-A KUBE-SEP-XYZ -p tcp -m tcp -j DNAT --to-destination 10.244.1.3:80', 'KUBE-SEP-XYZ'], want: ['-p tcp -m tcp', '-j DNAT --to-destination 10.244.1.3:80'] },
    { name: 'only a target', given: ['-A KUBE-SERVICES -j KUBE-NODEPORTS', 'KUBE-SERVICES'], want: ['', '-j KUBE-NODEPORTS'] },
    { name: 'another chain than the heading: kept', given: ['-A OTHER -j ACCEPT', 'KUBE-SERVICES'], want: ['-A OTHER', '-j ACCEPT'] },
    { name: 'no target', given: ['-A KUBE-MARK -m mark --mark 0x4000', 'KUBE-MARK'], want: ['-m mark --mark 0x4000', ''] },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(splitRule(...given)).toEqual(want));
});

describe('a restarted pod’s last exit', () => {
  const status = (name: string, restartCount: number, terminated?: object) => ({ name, image: 'busybox', imageID: '', ready: false, restartCount, state: { running: {} }, lastState: terminated ? { terminated } : {} });
  const pod = (...statuses: ReturnType<typeof status>[]): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] }, status: { phase: 'Running', containerStatuses: statuses } }) as unknown as Pod;
  const cases: { name: string; given: Pod; want: ReturnType<typeof lastExit> }[] = [
    { name: 'never restarted: nothing', given: pod(status('a', 0)), want: null },
    { name: 'restarted after exit 1', given: pod(status('a', 3, { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:00:30Z' })), want: { reason: 'Error', code: 1, at: '2025-01-01T00:00:30Z' } },
    { name: 'OOMKilled keeps its reason', given: pod(status('a', 1, { exitCode: 137, reason: 'OOMKilled', finishedAt: '2025-01-01T00:00:10Z' })), want: { reason: 'OOMKilled', code: 137, at: '2025-01-01T00:00:10Z' } },
    {
      name: 'of two containers, the later exit',
      given: pod(status('a', 1, { exitCode: 2, reason: 'Error', finishedAt: '2025-01-01T00:00:10Z' }), status('b', 2, { exitCode: 0, reason: 'Completed', finishedAt: '2025-01-01T00:00:40Z' })),
      want: { reason: 'Completed', code: 0, at: '2025-01-01T00:00:40Z' },
    },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(lastExit(given)).toEqual(want));

  it('ages in simulated time, as kubectl prints them', () => {
    expect(ageAt('2025-01-01T00:00:42Z', '2025-01-01T00:00:30Z')).toBe('12s');
    expect(ageAt('2025-01-01T00:03:30Z', '2025-01-01T00:00:30Z')).toBe('3m');
    expect(ageAt('2025-01-01T00:03:30Z', undefined)).toBe('');
  });
});
