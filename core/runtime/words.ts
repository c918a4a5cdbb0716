// Shell word splitting shared by the behaviour model, exec and the command line.

/** One word after quote removal; `quotedFrom` is where its first quoted character sits. */
export interface ShellToken {
  word: string;
  /** Index in `word` of the first character that came from inside quotes (Infinity if none). */
  quotedFrom: number;
}

/** Splits a shell line into words, honouring single and double quotes. */
export function shellTokens(s: string): ShellToken[] {
  const out: ShellToken[] = [];
  let cur = '';
  let q: string | null = null;
  let quotedFrom = Infinity;
  const push = (): void => {
    if (quotedFrom !== Infinity || cur) out.push({ word: cur, quotedFrom });
    cur = '';
    quotedFrom = Infinity;
  };
  for (const ch of s) {
    if (q) {
      if (ch === q) q = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      quotedFrom = Math.min(quotedFrom, cur.length);
    } else if (/\s/.test(ch)) push();
    else cur += ch;
  }
  push();
  return out;
}

/** The words of a shell line, quotes removed. */
export function shellWords(s: string): string[] {
  return shellTokens(s).map((t) => t.word);
}
