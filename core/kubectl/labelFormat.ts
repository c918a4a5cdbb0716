// Label and selector strings as apimachinery prints them (labels.FormatLabels,
// metav1.FormatLabelSelector / Selector.String()). Parsing and matching selectors is
// core/api/labels.ts; this file only formats.
import type { LabelSelector } from '../api/types.ts';

/** Go's sort.Strings: byte order, not locale order. */
export const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `k1=v1,k2=v2` sorted by key; `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** Selector.String(): requirements sorted by key; '' for an empty selector. */
export function selectorString(sel: LabelSelector | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(byteCompare).join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${values})`
      : e.operator === 'NotIn' ? `${e.key} notin (${values})`
      : e.operator === 'Exists' ? e.key
      : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  return reqs.sort((a, b) => byteCompare(a.key, b.key)).map((r) => r.text).join(',');
}

/** FormatLabelSelector: like selectorString but `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  return selectorString(sel) || '<none>';
}
