// resource.Quantity as kubectl prints it (Quantity.String(): "0.5" prints as "500m",
// "1024Mi" as "1Gi"). Parsing is core/api's; what kubectl adds is the format a quantity
// keeps — binary (Ki, Mi, ...) or decimal — and sums that keep the first operand's format.
import { parseQuantity as parseValue } from '../api/quantity.ts';

export interface Quantity {
  /** Value in thousandths, so "100m" is 100 and "1" is 1000. */
  milli: number;
  binary: boolean;
}

export const ZERO: Quantity = { milli: 0, binary: false };

/** An invalid or missing quantity counts as zero, as describe treats it. */
export function parseQuantity(v: string | number | undefined): Quantity {
  const value = parseValue(v);
  if (value === undefined) return ZERO;
  return { milli: Math.round(value * 1000), binary: typeof v === 'string' && /[KMGTPE]i$/.test(v.trim()) };
}

/** Sum keeps the first operand's format, as Quantity.Add does. */
export const addQuantity = (a: Quantity, b: Quantity): Quantity => ({ milli: a.milli + b.milli, binary: a.binary });

/** The largest suffix that divides the value exactly, for whole values; milli-units otherwise. */
function withSuffix(n: number, base: number, suffixes: string[]): string {
  let i = 0;
  while (i < suffixes.length - 1 && n % base === 0) {
    n /= base;
    i++;
  }
  return `${n}${suffixes[i]}`;
}

export function formatQuantity(q: Quantity): string {
  const { milli } = q;
  if (milli === 0) return '0';
  const whole = milli % 1000 === 0;
  if (q.binary && whole && Math.abs(milli) >= 1024 * 1000) return withSuffix(milli / 1000, 1024, ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
  if (!whole) return `${milli}m`;
  return withSuffix(milli / 1000, 1000, ['', 'k', 'M', 'G', 'T', 'P', 'E']);
}
