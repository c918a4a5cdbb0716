// How bash cuts one command line: statements joined by `;`, `&&`, `||` (the runtime's
// splitScript), each a pipeline of commands joined by `|`, each with its redirections.

import type { ShellToken } from '../runtime/words.ts';

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

/** Length of the redirection operator at the start of `m` (`>`, `2>`, `2>&1`). */
function operatorLength(m: RegExpExecArray): number {
  return m[1]!.length + 1 + (m[2]!.startsWith('&') ? m[2]!.length : 0);
}

/**
 * Takes `2>/dev/null`, `>/dev/null`, `2>&1`, `&>/dev/null` off a command's words. As in bash an
 * operator counts only when unquoted: `grep ">"` searches for `>`. Anything that would write a
 * file is refused: the workstation and the nodes have no writable file system.
 */
export function takeRedirects(tokens: ShellToken[]): { words: string[]; redirects: Redirects } | { error: string } {
  const rest: string[] = [];
  const redirects: Redirects = { stdout: 'pipe', stderr: 'terminal' };
  for (let i = 0; i < tokens.length; i++) {
    const { word, quotedFrom } = tokens[i]!;
    let w = word;
    if ((w === '&>/dev/null' || w === '&>') && quotedFrom >= 2) {
      if (w === '&>' && tokens[++i]?.word !== '/dev/null') return { error: 'kubeplay: redirecting output to a file is not simulated' };
      redirects.stdout = 'null';
      redirects.stderr = 'null';
      continue;
    }
    const m = REDIRECT.exec(w);
    if (!m || quotedFrom < operatorLength(m)) {
      rest.push(w);
      continue;
    }
    let target = m[2]!;
    if (target === '') {
      target = tokens[++i]?.word ?? '';
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
