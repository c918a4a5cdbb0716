// The trace panel's hop list: grouped by node, unmatched runs folded; which pod can send.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../core/api/types.ts';
import type { Hop } from '../../../web/graph/viewTypes.ts';
import { canSend, groupHops, notRunning, pathFactors } from '../../../web/inspector/traceHops.ts';

const hook = (node: string, h: string): Hop => ({ kind: 'hook', node, text: `${node}: netfilter ${h}` });
const enter = (node: string, chain: string): Hop => ({ kind: 'chain', node, table: 'filter', chain, text: `-> filter ${chain}` });
const back = (node: string, chain: string): Hop => ({ kind: 'chain', node, table: 'filter', chain, text: `<- back in filter ${chain}`, msg: { id: 'trace.chain.back', params: { table: 'filter', chain } } } as Hop);
const rule = (node: string, chain: string, index: number, target: string): Hop => ({ kind: 'rule', node, table: 'filter', chain, rule: { index, line: `-A ${chain} -j ${target}` }, text: `-A ${chain} -j ${target}` });
const branch = (node: string, taken: boolean): Hop => ({ kind: 'branch', node, table: 'nat', chain: 'KUBE-SVC-X', rule: { index: 1, line: '-A KUBE-SVC-X -j KUBE-SEP-A' }, branch: { probability: 0.5, taken, forced: false }, text: 'random branch' });
const dns: Hop = { kind: 'route', text: 'DNS: web -> 10.96.0.10' };
const outcome: Hop = { kind: 'outcome', text: 'delivered' };

/** Rows as short strings: `hook@i`, `hop@i`, `skip×count[i,j,…]`, grouped per node. */
const show = (hops: Hop[]) => groupHops(hops).map((g) => `${g.node}: ${g.rows.map((r) => (r.kind === 'skipped' ? `skip×${r.count}[${r.indices}]` : `${r.kind}@${r.index}`)).join(' ')}`);

describe('hop groups', () => {
  const cases: { name: string; given: Hop[]; want: string[] }[] = [
    {
      name: 'a jump into a chain that returns with no match folds with its jump rule',
      given: [hook('w1', 'FORWARD'), enter('w1', 'FORWARD'), rule('w1', 'FORWARD', 1, 'KUBE-FW'), enter('w1', 'KUBE-FW'), back('w1', 'FORWARD'), rule('w1', 'FORWARD', 2, 'ACCEPT')],
      want: ['w1: hook@0 hop@1 skip×1[2,3,4] hop@5'],
    },
    {
      name: 'consecutive empty chains and not-taken branches fold into one row, counted',
      given: [rule('w1', 'FORWARD', 1, 'A'), enter('w1', 'A'), back('w1', 'FORWARD'), rule('w1', 'FORWARD', 2, 'B'), enter('w1', 'B'), back('w1', 'FORWARD'), branch('w1', false), branch('w1', true)],
      want: ['w1: skip×3[0,1,2,3,4,5,6] hop@7'],
    },
    {
      name: 'a chain with a matching rule stays, and so does its jump',
      given: [rule('w1', 'FORWARD', 1, 'A'), enter('w1', 'A'), rule('w1', 'A', 1, 'RETURN'), back('w1', 'FORWARD')],
      want: ['w1: hop@0 hop@1 hop@2 hop@3'],
    },
    {
      name: 'a rule whose target is not the chain entered next is not folded with it',
      given: [rule('w1', 'FORWARD', 1, 'ACCEPT'), enter('w1', 'B'), back('w1', 'FORWARD')],
      want: ['w1: hop@0 skip×1[1,2]'],
    },
    {
      name: 'by node, in the order the packet crosses them; DNS and the outcome join their neighbours',
      given: [dns, hook('w1', 'PREROUTING'), hook('w2', 'PREROUTING'), outcome],
      want: ['w1: hop@0 hook@1', 'w2: hook@2 hop@3'],
    },
    { name: 'no hops', given: [], want: [] },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(show(given)).toEqual(want));
});

describe('which pod can send', () => {
  const pod = (phase: string, ready: boolean, state: object): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox' }] },
    status: {
      phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'app', image: 'busybox', imageID: '', ready, restartCount: 3, state }],
    },
  }) as Pod;
  const cases: { name: string; given: Pod; want: { canSend: boolean; notRunning: string | null } }[] = [
    { name: 'running and ready', given: pod('Running', true, { running: { startedAt: '' } }), want: { canSend: true, notRunning: null } },
    { name: 'running, not ready (readiness probe failing): a process can still send', given: pod('Running', false, { running: { startedAt: '' } }), want: { canSend: false, notRunning: null } },
    { name: 'crash-looping', given: pod('Running', false, { waiting: { reason: 'CrashLoopBackOff' } }), want: { canSend: false, notRunning: 'CrashLoopBackOff' } },
    { name: 'exited', given: pod('Running', false, { terminated: { exitCode: 1, reason: 'Error' } }), want: { canSend: false, notRunning: 'Error' } },
  ];
  it.each(cases)('$name', ({ given, want }) => expect({ canSend: canSend(given), notRunning: notRunning(given) }).toEqual(want));
});

describe('how the path probability comes about', () => {
  const b = (probability: number, taken: boolean): Hop => ({ kind: 'branch', node: 'w1', text: 'random branch', branch: { probability, taken, forced: false } });
  const cases: { name: string; given: Hop[]; want: string }[] = [
    { name: 'three endpoints, the second picked: passed the first (1 − 1/3), took the second (1/2)', given: [b(0.3333333333, false), b(0.5, true)], want: '0.667 × 0.500' },
    { name: 'the first taken: its own p', given: [b(0.25, true), rule('w1', 'KUBE-SEP-A', 1, 'DNAT')], want: '0.250' },
    { name: 'no random branch', given: [rule('w1', 'FORWARD', 1, 'ACCEPT')], want: '' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(pathFactors(given)).toBe(want));
});
