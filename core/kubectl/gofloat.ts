// A non-integer float as go-yaml v2 writes it: strconv.FormatFloat(f, 'g', -1, 64), whose
// shortest form switches to an exponent when exp < -4 or exp >= 6 ("1.5e+06"), with
// YAML's names for the special values.
export function formatYamlFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp >= -4 && exp < 6) return String(f);
  const [mant, e] = f.toExponential().split('e') as [string, string];
  const sign = e.startsWith('-') ? '-' : '+';
  return `${mant}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
}
