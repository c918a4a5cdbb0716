// Just enough of apimachinery's resource.Quantity for describe: parse "100m", "0.5",
// "128Mi", "1G"; add; print in canonical form (what Quantity.String() shows, so "0.5"
// prints as "500m" and "1024Mi" as "1Gi").

export interface Quantity {
  /** Value in thousandths, so "100m" is 100 and "1" is 1000. */
  milli: number;
  binary: boolean;
}

export const ZERO: Quantity = { milli: 0, binary: false };

const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

export function parseQuantity(v: string | number | undefined): Quantity {
  if (v === undefined) return ZERO;
  if (typeof v === 'number') return { milli: Math.round(v * 1000), binary: false };
  const m = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(v.trim());
  if (!m) return ZERO;
  const num = Number(m[1]! + (m[2] ?? ''));
  const suffix = m[3] ?? '';
  const binary = suffix in BINARY;
  const mult = binary ? BINARY[suffix]! : DECIMAL[suffix]!;
  return { milli: Math.round(num * mult * 1000), binary };
}

/** Sum keeps the first operand's format, as Quantity.Add does. */
export const addQuantity = (a: Quantity, b: Quantity): Quantity => ({ milli: a.milli + b.milli, binary: a.binary });

export function formatQuantity(q: Quantity): string {
  const { milli } = q;
  if (milli === 0) return '0';
  const whole = milli % 1000 === 0;
  if (q.binary && whole && Math.abs(milli) >= 1024 * 1000) {
    const value = milli / 1000;
    const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    let i = 0;
    let n = value;
    while (i < suffixes.length - 1 && n % 1024 === 0) {
      n /= 1024;
      i++;
    }
    return `${n}${suffixes[i]}`;
  }
  if (!whole) return `${milli}m`;
  let n = milli / 1000;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  while (i < suffixes.length - 1 && n % 1000 === 0) {
    n /= 1000;
    i++;
  }
  return `${n}${suffixes[i]}`;
}
