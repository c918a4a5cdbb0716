// `kubectl get --sort-by=<jsonpath>`, after kubectl's RuntimeSorter: numbers by value,
// timestamps by time, quantities by value, other strings in natural order (fvbommel/sortorder), objects without
// the field first; an error when no object has it.
import type { KObject } from '../api/types.ts';
import { parseQuantity } from '../api/quantity.ts';
import { evalPath, parseTemplate, relaxedPath } from './jsonpath.ts';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** sortorder.NaturalLess: digit runs compare as numbers, and digits sort before other characters. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const da = isDigit(a[i]);
    const db = isDigit(b[j]);
    if (da !== db) return da;
    if (!da) {
      if (a[i] !== b[j]) return a[i]! < b[j]!;
      i++;
      j++;
      continue;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    const si = i;
    const sj = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    if (i - si !== j - sj) return i - si < j - sj;
    const na = a.slice(si, i);
    const nb = b.slice(sj, j);
    if (na !== nb) return na < nb;
    if (si !== sj) return si < sj;
  }
  return a.length - i < b.length - j;
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
/** Where typed objects hold resource.Quantity values (requests, limits, capacity ...). */
const QUANTITY_FIELD = /\.(requests|limits|capacity|allocatable|overhead)(\.|\[|\}|$)/;

function less(x: unknown, y: unknown, quantities: boolean): boolean {
  if (typeof x === 'number' && typeof y === 'number') return x < y;
  if (typeof x === 'string' && typeof y === 'string') {
    // The sorter decodes into typed objects: metav1.Time compares as a time, resource.Quantity by value.
    if (RFC3339.test(x) && RFC3339.test(y)) return Date.parse(x) < Date.parse(y);
    const qx = quantities ? parseQuantity(x) : undefined;
    const qy = quantities ? parseQuantity(y) : undefined;
    if (qx !== undefined && qy !== undefined) return qx < qy;
    return naturalLess(x, y);
  }
  if (typeof x === 'boolean' && typeof y === 'boolean') return !x && y;
  return naturalLess(String(x), String(y));
}

/** Objects in --sort-by order (stable), or the error kubectl prints. */
export function sortObjects(objects: KObject[], sortBy: string): KObject[] | Error {
  const field = relaxedPath(sortBy);
  if (field instanceof Error) return field;
  const node = parseTemplate(field)[0];
  if (node?.t !== 'path') return new Error(`couldn't find any field with path "${field}" in the list of objects`);
  const keyed = objects.map((o) => ({ o, v: evalPath([o], node.segs)[0] }));
  if (objects.length > 0 && keyed.every((k) => k.v === undefined)) return new Error(`couldn't find any field with path "${field}" in the list of objects`);
  const quantities = QUANTITY_FIELD.test(field);
  const cmp = (a: unknown, b: unknown): number => {
    if (a === undefined) return b === undefined ? 0 : -1;
    if (b === undefined) return 1;
    return less(a, b, quantities) ? -1 : less(b, a, quantities) ? 1 : 0;
  };
  return keyed.sort((a, b) => cmp(a.v, b.v)).map((k) => k.o);
}
