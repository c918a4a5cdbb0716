// How bash cuts one command line: statements joined by `;`, `&&`, `||` (the runtime's
// splitScript), each a pipeline of commands joined by `|`, each with its redirections.

export { splitScript } from '../runtime/exec.ts';

/** Splits a statement at unquoted single `|` (a `||` never reaches here: splitScript took it). */
export function splitPipe(stmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  for (const ch of stmt) {
    if (q) {
      if (ch === q) q = null;
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === '|') {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Where a command's two streams go, after the redirections we simulate. */
export interface Redirects {
  stdout: 'pipe' | 'null' | 'stderr';
  stderr: 'terminal' | 'stdout' | 'null';
}

const REDIRECT = /^(\d?)>(&\d|.*)$/;

/**
 * Takes `2>/dev/null`, `>/dev/null`, `2>&1`, `&>/dev/null` off a command's words. Anything that
 * would write a file is refused: the workstation and the nodes have no writable file system.
 */
export function takeRedirects(words: string[]): { words: string[]; redirects: Redirects } | { error: string } {
  const rest: string[] = [];
  const redirects: Redirects = { stdout: 'pipe', stderr: 'terminal' };
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w === '&>/dev/null' || w === '&>') {
      if (w === '&>' && words[++i] !== '/dev/null') return { error: 'kubeplay: redirecting output to a file is not simulated' };
      redirects.stdout = 'null';
      redirects.stderr = 'null';
      continue;
    }
    const m = REDIRECT.exec(w);
    if (!m) {
      rest.push(w);
      continue;
    }
    let target = m[2]!;
    if (target === '') {
      target = words[++i] ?? '';
      w += ` ${target}`;
    }
    const fd = m[1] === '2' ? 'stderr' : 'stdout';
    if (target === '/dev/null') redirects[fd] = 'null';
    else if (fd === 'stderr' && target === '&1') redirects.stderr = redirects.stdout === 'null' ? 'null' : 'stdout';
    else if (fd === 'stdout' && target === '&2') redirects.stdout = 'stderr';
    else return { error: `kubeplay: ${w}: redirecting output to a file is not simulated` };
  }
  return { words: rest, redirects };
}
