// Command-line parsing shared by kubectl and node tools: words (with quotes) and flags.

export { shellWords } from '../runtime/behaviour.ts';

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Flags that take a value when written as `-f X` (not `--flag=X`). */
const VALUE_FLAGS = new Set(['-o', '--output', '-n', '--namespace', '-f', '--filename', '-l', '--selector', '-c', '--container', '--replicas', '--tail', '-t', '--grace-period', '--since', '--field-selector', '--sort-by', '--timeout', '-u', '--unit', '--from', '--to', '--proto', '--to-revision', '--pick', '-L', '--label-columns']);

/** Flags that may be given more than once; their values join with commas, as kubectl's string slices do. */
const REPEATED = new Set(['-L', '--label-columns']);

export function parseArgs(words: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const set = (name: string, value: string): void => {
    const prev = flags.get(name);
    flags.set(name, REPEATED.has(name) && typeof prev === 'string' ? `${prev},${value}` : value);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      positional.push('--', ...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--') && w.includes('=')) {
      const eq = w.indexOf('=');
      set(w.slice(0, eq), w.slice(eq + 1));
    } else if (/^-[a-zA-Z]=/.test(w)) {
      set(w.slice(0, 2), w.slice(3));
    } else if (VALUE_FLAGS.has(w) && i + 1 < words.length) {
      set(w, words[++i]!);
    } else if (/^-[a-zA-Z]./.test(w) && VALUE_FLAGS.has(w.slice(0, 2))) {
      // pflag reads a value glued to a short flag: -owide, -nkube-system, -lapp=web.
      set(w.slice(0, 2), w.slice(2));
    } else if (/^-[a-zA-Z]{2,}$/.test(w) && !VALUE_FLAGS.has(w)) {
      for (const ch of w.slice(1)) flags.set(`-${ch}`, true);
    } else if (w.startsWith('-') && w.length > 1) {
      flags.set(w, true);
    } else positional.push(w);
  }
  return { positional, flags };
}

export function flag(p: Parsed, ...names: string[]): string | true | undefined {
  for (const n of names) {
    const v = p.flags.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Parses "40s", "5m", "1h30m", "2.5s", or plain seconds, into milliseconds. */
export function parseDurationMs(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}
