// An iptables-save rule line split for a narrow column (ChangesPanel): the matches, which may be
// cut short, and the target (`-j KUBE-SEP-…`, `-j DNAT --to-destination …`), which never is.

/** [matches, target]: `-A CHAIN ` dropped when CHAIN is the chain shown above; target '' if none. */
export function splitRule(line: string, chain: string): [string, string] {
  const own = `-A ${chain} `;
  const rest = line.startsWith(own) ? line.slice(own.length) : line;
  const at = rest.lastIndexOf(' -j ');
  if (at >= 0) return [rest.slice(0, at), rest.slice(at + 1)];
  return rest.startsWith('-j ') ? ['', rest] : [rest, ''];
}
