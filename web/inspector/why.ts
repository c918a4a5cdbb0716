// Reading a "why" line for its verdict, so the inspector can mark it ✓ or ✗.
export type Verdict = 'yes' | 'no' | 'info';

export function verdict(line: string): Verdict {
  if (/: fits$|a ready endpoint|^Scheduled to /.test(line)) return 'yes';
  if (/rejected by|not selected|not Ready|terminating|no IP yet|nodes are available|does not match/.test(line)) return 'no';
  return 'info';
}
