// The trace panel's reading of a packet trace: hops grouped by the node they happen on, each
// netfilter hook a heading, and the runs of hops that decided nothing (a random branch not taken,
// a chain jumped into that returned without a match) folded into one expandable row. Also which
// pod a trace starts from by default, and whether that pod could send a packet at all.
import type { Pod } from '../../core/api/types.ts';
import { podStatus } from '../graph/status.ts';
import type { Hop } from '../graph/viewTypes.ts';

export type HopRow =
  | { kind: 'hook' | 'hop'; index: number }
  /** Hops without a match, `count` of them (a not-taken branch, or a jump into a chain and back). */
  | { kind: 'skipped'; indices: number[]; count: number };

export interface HopGroup {
  node: string;
  rows: HopRow[];
}

const isBack = (h: Hop | undefined): boolean => h?.kind === 'chain' && h.msg?.id === 'trace.chain.back';

/** How many hops from `i` on form one thing that matched nothing (0: hop i decided something). */
function unmatched(hops: Hop[], i: number): number {
  const h = hops[i]!;
  if (h.kind === 'branch' && !h.branch?.taken) return 1;
  // `-j CHAIN` matched, CHAIN had no rule for the packet, and it came back: nothing decided.
  const entry = h.kind === 'rule' ? i + 1 : i;
  const into = hops[entry];
  const jumped = h.kind !== 'rule' || (!!into?.chain && h.rule?.line.endsWith(`-j ${into.chain}`));
  if (jumped && into?.kind === 'chain' && !isBack(into) && isBack(hops[entry + 1])) return entry + 2 - i;
  return 0;
}

export function groupHops(hops: Hop[]): HopGroup[] {
  const groups: HopGroup[] = [];
  // A hop without a node (DNS, the outcome) belongs with its neighbours.
  const nodeAt = (i: number): string => hops[i]?.node ?? groups.at(-1)?.node ?? hops.find((h) => h.node)?.node ?? '';
  for (let i = 0; i < hops.length;) {
    const node = nodeAt(i);
    if (groups.at(-1)?.node !== node) groups.push({ node, rows: [] });
    const rows = groups.at(-1)!.rows;
    const n = unmatched(hops, i);
    if (n) {
      const last = rows.at(-1);
      const run = Array.from({ length: n }, (_, k) => i + k);
      if (last?.kind === 'skipped') {
        last.indices.push(...run);
        last.count++;
      } else rows.push({ kind: 'skipped', indices: run, count: 1 });
      i += n;
      continue;
    }
    rows.push({ kind: hops[i]!.kind === 'hook' ? 'hook' : 'hop', index: i });
    i++;
  }
  return groups;
}

/** A pod that could send a packet now: its phase Running and it Ready. */
export const canSend = (p: Pod): boolean =>
  p.status?.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * Why nothing in the pod can send a packet, as kubectl's STATUS column says it: none of its
 * containers is running (held back by the kubelet, or exited). null when one is running.
 */
export const notRunning = (p: Pod): string | null =>
  (p.status?.containerStatuses ?? []).some((c) => c.state?.running) ? null : podStatus(p).status;

/**
 * How the path's probability comes about: each random branch on the way, p where it was taken and
 * 1 − p where the packet went past it (`0.667 × 0.500`).
 */
export const pathFactors = (hops: Hop[]): string =>
  hops.flatMap((h) => (h.branch ? [(h.branch.taken ? h.branch.probability : 1 - h.branch.probability).toFixed(3)] : [])).join(' × ');
