// The packet tracer's data: a packet's state as it moves, and the hops it leaves behind
// (what the page draws and what `trace` prints).

import type { Message } from '../../views/message.ts';

export type Proto = 'tcp' | 'udp' | 'sctp' | 'icmp';

export interface Packet {
  proto: Proto;
  src: string;
  sport: number;
  dst: string;
  dport: number;
  /** skb->mark (kube-proxy's 0x4000 masquerade bit lives here). */
  mark: number;
  /** Interface the packet arrived on at the current node (undefined: locally generated). */
  inIf?: string;
  outIf?: string;
  /** Arrived through a bridge port (br_netfilter: `-m physdev --physdev-is-in`). */
  bridged: boolean;
  /** First packet of a connection: the nat table only sees these. */
  ctNew: boolean;
  /** The connection's destination was rewritten (conntrack state DNAT). */
  ctDnat: boolean;
}

export type HopKind =
  | 'netns' | 'link' | 'hook' | 'chain' | 'rule' | 'branch' | 'nat' | 'route' | 'conntrack' | 'ipvs' | 'outcome';

export interface Hop {
  kind: HopKind;
  node?: string;
  text: string;
  /** `text` as a message for the page to translate; absent where the text is a tool's own (rule lines, chain names). */
  msg?: Message;
  table?: string;
  chain?: string;
  /** 1-based position in the chain, and the rule as `iptables-save` prints it. */
  rule?: { index: number; line: string };
  /** Probabilistic branch: the rule's probability, whether it was taken, and whether --pick forced it. */
  branch?: { probability: number; taken: boolean; forced: boolean };
  nat?: { type: 'DNAT' | 'SNAT' | 'MASQUERADE'; before: string; after: string };
}

export type OutcomeKind = 'delivered' | 'rejected' | 'dropped' | 'unreachable' | 'refused' | 'left-cluster' | 'local';

export interface Outcome {
  kind: OutcomeKind;
  text: string;
  msg: Message;
  pod?: { namespace: string; name: string; node: string; ip: string };
}

export interface TraceResult {
  request: { from: string; to: string; proto: Proto };
  /** The packet as the source sent it. */
  sent: Packet;
  hops: Hop[];
  outcome: Outcome;
  /** Probability of this exact path over the random branches it took (1 without any). */
  probability: number;
}
