// Label selectors, equality- and set-based, as in k8s.io/apimachinery/pkg/labels.

import type { LabelSelector } from './types.ts';

type Labels = Record<string, string> | undefined;

/** A Service-style selector (a plain map): empty or missing matches nothing here, as Services do. */
export function matchesMap(sel: Record<string, string> | undefined, labels: Labels): boolean {
  if (!sel || Object.keys(sel).length === 0) return false;
  return Object.entries(sel).every(([k, v]) => labels?.[k] === v);
}

/** A metav1.LabelSelector: an empty selector matches everything. */
export function matchesSelector(sel: LabelSelector | undefined, labels: Labels): boolean {
  if (!sel) return false;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels?.[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = labels !== undefined && r.key in labels;
    const val = labels?.[r.key];
    switch (r.operator) {
      case 'In':
        if (!has || !(r.values ?? []).includes(val!)) return false;
        break;
      case 'NotIn':
        if (has && (r.values ?? []).includes(val!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Parses a `-l` selector string: "app=web,tier!=db,env in (a,b),!legacy". */
export function parseSelector(s: string): LabelSelector | Error {
  const sel: Required<LabelSelector> = { matchLabels: {}, matchExpressions: [] };
  const parts = s.match(/([^,(]+(\([^)]*\))?)/g) ?? [];
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      sel.matchExpressions.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((x) => x.trim()) });
    } else if ((m = /^([\w./-]+)\s*!=\s*([\w.-]*)$/.exec(p))) {
      sel.matchExpressions.push({ key: m[1]!, operator: 'NotIn', values: [m[2]!] });
    } else if ((m = /^([\w./-]+)\s*==?\s*([\w.-]*)$/.exec(p))) {
      sel.matchLabels[m[1]!] = m[2]!;
    } else if ((m = /^!([\w./-]+)$/.exec(p))) {
      sel.matchExpressions.push({ key: m[1]!, operator: 'DoesNotExist' });
    } else if ((m = /^([\w./-]+)$/.exec(p))) {
      sel.matchExpressions.push({ key: m[1]!, operator: 'Exists' });
    } else {
      return new Error(`unable to parse requirement: ${p}`);
    }
  }
  return sel;
}
