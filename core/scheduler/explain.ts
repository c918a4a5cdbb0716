// "Why this node?" — the scheduler's kept decision, in words: which nodes each filter
// plugin ruled out, and how the feasible ones scored, plugin by plugin.

import type { Decision } from './types.ts';
import { verdictsOf } from './verdicts.ts';

/** A table per node: the filter verdict (plugin: reason) and each score plugin's normalized score. */
export function explainDecision(d: Decision): string {
  const verdicts = new Map(verdictsOf(d.filters));
  const nodes = [...verdicts.keys()].sort();
  const plugins = [...new Set(Object.values(d.scores).flatMap((s) => Object.keys(s)).filter((k) => k !== 'total'))];
  const rows: string[][] = [['NODE', 'FILTER', ...plugins.map(short), 'TOTAL']];
  for (const n of nodes) {
    const f = verdicts.get(n)!;
    const verdict = f.code === 'Success' ? 'fits' : `${f.plugin ? `${f.plugin}: ` : ''}${f.reasons.join('; ')}`;
    const s = d.scores[n];
    rows.push([n + (n === d.node ? ' *' : ''), verdict, ...plugins.map((p) => (s?.[p] !== undefined ? String(s[p]) : '-')), s?.total !== undefined ? String(s.total) : '-']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('').trimEnd()).join('\n');
  const head = d.node ? `bound to ${d.node}` : `not scheduled: ${d.message ?? ''}`;
  const pre = d.preemption?.node ? `\npreemption: nominated ${d.preemption.node}, evicting ${d.preemption.victims.join(', ')}` : '';
  return `${head}${pre}\n${table}\n`;
}

const SHORT: Record<string, string> = {
  TaintToleration: 'TAINT', NodeAffinity: 'AFFINITY', PodTopologySpread: 'SPREAD', InterPodAffinity: 'PODAFF',
  NodeResourcesFit: 'LEASTALLOC', NodeResourcesBalancedAllocation: 'BALANCED', ImageLocality: 'IMAGE',
};
const short = (p: string) => SHORT[p] ?? p.toUpperCase();
